package dev.sobolev.cli;

import dev.sobolev.reports.experiments.DeltaMinExperiment;
import dev.sobolev.reports.experiments.Problems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev experiment delta-min}: Table 1 of McDonagh &amp; Chen ({@link DeltaMinExperiment}). */
@Command(name = "delta-min", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Table 1 of McDonagh & Chen (section 4, eq. 11): networks of each complexity eta trained with "
                + "and without gradients on draws from a fixed pool of 1000 rows, scored on 1000 exact test rows; the "
                + "delta-min bound (where the two modes' mean test RMSEs are closest) against the optimal eta (lowest "
                + "mean test RMSE over both modes), beside the paper's row. Defaults: 2d at N = 50,100,300,500,700, "
                + "eta = 2,4,8,12,16,24,32,48, 3 draws (16 min on one thread of a 2-core machine); 4d at "
                + "N = 100,300,500,700, eta = 2,4,6,8,12,16,24,32, 3 draws (12 min); 8d at N = 2500, "
                + "eta = 4,8,12,16,24, 2 draws. A training costs about N * eta^2."})
final class ExperimentDeltaMinCommand implements Runnable {
    @Option(names = "--problem", defaultValue = "2d", description = "2d (cosine simulator, eq. 7), 4d (GARCH(1,1) "
            + "forecasts, eqs. 12-13) or 8d (eq. 14) (default: ${DEFAULT-VALUE}).")
    String problem;

    @Mixin
    GridOptions grid;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        DeltaMinExperiment.Settings settings = DeltaMinExperiment.Settings.of(Problems.named(problem), grid.sizes,
                grid.etas, experiment.draws, common.seed, common.threads());
        ExperimentCommand.run(spec, common, experiment, () -> DeltaMinExperiment.run(settings),
                DeltaMinExperiment.Result::report, DeltaMinExperiment.Result::json);
    }
}
