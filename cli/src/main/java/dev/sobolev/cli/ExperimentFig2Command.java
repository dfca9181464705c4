package dev.sobolev.cli;

import dev.sobolev.reports.experiments.Fig2Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sobolev experiment fig2}: Figure 2 of McDonagh &amp; Chen ({@link Fig2Experiment}). */
@Command(name = "fig2", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Figure 2 of McDonagh & Chen (section 3): test RMSE and Pearson correlation of 2-D surrogates "
                + "over training sizes and complexities eta, with and without gradients, averaged over draws from a "
                + "fixed pool of 1000 rows. Defaults as delta-min --problem 2d: N = 50,100,300,500,700, "
                + "eta = 2,4,8,12,16,24,32,48, 3 draws (16 min on one thread of a 2-core machine)."})
final class ExperimentFig2Command implements Runnable {
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
        Fig2Experiment.Settings settings = Fig2Experiment.Settings.of(grid.sizes, grid.etas, experiment.draws,
                common.seed, common.threads());
        ExperimentCommand.run(spec, common, experiment, () -> Fig2Experiment.run(settings),
                Fig2Experiment.Result::report, Fig2Experiment.Result::json);
    }
}
