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

    @Option(names = "--eta", split = ",", paramLabel = "ETA[,ETA...]",
            description = "Complexity eta (4 hidden layers of 4 eta tanh units): one value fixes it, several form the "
                    + "grid whose lowest mean test RMSE picks the optimal one per size and mode (default: 4,8,16,32).")
    List<Integer> etas;

    @Option(names = "--observations", paramLabel = "N",
            description = "Observed vectors of the ten outputs (default: 10, the paper's).")
    Integer observations;

    @Option(names = "--observation-sets", paramLabel = "K",
            description = "Independent observation sets, shared by every surrogate and both modes; each fit is "
                    + "repeated on every set and errors are means over them (default: 20; 1 is the paper's single set).")
    Integer observationSets;

    @Option(names = "--noise-variance", paramLabel = "S2",
            description = "Variance of the observation noise, also the likelihood's sigma^2 (default: 0.001, the "
                    + "paper's).")
    Double noiseVariance;

    @Option(names = "--starts", paramLabel = "K", description = "Starting points of each MLE (default: 8).")
    Integer starts;

    @Option(names = "--test-rows", paramLabel = "N",
            description = "Test rows of the RMSE that picks the complexity (default: 1000, the paper's).")
    Integer testRows;

    @Option(names = "--replications", paramLabel = "R",
            description = "Independent observation sets fitted with the exact simulator to measure the coverage of "
                    + "its standard errors; 0 skips it (default: 200).")
    Integer replications;

    @Override
    public void run() {
        options.checkedOut(spec.name());
        Settings settings = new Settings(common.seed, sizes == null ? Settings.DEFAULT_SIZES : sizes,
                etas == null ? Settings.DEFAULT_ETAS : etas, options.draws(Settings.DEFAULT_DRAWS),
                observations == null ? Settings.DEFAULT_OBSERVATIONS : observations,
                observationSets == null ? Settings.DEFAULT_OBSERVATION_SETS : observationSets,
                noiseVariance == null ? Settings.DEFAULT_NOISE_VARIANCE : noiseVariance,
                starts == null ? Settings.DEFAULT_STARTS : starts,
                testRows == null ? Settings.DEFAULT_TEST_ROWS : testRows,
                replications == null ? Settings.DEFAULT_REPLICATIONS : replications, common.threads());
        LatentMleExperiment.Result result = LatentMleExperiment.run(settings);
        ExperimentCommand.emit(spec, common, options, result.report(), result.json(), result.seconds());
    }
}
