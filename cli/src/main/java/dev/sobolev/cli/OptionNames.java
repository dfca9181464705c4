package dev.sobolev.cli;

import java.util.HashMap;
import java.util.Map;

import dev.sobolev.core.InvalidParameterException;

/**
 * The one place where library parameter names become command-line options. The engines validate their input
 * with {@link InvalidParameterException}, naming their own parameters ({@code batchSize}, {@code spots[1]});
 * the command line shows the option that supplied the value ({@code --batch}, {@code --spots[1]}). The table
 * is kept per command because one library name can stand for different options: {@code file} is the
 * {@code --data} series of {@code garch fit}, {@code widths} the {@code --width} of {@code prune}.
 */
final class OptionNames {
    /** Options of {@link CommonOptions}, which every command has. */
    private static final Map<String, String> COMMON = Map.of("threads", "--threads");

    /** Sizes of {@link DatasetCommand.OutputOptions}: {@code LsmcJob} and {@code GarchDataset.Job} components. */
    private static final Map<String, String> DATASET = Map.of(
            "size", "--size",
            "testSize", "--test-size");

    /** The series of {@link GarchCommand.DataOptions}: {@code SeriesReader.read(file, column)}. */
    private static final Map<String, String> SERIES = Map.of(
            "file", "--data",
            "column", "--column");

    /**
     * Options of {@link TrainingOptions} that {@code TrainingConfig} validates, and the data set the trainer
     * checks against the loss.
     */
    private static final Map<String, String> TRAINING = Map.of(
            "alpha", "--alpha",
            "learningRate", "--lr",
            "loss", "--loss",
            "epochs", "--epochs",
            "batchSize", "--batch",
            "l2", "--l2",
            "dropout", "--dropout",
            "validationFraction", "--validation",
            "precision", "--precision",
            "data", "--data");

    /** {@code batch}: the {@code BatchRequest} builder's parameters. */
    private static final Map<String, String> BATCH = with(COMMON, Map.ofEntries(
                    Map.entry("model", "--model"),
                    Map.entry("portfolio", "--portfolio"),
                    Map.entry("in", "--in"),
                    Map.entry("out", "--out"),
                    Map.entry("columns", "--columns"),
                    Map.entry("gamma", "--gamma"),
                    Map.entry("direction", "--direction"),
                    Map.entry("base", "--base"),
                    Map.entry("domain", "--domain"),
                    Map.entry("maxRejects", "--max-rejects"),
                    Map.entry("resume", "--resume"),
                    Map.entry("compareExact", "--compare-exact"),
                    Map.entry("perPosition", "--per-position")));

    /** Options of {@link ExperimentOptions}, which every {@code experiment} command has. */
    static final Map<String, String> EXPERIMENT = with(COMMON, Map.of(
            "draws", "--draws",
            "out", "--out"));

    /** Per command path (without {@code sobolev}), parameter name (without index) to option name. */
    static final Map<String, Map<String, String>> BY_COMMAND = Map.ofEntries(
            Map.entry("price bachelier", with(COMMON, Map.of(
                    "spots", "--spots",
                    "weights", "--weights",
                    "vols", "--vols",
                    "correlation", "--corr",
                    "strike", "--strike",
                    "maturity", "--maturity",
                    "payoff", "--payoff",
                    "paths", "--paths"))),
            Map.entry("dataset bachelier", with(COMMON, DATASET, Map.of(
                    "recipe", "--recipe",
                    "dimension", "--dim",
                    "kind", "--hv-directions",
                    "count", "--hv-count"))),
            Map.entry("dataset garch", with(COMMON, DATASET, Map.of(
                    "lastReturn", "--last-return",
                    "lastVariance", "--last-variance",
                    "horizon", "--horizon"))),
            Map.entry("garch fit", with(COMMON, SERIES)),
            Map.entry("garch forecast", with(COMMON, SERIES, Map.of(
                    "mu", "--mu",
                    "omega", "--omega",
                    "alpha", "--alpha",
                    "beta", "--beta",
                    "paths", "--paths"))),
            Map.entry("train", with(COMMON, TRAINING, Map.of(
                    "file", "--out",
                    "hidden", "--hidden",
                    "activation", "--activation",
                    "secondOrderWeight", "--hv-weight"))),
            Map.entry("eval", COMMON),
            Map.entry("prune", with(COMMON, TRAINING, Map.ofEntries(
                    Map.entry("file", "--out"),
                    Map.entry("fineTuneData", "--finetune-data"),
                    Map.entry("model", "--model"),
                    Map.entry("widths", "--width"),
                    Map.entry("budget", "--budget"),
                    Map.entry("box", "--box"),
                    Map.entry("stepFraction", "--step-fraction"),
                    Map.entry("retrainEpochs", "--retrain-epochs"),
                    Map.entry("tolerance", "--tolerance"),
                    Map.entry("splits", "--bound-splits"),
                    Map.entry("samples", "--bound-samples")))),
            Map.entry("report", with(COMMON, Map.of(
                    "model", "--model",
                    "test", "--test",
                    "parent", "--parent",
                    "history", "--history",
                    "out", "--out"))),
            Map.entry("pipeline", with(COMMON, Map.of("out", "--out"))),
            Map.entry("scenarios", with(COMMON, Map.of(
                    "model", "--model",
                    "size", "--size",
                    "base", "--base",
                    "shock", "--shock",
                    "out", "--out"))),
            Map.entry("batch", BATCH),
            Map.entry("experiment ridge", with(EXPERIMENT, Map.ofEntries(
                    Map.entry("lambda1", "--lambda1"),
                    Map.entry("lambda2", "--lambda2"),
                    Map.entry("basisSize", "--basis-size"),
                    Map.entry("radius", "--radius"),
                    Map.entry("size", "--size"),
                    Map.entry("weight", "--weight"),
                    Map.entry("noise", "--noise"),
                    Map.entry("testSize", "--test-size"),
                    Map.entry("validationSize", "--validation-size"),
                    Map.entry("grid", "--grid"),
                    Map.entry("sweepFrom", "--sweep-from"),
                    Map.entry("sweepTo", "--sweep-to"),
                    Map.entry("sweepStep", "--sweep-step"),
                    Map.entry("sweepDraws", "--sweep-draws")))),
            Map.entry("experiment search", with(EXPERIMENT, Map.ofEntries(
                    Map.entry("size", "--size"),
                    Map.entry("validationRows", "--validation-size"),
                    Map.entry("testRows", "--test-size"),
                    Map.entry("population", "--population"),
                    Map.entry("generations", "--generations"),
                    Map.entry("boundGenerations", "--bound-generations"),
                    Map.entry("etaMin", "--eta-min"),
                    Map.entry("etaMax", "--eta-max"),
                    Map.entry("learningRateMin", "--lr-min"),
                    Map.entry("learningRateMax", "--lr-max"),
                    Map.entry("alphaMin", "--alpha-min"),
                    Map.entry("alphaMax", "--alpha-max"),
                    Map.entry("levels", "--levels"),
                    Map.entry("epochs", "--epochs"),
                    Map.entry("referenceTestRmse", "--reference-test-rmse"),
                    Map.entry("referenceTrainings", "--reference-trainings")))),
            Map.entry("experiment latent-mle", with(EXPERIMENT, Map.of(
                    "sizes", "--sizes",
                    "etas", "--etas",
                    "observations", "--observations",
                    "observationSets", "--observation-sets",
                    "noiseVariance", "--noise-variance",
                    "starts", "--starts",
                    "testRows", "--test-size",
                    "replications", "--replications"))),
            Map.entry("experiment delta-min", with(EXPERIMENT, Map.of(
                    "problem", "--problem",
                    "sizes", "--sizes",
                    "etas", "--etas"))),
            Map.entry("experiment fig1", with(EXPERIMENT, Map.of(
                    "sizes", "--sizes",
                    "runs", "--draws"))),
            Map.entry("experiment fig2", with(EXPERIMENT, Map.of(
                    "sizes", "--sizes",
                    "etas", "--etas"))));

    private OptionNames() {
    }

    /**
     * The one-line message of a library argument error as the command line shows it: the option (with the
     * parameter's index, {@code --vols[1]}) and the library's detail. A parameter that no option of the command
     * supplies keeps its library name.
     *
     * @param command the command path without {@code sobolev}, e.g. {@code "price bachelier"}
     * @param e       the library's error
     * @return e.g. {@code --vols[1] must be >= 0, got -15.0}
     */
    static String message(String command, InvalidParameterException e) {
        String option = BY_COMMAND.getOrDefault(command, Map.of()).get(e.baseName());
        String name = option == null ? e.parameter() : option + e.parameter().substring(e.baseName().length());
        return name + " " + e.detail();
    }

    @SafeVarargs
    private static Map<String, String> with(Map<String, String>... parts) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> part : parts) {
            part.forEach((parameter, option) -> {
                if (all.put(parameter, option) != null) {
                    throw new IllegalStateException("parameter " + parameter + " is listed twice");
                }
            });
        }
        return Map.copyOf(all);
    }
}
