package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev train}: trains an MLP surrogate on a data set. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an MLP surrogate with the value or the Sobolev loss (values and derivatives). The model "
                + "file records the data set, the configuration and the seed; the same seed gives the same file for any "
                + "--threads."})
final class TrainCommand implements Runnable {
    @Option(names = "--data", required = true, description = "Data set directory (X, Y and, for --loss sobolev, dYdX).")
    Path data;
    @Option(names = "--hidden", defaultValue = "20x4", description = "Hidden layers as WIDTHxLAYERS (128x6) or a list "
            + "of widths (64,32) (default: ${DEFAULT-VALUE}).")
    String hidden;
    @Option(names = "--activation", defaultValue = "softplus",
            description = "identity, tanh, sigmoid, softplus, silu, relu or gelu (default: ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--output-activation", defaultValue = "identity",
            description = "identity or softplus for positive outputs (default: ${DEFAULT-VALUE}).")
    String outputActivation;
    @Option(names = "--hv-weight", defaultValue = "0", description = "Weight of the second-order term on the data "
            + "set's Hessian-vector labels (default: ${DEFAULT-VALUE}: none).")
    double hvWeight;
    @Option(names = "--normalisation", defaultValue = "per-feature",
            description = "per-feature, global or none (default: ${DEFAULT-VALUE}).")
    String normalisation;
    @Option(names = "--init", defaultValue = "glorot",
            description = "zero, uniform, normal, glorot, he, lecun or pytorch (default: ${DEFAULT-VALUE}).")
    String init;
    @Option(names = "--out", required = true, description = "Model file to write.")
    Path out;
    @Mixin
    TrainingOptions training;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Parses "128x6" or "64,32". */
    static int[] parseHidden(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+x\\d+")) {
                String[] p = t.split("x");
                int width = Integer.parseInt(p[0]);
                int layers = Integer.parseInt(p[1]);
                if (width < 1 || layers < 1) {
                    throw new IllegalArgumentException("--hidden width and layer count must be >= 1, got " + s);
                }
                int[] w = new int[layers];
                Arrays.fill(w, width);
                return w;
            }
            if (t.matches("\\d+(,\\d+)*")) {
                int[] w = Arrays.stream(t.split(",")).mapToInt(Integer::parseInt).toArray();
                for (int v : w) {
                    if (v < 1) {
                        throw new IllegalArgumentException("--hidden widths must be >= 1, got " + s);
                    }
                }
                return w;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hidden has a number too large: " + s, e);
        }
        throw new IllegalArgumentException("--hidden must look like 128x6 (width x layers) or 64,32 (widths), got " + s);
    }



    private Normalisation.Kind normalisation() {
        return switch (normalisation.toLowerCase(Locale.ROOT)) {
            case "per-feature" -> Normalisation.Kind.PER_FEATURE;
            case "global" -> Normalisation.Kind.GLOBAL;
            case "none" -> Normalisation.Kind.NONE;
            default -> throw new IllegalArgumentException("--normalisation must be per-feature, global or none, got "
                    + normalisation);
        };
    }

    private Initializer initializer() {
        try {
            return Initializer.valueOf(init.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--init must be zero, uniform, normal, glorot, he, lecun or pytorch, got " + init, e);
        }
    }

    @Override
    public void run() {
        int threads = common.threads();
        int[] widths = parseHidden(hidden);
        Activation act = Activation.parse(activation);
        Activation outAct = Activation.parse(outputActivation);
        boolean sobolev = training.sobolev();
        Normalisation.Kind kind = normalisation();
        Initializer initializer = initializer();
        Dataset ds = DatasetReader.read(data);
        if (sobolev && !ds.hasGradients()) {
            throw new IllegalArgumentException("--loss sobolev needs dYdX in " + data + "; use --loss value");
        }
        TrainingConfig config = training.config(widths, act, outAct, hvWeight, kind, initializer, ds.inputDim(),
                common.seed, threads);
        int epochs = config.epochs();
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        long t0 = System.nanoTime();
        Trainer.Result r = Trainer.train(TrainingData.of(ds, sobolev, hvWeight > 0), config,
                ep -> {
                    if (tty) {
                        err.printf(Locale.ROOT, "\r%s epoch %d/%d  loss %.4e  val %.4e  lr %.2e  %.2f s",
                                Progress.bar(ep.epoch(), epochs), ep.epoch(), epochs,
                                ep.trainLoss(), ep.validationLoss(), ep.learningRate(), ep.seconds());
                        err.flush();
                    }
                });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (tty) {
            err.println();
        }
        ObjectNode prov = Json.object();
        prov.put("data", data.toAbsolutePath().toString());
        ds.meta().ifPresent(m -> prov.set("dataMeta", m));
        ObjectNode cfg = prov.putObject("training");
        cfg.put("hidden", Arrays.toString(widths));
        cfg.put("activation", act.label());
        cfg.put("outputActivation", outAct.label());
        cfg.put("hvWeight", hvWeight);
        cfg.put("normalisation", kind.name().toLowerCase(Locale.ROOT));
        cfg.put("init", initializer.name().toLowerCase(Locale.ROOT));
        training.describe(config, cfg);
        ObjectNode res = prov.putObject("result");
        res.put("finalLoss", r.history().finalLoss());
        res.put("bestEpoch", r.history().bestEpoch());
        res.put("stopReason", r.history().stopReason());
        ArrayNode losses = res.putArray("trainLoss");
        for (TrainingHistory.Epoch e : r.history().epochs()) {
            losses.add(e.trainLoss());
        }
        Path written = ModelFile.write(r.model(), ModelSchema.of(ds), prov, out);
        ObjectNode json = Json.object();
        json.put("path", written.toString());
        json.put("params", r.model().network().parameterCount());
        json.put("epochs", r.history().epochs().size());
        json.put("seconds", seconds);
        json.put("finalLoss", r.history().finalLoss());
        json.put("bestEpoch", r.history().bestEpoch());
        json.put("stopReason", r.history().stopReason());
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            Json.print(o, json);
        } else {
            o.printf(Locale.ROOT, "trained %s (%d parameters) for %d epochs in %.1f s, final loss %.4e (%s); wrote %s%n",
                    Arrays.toString(r.model().network().widths()), r.model().network().parameterCount(),
                    r.history().epochs().size(), seconds, r.history().finalLoss(), r.history().stopReason(), written);
            o.flush();
        }
    }
}
