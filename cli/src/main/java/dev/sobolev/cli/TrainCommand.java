package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Precision;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev train}: trains an MLP surrogate on a data set ({@link TrainJob}). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an MLP surrogate with the value or the Sobolev loss (values and derivatives). The model "
                + "file records the data set, the configuration and the seed; the same seed gives the same file for any "
                + "--threads. Exits 4 and writes nothing when training diverges (see --keep-best)."})
final class TrainCommand implements Runnable {
    @Option(names = "--data", required = true, description = "Data set directory (X, Y and, for --loss sobolev, dYdX).")
    Path data;
    @Option(names = "--hidden", defaultValue = "20x4", converter = Converters.HiddenLayers.class,
            description = "Hidden layers as WIDTHxLAYERS (128x6) or a list of widths (64,32) (default: ${DEFAULT-VALUE}).")
    Converters.WidthList hidden;
    @Option(names = "--activation", defaultValue = "softplus",
            description = "identity, tanh, sigmoid, softplus, silu, relu or gelu (default: ${DEFAULT-VALUE}).")
    Activation activation;
    @Option(names = "--output-activation", defaultValue = "identity",
            description = "identity or softplus for positive outputs (default: ${DEFAULT-VALUE}).")
    Activation outputActivation;
    @Option(names = "--hv-weight", defaultValue = "0", description = "Weight of the second-order term on the data "
            + "set's Hessian-vector labels (default: ${DEFAULT-VALUE}: none).")
    double hvWeight;
    @Option(names = "--normalisation", defaultValue = "per-feature",
            description = "per-feature, global or none (default: ${DEFAULT-VALUE}).")
    Normalisation.Kind normalisation;
    @Option(names = "--init", defaultValue = "glorot",
            description = "zero, uniform, normal, glorot, he, lecun or pytorch (default: ${DEFAULT-VALUE}).")
    Initializer init;
    @Option(names = "--out", required = true, description = "Model file to write: not the data set or a file inside it, "
            + "and a new path unless --force is given.")
    Path out;
    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;
    @Mixin
    TrainingOptions training;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The training run these options describe. */
    TrainingConfig config() {
        return training.apply(TrainingConfig.builder().hidden(hidden.widths()).activation(activation)
                .outputActivation(outputActivation).secondOrderWeight(hvWeight).normalisation(normalisation)
                .initializer(init), common.seed, common.threads()).build();
    }

    @Override
    public void run() {
        TrainingConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        TrainJob.Request request = Inputs.read("--data", data, d -> TrainJob.Request.read(d, config, training.loss));
        request.checkOutput(out, force);
        TrainJob.Result r = TrainJob.run(request, ep -> {
            if (tty) {
                err.printf(Locale.ROOT, "\r%s epoch %d/%d  loss %.4e  val %.4e  lr %.2e  %.2f s",
                        Progress.bar(ep.epoch(), config.epochs()), ep.epoch(), config.epochs(), ep.trainLoss(),
                        ep.validationLoss(), ep.learningRate(), ep.seconds());
                err.flush();
            }
        });
        if (tty) {
            err.println();
        }
        Path written = ModelFile.write(r.model(), r.schema(), r.provenance().toJson(), out, force);
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("path", written.toString());
            json.put("params", r.model().network().parameterCount());
            json.put("epochs", r.history().epochs().size());
            json.put("seconds", r.seconds());
            json.put("finalLoss", r.history().finalLoss());
            json.put("bestEpoch", r.history().bestEpoch());
            json.put("stopReason", r.history().stopReason());
            json.put("diverged", r.history().diverged());
            json.put("precision", r.config().precision().label());
            Json.print(o, json);
        } else if (r.history().diverged()) {
            TrainingHistory.Epoch kept = r.history().epochs().get(r.history().bestEpoch() - 1);
            o.printf(Locale.ROOT, "training %s; wrote these weights (loss %.4e) of %s (%d parameters) to %s%n",
                    r.history().stopReason(), kept.trainLoss(), Arrays.toString(r.model().network().widths()),
                    r.model().network().parameterCount(), written);
            o.flush();
        } else {
            o.printf(Locale.ROOT, "trained %s (%d parameters%s) for %d epochs in %.1f s, final loss %.4e (%s); wrote %s%n",
                    Arrays.toString(r.model().network().widths()), r.model().network().parameterCount(),
                    r.config().precision() == Precision.FLOAT64 ? "" : ", " + r.config().precision().label(),
                    r.history().epochs().size(), r.seconds(), r.history().finalLoss(), r.history().stopReason(), written);
            o.flush();
        }
    }
}
