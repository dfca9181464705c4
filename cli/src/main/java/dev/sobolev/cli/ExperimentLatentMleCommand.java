package dev.sobolev.cli;

import java.util.List;

import dev.sobolev.reports.experiments.LatentMleExperiment;
import dev.sobolev.reports.experiments.LatentMleExperiment.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev experiment latent-mle}: {@link LatentMleExperiment} (McDonagh &amp; Chen §3, Fig. 3). */
@Command(name = "latent-mle", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latent-parameter MLE through surrogates (McDonagh & Chen, section 3, Fig. 3): noisy "
                + "observations of the 2-D cosine simulator (eq. 7) at theta* = (5, 5) fitted by maximum likelihood "
                + "(eq. 9) with the exact simulator (theta-hat +- SE) and through surrogates trained with and without "
                + "gradients at the optimal complexity of each training size, each on --observation-sets independent "
                + "observation sets; the mean |theta-hat - theta*| over the sets and surrogates per size and mode. "
                + "--draws surrogates per size, mode and eta (default 10). The default run trains 240 surrogates and "
                + "fits each on 20 observation sets: a few minutes on 2 threads."})
final class ExperimentLatentMleCommand implements Runnable {
    @Mixin
    CommonOptions common;
    @Mixin
    ExperimentOptions options;
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N[,N...]",
            description = "Training sizes N (default: 50,100,300, the sizes of the paper's claim).")
    List<Integer> sizes;

    @Option(names = "--etas", split = ",", paramLabel = "ETA[,ETA...]",
            description = "Complexity eta (4 hidden layers of 4 eta tanh units): one value fixes it, several form the "
                    + "grid whose lowest mean test RMSE picks the optimal one per size and mode (default: 4,8,16,32).")
    List<Integer> etas;

    @Option(names = "--observations", paramLabel = "N", defaultValue = "" + Settings.DEFAULT_OBSERVATIONS,
            description = "Observed vectors of the ten outputs (default: ${DEFAULT-VALUE}, the paper's).")
    int observations;

    @Option(names = "--observation-sets", paramLabel = "K", defaultValue = "" + Settings.DEFAULT_OBSERVATION_SETS,
            description = "Independent observation sets, shared by every surrogate and both modes; each fit is "
                    + "repeated on every set and errors are means over them (default: ${DEFAULT-VALUE}; 1 is the "
                    + "paper's single set).")
    int observationSets;

    @Option(names = "--noise-variance", paramLabel = "S2", defaultValue = "" + Settings.DEFAULT_NOISE_VARIANCE,
            description = "Variance of the observation noise, also the likelihood's sigma^2 (default: "
                    + "${DEFAULT-VALUE}, the paper's).")
    double noiseVariance;

    @Option(names = "--starts", paramLabel = "K", defaultValue = "" + Settings.DEFAULT_STARTS,
            description = "Starting points of each MLE (default: ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--test-size", paramLabel = "N", defaultValue = "" + Settings.DEFAULT_TEST_ROWS,
            description = "Test rows of the RMSE that picks the complexity (default: ${DEFAULT-VALUE}, the paper's).")
    int testRows;

    @Option(names = "--replications", paramLabel = "R", defaultValue = "" + Settings.DEFAULT_REPLICATIONS,
            description = "Independent observation sets fitted with the exact simulator to measure the coverage of "
                    + "its standard errors; 0 skips it (default: ${DEFAULT-VALUE}).")
    int replications;

    @Override
    public void run() {
        options.checkedOut(spec.name());
        Settings settings = new Settings(common.seed, sizes == null ? Settings.DEFAULT_SIZES : sizes,
                etas == null ? Settings.DEFAULT_ETAS : etas, options.draws(Settings.DEFAULT_DRAWS),
                observations, observationSets, noiseVariance, starts, testRows, replications, common.threads());
        LatentMleExperiment.Result result = LatentMleExperiment.run(settings);
        ExperimentCommand.emit(spec, common, options, result.report(), result.json(), result.seconds());
    }
}
