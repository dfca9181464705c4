package dev.sobolev.cli;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.experiments.SearchExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sobolev experiment search}: the hyperparameter search of McDonagh &amp; Chen (§4.2, Fig. 4) on the 4-D GARCH
 * problem, a genetic algorithm and CMA-ES side by side ({@link SearchExperiment}).
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search complexity eta, learning rate and Sobolev weight alpha of the 4-D GARCH surrogate with "
                + "a genetic algorithm and with CMA-ES, each starting with the delta-min step of Fig. 4 (a probe "
                + "generation trained with and without gradients; complexities above the bound are dropped). Fitness: "
                + "RMSE on validation rows independent of training and test rows; the winners' test RMSE beside. "
                + "The default run takes about 2 minutes on 2 cores; --generations, --population and --eta-max go "
                + "further. The same --seed gives the same figures for any --threads."})
final class ExperimentSearchCommand implements Runnable {
    @Option(names = "--size", defaultValue = "" + SearchExperiment.Builder.SIZE,
            description = "Training rows N (default: ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--validation-size", defaultValue = "" + SearchExperiment.Builder.VALIDATION_ROWS,
            description = "Validation rows, the fitness (default: ${DEFAULT-VALUE}).")
    int validationRows;
    @Option(names = "--test-size", defaultValue = "" + SearchExperiment.Builder.TEST_ROWS,
            description = "Test rows (default: ${DEFAULT-VALUE}, the complexity sweep's).")
    int testRows;
    @Option(names = "--population", defaultValue = "" + SearchExperiment.Builder.POPULATION,
            description = "Candidates per generation, at least 2 (default: ${DEFAULT-VALUE}).")
    int population;
    @Option(names = "--generations", defaultValue = "" + SearchExperiment.Builder.GENERATIONS,
            description = "Generations, the probe included (default: ${DEFAULT-VALUE}).")
    int generations;
    @Option(names = "--bound-generations", defaultValue = "" + SearchExperiment.Builder.BOUND_GENERATIONS,
            description = "Generations searched over the whole complexity range before the probe's delta-min bound "
                    + "is enforced; 0 searches without the bound (default: ${DEFAULT-VALUE}).")
    int boundGenerations;
    @Option(names = "--eta-min", defaultValue = "" + SearchExperiment.Builder.ETA_MIN,
            description = "Smallest complexity eta (hidden layers of 4 eta units; default: ${DEFAULT-VALUE}).")
    int etaMin;
    @Option(names = "--eta-max", defaultValue = "" + SearchExperiment.Builder.ETA_MAX,
            description = "Largest complexity eta (default: ${DEFAULT-VALUE}).")
    int etaMax;
    @Option(names = "--lr-min", defaultValue = "" + SearchExperiment.Builder.LEARNING_RATE_MIN,
            description = "Smallest initial learning rate, decayed to a twentieth (default: ${DEFAULT-VALUE}).")
    double learningRateMin;
    @Option(names = "--lr-max", defaultValue = "" + SearchExperiment.Builder.LEARNING_RATE_MAX,
            description = "Largest initial learning rate (default: ${DEFAULT-VALUE}).")
    double learningRateMax;
    @Option(names = "--alpha-min", defaultValue = "" + SearchExperiment.Builder.ALPHA_MIN,
            description = "Smallest Sobolev weight alpha on the value loss (default: ${DEFAULT-VALUE}).")
    double alphaMin;
    @Option(names = "--alpha-max", defaultValue = "" + SearchExperiment.Builder.ALPHA_MAX,
            description = "Largest alpha; 1 trains on values only (default: ${DEFAULT-VALUE}).")
    double alphaMax;
    @Option(names = "--levels", defaultValue = "" + SearchExperiment.Builder.LEVELS,
            description = "Grid points of the learning rate (log scale) and of alpha (default: ${DEFAULT-VALUE}).")
    int levels;
    @Option(names = "--epochs", defaultValue = "" + SearchExperiment.Builder.EPOCHS,
            description = "Epochs per training (default: ${DEFAULT-VALUE}, the paper's).")
    int epochs;
    @Option(names = "--reference-test-rmse", description = "Best test RMSE of the Table-1 sweep at the same --size, "
            + "to compare the winners with (with --reference-trainings).")
    Double referenceTestRmse;
    @Option(names = "--reference-trainings", description = "Trainings the sweep ran (with --reference-test-rmse).")
    Integer referenceTrainings;
    @Mixin
    ExperimentOptions experiment;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        experiment.checkedOut(spec.name());
        if (experiment.draws != null) {
            throw new InvalidParameterException("draws", "does not apply to a search (one run; another --seed is "
                    + "another run), got " + experiment.draws);
        }
        if ((referenceTestRmse == null) != (referenceTrainings == null)) {
            throw referenceTestRmse == null
                    ? new InvalidParameterException("referenceTrainings", "needs --reference-test-rmse beside it, got "
                            + referenceTrainings + " alone")
                    : new InvalidParameterException("referenceTestRmse", "needs --reference-trainings beside it, got "
                            + referenceTestRmse + " alone");
        }
        SearchExperiment.Settings settings = SearchExperiment.Settings.builder().size(size)
                .validationRows(validationRows).testRows(testRows).population(population).generations(generations)
                .boundGenerations(boundGenerations).eta(etaMin, etaMax).learningRate(learningRateMin, learningRateMax)
                .alpha(alphaMin, alphaMax).levels(levels).epochs(epochs).seed(common.seed).threads(common.threads())
                .reference(referenceTestRmse == null ? null
                        : new SearchExperiment.Reference(referenceTestRmse, referenceTrainings))
                .build();
        SearchExperiment.Result result = SearchExperiment.run(settings);
        ExperimentCommand.emit(spec, common, experiment, result.report(), result.json(), result.seconds());
    }
}
