package dev.sobolev.cli;

import dev.sobolev.reports.experiments.Fig1Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sobolev experiment fig1}: Figure 1 of McDonagh &amp; Chen ({@link Fig1Experiment}). */
@Command(name = "fig1", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Figure 1 of McDonagh & Chen (section 2): Z = 2X^2 + eps, eps ~ N(0, 1), X ~ U[-1, 1], learned "
                + "by 4 hidden layers of 16 tanh units with gradient labels 4X and without; training and test RMSE "
                + "and the mean absolute change of the parameters per epoch, averaged over runs (--draws, default 5) "
                + "at N = 250 and 1000 (--sizes; 37 s on one thread, experiments/README.md)."})
final class ExperimentFig1Command implements Runnable {
    @Mixin
    SizesOptions grid;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Fig1Experiment.Settings settings = Fig1Experiment.Settings.of(grid.sizes, experiment.draws, common.seed,
                common.threads());
        ExperimentCommand.run(spec, common, experiment, () -> Fig1Experiment.run(settings),
                Fig1Experiment.Result::report, Fig1Experiment.Result::json);
    }
}
