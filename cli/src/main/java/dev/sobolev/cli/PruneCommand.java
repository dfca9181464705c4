package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pruning.CertifiedBound;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Pruner;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev prune}: shrinks a surrogate by significance-based structured pruning, then fine-tunes it. */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune the hidden units of a surrogate down to --width per layer (or --budget parameters), ranking them by interval-adjoint "
                + "significance over an input box (Kichler et al.), weight magnitude or Taylor saliency, folding each "
                + "removed unit's mean activation into the next bias; then fine-tune with the Sobolev loss. Reports a "
                + "certified bound on the change of values and deltas over the box. The new model file names its parent."})
final class PruneCommand implements Runnable {
    @Option(names = "--model", required = true, description = "Model file to prune.")
    Path model;
    @Option(names = "--data", required = true, description = "Data set directory: inputs for the statistics, labels "
            + "for retraining and --finetune data.")
    Path data;
    @Option(names = "--width", description = "Target width of every hidden layer (8), or one per layer (16,8,8).")
    String width;
    @Option(names = "--budget", description = "Target parameter count instead of --width: every hidden layer cut to "
            + "the largest common width that fits.")
    Integer budget;
    @Option(names = "--method", defaultValue = "interval",
            description = "interval, interval-local (summed over small boxes around data points), magnitude or taylor "
                    + "(default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--box", description = "Input box as lo:hi per input, comma-separated, in data units (default: the "
            + "data set's range of each input).")
    String box;
    @Option(names = "--step-fraction", defaultValue = "0.5", description = "Share of each layer's surplus removed per "
            + "step (default: ${DEFAULT-VALUE}).")
    double stepFraction;
    @Option(names = "--retrain-epochs", defaultValue = "0", description = "Epochs of retraining between steps "
            + "(default: ${DEFAULT-VALUE}).")
    int retrainEpochs;
    @Option(names = "--retrain-loss", defaultValue = "value", description = "Loss of the retraining between steps: "
            + "value (vanilla, as on the slides) or sobolev (default: ${DEFAULT-VALUE}).")
    String retrainLoss;
    @Option(names = "--tolerance", description = "Stop before a step whose value RMSE on --test exceeds this.")
    Double tolerance;
    @Option(names = "--finetune", defaultValue = "none", description = "none, nn (on the original net's values and "
            + "deltas at the data inputs) or data (on the labels of --finetune-data) (default: ${DEFAULT-VALUE}).")
    String finetune;
    @Option(names = "--finetune-data", description = "Data set for --finetune data (default: --data).")
    Path finetuneData;
    @Option(names = "--test", description = "Test set with exact labels: R2 of the original, pruned and fine-tuned nets.")
    Path test;
    @Option(names = "--bound-splits", defaultValue = "2", description = "Sub-boxes per input for the certified bound, "
            + "splits^d in all (default: ${DEFAULT-VALUE}).")
    int boundSplits;
    @Option(names = "--bound-samples", defaultValue = "10000", description = "Random points of the box at which the "
            + "sampled differences are checked against the certified bound (default: ${DEFAULT-VALUE}).")
    int boundSamples;
    @Option(names = "--out", required = true, description = "Model file to write.")
    Path out;
    @Mixin
    TrainingOptions training;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        int threads = common.threads();
        Saliency saliency = Saliency.parse(method);
        FineTuning strategy = FineTuning.parse(finetune);
        CertifiedBound.checkSamples(boundSamples);
        if (retrainEpochs < 0) {
            throw new IllegalArgumentException("--retrain-epochs must be >= 0, got " + retrainEpochs);
        }
        if (tolerance != null && test == null) {
            throw new IllegalArgumentException("--tolerance needs --test (the validation set)");
        }
        if (finetuneData != null && strategy != FineTuning.DATA) {
            throw new IllegalArgumentException("--finetune-data needs --finetune data, got --finetune " + finetune);
        }
        ModelFile.Loaded loaded = ModelFile.read(model);
        Surrogate original = loaded.model();
        Mlp net = original.network();
        CertifiedBound.checkSplits(boundSplits, net.inputs());
        int hidden = net.layers() - 1;
        if ((width == null) == (budget == null)) {
            throw new IllegalArgumentException("give exactly one of --width and --budget");
        }
        int[] widths = width != null ? parseWidths(width, hidden) : Pruner.widthsForBudget(net, budget);
        Dataset ds = DatasetReader.read(data);
        if (ds.inputDim() != original.inputs()) {
            throw new IllegalArgumentException("--data has " + ds.inputDim() + " inputs, the model takes "
                    + original.inputs());
        }
        InputBox inputBox = box == null ? range(ds) : parseBox(box, original.inputs());
        boolean sobolev = training.sobolev();
        TrainingData pruneData = TrainingData.of(ds, sobolev && ds.hasGradients(), false);
        Dataset testSet = test == null ? null : DatasetReader.read(test);
        TrainingData validation = testSet == null ? null : TrainingData.of(testSet, false, false);
        TrainingConfig tuning = config(original, threads);
        boolean retrainSobolev = switch (retrainLoss.toLowerCase(Locale.ROOT)) {
            case "value" -> false;
            case "sobolev" -> true;
            default -> throw new IllegalArgumentException("--retrain-loss must be value or sobolev, got " + retrainLoss);
        };
        TrainingConfig retrain = retrainEpochs == 0 ? null
                : retrainSobolev ? tuning.withEpochs(retrainEpochs) : tuning.withEpochs(retrainEpochs).valuesOnly();
        boolean needsGradients = sobolev && (strategy == FineTuning.DATA || retrain != null && retrainSobolev);
        if (needsGradients && !ds.hasGradients()) {
            throw new IllegalArgumentException("--loss sobolev needs dYdX in " + data + "; use --loss value");
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        long t0 = System.nanoTime();
        Pruner.Result pruned = Pruner.prune(original, pruneData, inputBox, new Pruner.Config(saliency, widths,
                stepFraction, tolerance == null ? Double.POSITIVE_INFINITY : tolerance, retrain), validation,
                line -> {
                    if (tty) {
                        err.println(line);
                    }
                });
        double pruneSeconds = (System.nanoTime() - t0) / 1e9;
        TrainingData tuneData = switch (strategy) {
            case NONE -> null;
            case NN -> pruneData;
            case DATA -> finetuneData == null ? pruneData : TrainingData.of(DatasetReader.read(finetuneData), sobolev, false);
        };
        FineTuning.Result tuned = strategy.apply(pruned.model(), original, tuneData, tuning);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Surrogate result = tuned.model();
        CertifiedBound bound = CertifiedBound.of(original, result, inputBox, boundSplits);
        CertifiedBound sampled = CertifiedBound.sampled(original, result, inputBox, boundSamples,
                RandomStreams.of(common.seed, RandomStreams.AUXILIARY).next());
        if (!bound.covers(sampled)) {
            throw new IllegalStateException("certified bound violated by sampling (a defect, please report): bound "
                    + bound + ", sampled " + sampled);
        }

        ObjectNode json = Json.object();
        json.put("paramsBefore", net.parameterCount());
        json.put("paramsAfter", result.network().parameterCount());
        json.put("seconds", seconds);
        json.put("pruneSeconds", pruneSeconds);
        json.put("method", saliency.label());
        json.put("finetune", strategy.label());
        json.put("widths", Arrays.toString(result.network().widths()));
        json.put("stopReason", pruned.stopReason());
        ArrayNode steps = json.putArray("steps");
        for (Pruner.Step s : pruned.steps()) {
            ObjectNode o = steps.addObject();
            o.put("step", s.step());
            o.put("widths", Arrays.toString(s.widths()));
            o.put("params", s.parameters());
            if (!Double.isNaN(s.validationRmse())) {
                o.put("validationRmse", s.validationRmse());
            }
        }
        ObjectNode b = json.putObject("bound");
        b.put("value", bound.value());
        b.set("delta", Json.array(bound.gradient()));
        b.put("boxes", bound.boxes());
        b.put("sampledValue", sampled.value());
        b.set("sampledDelta", Json.array(sampled.gradient()));
        b.put("samples", sampled.boxes());
        b.set("boxLower", Json.array(inputBox.lower()));
        b.set("boxUpper", Json.array(inputBox.upper()));
        if (testSet != null) {
            ObjectNode r2 = json.putObject("test");
            EvalCommand.put(r2.putObject("original"), Metrics.of(original, testSet, 0));
            EvalCommand.put(r2.putObject("pruned"), Metrics.of(pruned.model(), testSet, 0));
            if (strategy != FineTuning.NONE) {
                EvalCommand.put(r2.putObject("finetuned"), Metrics.of(result, testSet, 0));
            }
        }
        ObjectNode prov = Json.object();
        ObjectNode parent = prov.putObject("parent");
        parent.put("path", model.toAbsolutePath().toString());
        parent.put("params", net.parameterCount());
        parent.set("provenance", loaded.provenance());
        ObjectNode p = prov.putObject("pruning");
        p.put("data", data.toAbsolutePath().toString());
        p.put("method", saliency.label());
        p.put("targetWidths", Arrays.toString(widths));
        p.put("stepFraction", stepFraction);
        p.put("retrainEpochs", retrainEpochs);
        p.put("retrainLoss", retrainSobolev ? "sobolev" : "value");
        p.put("finetune", strategy.label());
        if (strategy != FineTuning.NONE) {
            training.describe(tuning, p.putObject("training"));
        }
        p.set("steps", steps.deepCopy());
        p.set("bound", b.deepCopy());
        Path written = ModelFile.write(result, loaded.schema(), prov, out);
        json.put("path", written.toString());
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            Json.print(o, json);
        } else {
            o.printf(Locale.ROOT, "pruned %d -> %d parameters (%s, %s, fine-tuning %s) in %.1f s; certified bound over the "
                    + "box: |value change| <= %.3e (largest of %d samples: %.3e), |delta change| <= %s; wrote %s%n",
                    net.parameterCount(), result.network().parameterCount(), Arrays.toString(result.network().widths()),
                    saliency.label(), strategy.label(), seconds, bound.value(), sampled.boxes(), sampled.value(),
                    Arrays.stream(bound.gradient()).mapToObj(v -> String.format(Locale.ROOT, "%.3e", v))
                            .collect(java.util.stream.Collectors.joining(", ", "[", "]")), written);
            o.flush();
        }
    }

    private TrainingConfig config(Surrogate original, int threads) {
        Mlp net = original.network();
        return training.config(Arrays.copyOfRange(net.widths(), 1, net.layers()), net.hiddenActivation(),
                net.outputActivation(), 0.0, Normalisation.Kind.NONE, Initializer.GLOROT, net.inputs(), common.seed,
                threads);
    }

    /** "8" for every hidden layer, or one width per hidden layer (their count and range are the pruner's to check). */
    static int[] parseWidths(String text, int hidden) {
        int[] w;
        try {
            w = Arrays.stream(text.trim().split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--width must be a width (8) or one per hidden layer (16,8,8), got " + text,
                    e);
        }
        if (w.length == 1 && hidden > 1) {
            int v = w[0];
            w = new int[hidden];
            Arrays.fill(w, v);
        }
        return w;
    }

    /** "lo:hi,lo:hi,…" in data units. */
    static InputBox parseBox(String text, int d) {
        String[] cells = text.trim().split(",");
        if (cells.length != d) {
            throw new IllegalArgumentException("--box has " + cells.length + " intervals, the model takes " + d + " inputs");
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            String[] ends = cells[j].split(":");
            if (ends.length != 2) {
                throw new IllegalArgumentException("--box entry " + (j + 1) + " must be lo:hi, got " + cells[j]);
            }
            try {
                lo[j] = Double.parseDouble(ends[0].trim());
                hi[j] = Double.parseDouble(ends[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--box entry " + (j + 1) + " is not a number: " + cells[j], e);
            }
            if (!(lo[j] <= hi[j]) || !Double.isFinite(lo[j]) || !Double.isFinite(hi[j])) {
                throw new IllegalArgumentException("--box entry " + (j + 1) + " needs finite lo <= hi, got " + cells[j]);
            }
        }
        return InputBox.of(lo, hi);
    }

    /** The range of each input over a data set. */
    static InputBox range(Dataset ds) {
        int d = ds.inputDim();
        double[] x = ds.xArray();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            lo[i % d] = Math.min(lo[i % d], x[i]);
            hi[i % d] = Math.max(hi[i % d], x[i]);
        }
        return InputBox.of(lo, hi);
    }
}
