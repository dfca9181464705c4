package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.io.OutputGuard;
import dev.sobolev.pruning.CertifiedBound;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.pruning.job.PruneJob;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev prune}: shrinks a surrogate by significance-based structured pruning, then fine-tunes it ({@link PruneJob}). */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune the hidden units of a surrogate down to --width per layer (or --budget parameters), ranking them by interval-adjoint "
                + "significance over an input box (Kichler et al.), weight magnitude or Taylor saliency, folding each "
                + "removed unit's mean activation into the next bias; then fine-tune with the Sobolev loss. Reports a "
                + "certified bound on the change of values and deltas over the box. The new model file names its parent. "
                + "Exits 4 and writes nothing when retraining or fine-tuning diverges (see --keep-best)."})
final class PruneCommand implements Runnable {
    @Option(names = "--model", required = true, description = "Model file to prune.")
    Path model;
    @Option(names = "--data", required = true, description = "Data set directory: inputs for the statistics, labels "
            + "for retraining and --finetune data.")
    Path data;
    @Option(names = "--width", converter = Converters.Widths.class,
            description = "Target width of every hidden layer (8), or one per layer (16,8,8).")
    Converters.WidthList width;
    @Option(names = "--budget", description = "Target parameter count instead of --width: every hidden layer cut to "
            + "the largest common width that fits.")
    Integer budget;
    @Option(names = "--method", defaultValue = "interval",
            description = "interval, interval-local (summed over small boxes around data points), magnitude or taylor "
                    + "(default: ${DEFAULT-VALUE}).")
    Saliency method;
    @Option(names = "--box", converter = Converters.Box.class, description = "Input box as lo:hi per input, "
            + "comma-separated, in data units (default: the data set's range of each input).")
    InputBox box;
    @Option(names = "--step-fraction", defaultValue = "0.5", description = "Share of each layer's surplus removed per "
            + "step (default: ${DEFAULT-VALUE}).")
    double stepFraction;
    @Option(names = "--retrain-epochs", defaultValue = "0", description = "Epochs of retraining between steps "
            + "(default: ${DEFAULT-VALUE}).")
    int retrainEpochs;
    @Option(names = "--retrain-loss", defaultValue = "value", description = "Loss of the retraining between steps: "
            + "value (vanilla, as on the slides) or sobolev (default: ${DEFAULT-VALUE}).")
    Loss retrainLoss;
    @Option(names = "--tolerance", description = "Stop before a step whose value RMSE on --test exceeds this.")
    Double tolerance;
    @Option(names = "--finetune", defaultValue = "none", description = "none, nn (on the original net's values and "
            + "deltas at the data inputs) or data (on the labels of --finetune-data) (default: ${DEFAULT-VALUE}).")
    FineTuning finetune;
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
    @Option(names = "--out", required = true, description = "Model file to write: not --model or a file inside an input "
            + "data set, and a new path unless --force is given.")
    Path out;
    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;
    @Mixin
    TrainingOptions training;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        int threads = common.threads();
        if ((width == null) == (budget == null)) {
            throw new IllegalArgumentException("give exactly one of --width and --budget");
        }
        PruneJob.Builder builder = PruneJob.Request.builder();
        Inputs.read("--model", model, builder::modelFile);
        Inputs.read("--data", data, builder::data);
        PruneJob.Request request = builder
                .saliency(method)
                .target(width != null ? PruneJob.Target.widths(width.widths()) : PruneJob.Target.budget(budget))
                .box(box)
                .stepFraction(stepFraction)
                .retrain(retrainEpochs, retrainLoss)
                .tolerance(tolerance == null ? Double.POSITIVE_INFINITY : tolerance)
                .fineTuning(finetune)
                .tuning(training.apply(TrainingConfig.builder(), common.seed, threads).build(), training.loss)
                .fineTuneData(finetuneData == null ? null : Inputs.read("--finetune-data", finetuneData, DatasetReader::read))
                .test(test == null ? null : Inputs.read("--test", test, DatasetReader::read))
                .boundSplits(boundSplits)
                .boundSamples(boundSamples)
                .seed(common.seed)
                .threads(threads)
                .build();
        request.checkOutput(out, force, finetuneData == null ? null : new OutputGuard.Input("data set", finetuneData),
                test == null ? null : new OutputGuard.Input("test set", test));
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        boolean validated = test != null;
        PruneJob.Result r = PruneJob.run(request, s -> {
            if (tty) {
                err.println("step " + s.step() + ": widths " + Arrays.toString(s.widths()) + ", " + s.parameters()
                        + " parameters" + (validated ? ", validation RMSE " + s.validationRmse() : ""));
            }
        });
        Path written = ModelFile.write(r.model(), r.schema(), r.provenance().toJson(), out, force);
        render(r, written);
    }

    private void render(PruneJob.Result r, Path written) {
        Surrogate result = r.model();
        int before = r.original().network().parameterCount();
        CertifiedBound bound = r.outcome().bound();
        CertifiedBound sampled = r.outcome().sampled();
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("paramsBefore", before);
            json.put("paramsAfter", result.network().parameterCount());
            json.put("seconds", r.seconds());
            json.put("pruneSeconds", r.pruneSeconds());
            json.put("method", method.label());
            json.put("finetune", finetune.label());
            json.put("widths", Arrays.toString(result.network().widths()));
            json.put("stopReason", r.stopReason());
            if (r.outcome().fineTuningStop() != null) {
                json.put("fineTuningDiverged", r.outcome().fineTuningStop());
            }
            json.set("steps", r.outcome().stepsJson());
            json.set("bound", r.outcome().boundJson());
            if (r.test() != null) {
                ObjectNode r2 = json.putObject("test");
                EvalCommand.put(r2.putObject("original"), r.test().original());
                EvalCommand.put(r2.putObject("pruned"), r.test().pruned());
                if (r.test().finetuned() != null) {
                    EvalCommand.put(r2.putObject("finetuned"), r.test().finetuned());
                }
            }
            json.put("path", written.toString());
            Json.print(o, json);
        } else {
            o.printf(Locale.ROOT, "pruned %d -> %d parameters (%s, %s, fine-tuning %s) in %.1f s; certified bound over the "
                    + "box: |value change| <= %.3e (largest of %d samples: %.3e), |delta change| <= %s; wrote %s%n",
                    before, result.network().parameterCount(), Arrays.toString(result.network().widths()),
                    method.label(), finetune.label(), r.seconds(), bound.value(), sampled.boxes(), sampled.value(),
                    Arrays.stream(bound.gradient()).mapToObj(v -> String.format(Locale.ROOT, "%.3e", v))
                            .collect(Collectors.joining(", ", "[", "]")), written);
            if (r.outcome().fineTuningStop() != null) {
                o.println("fine-tuning " + r.outcome().fineTuningStop());
            }
            o.flush();
        }
    }
}
