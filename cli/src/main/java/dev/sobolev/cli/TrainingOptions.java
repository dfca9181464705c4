package dev.sobolev.cli;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.Optimizer;
import dev.sobolev.surrogate.train.Schedule;
import dev.sobolev.surrogate.train.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The loss and optimisation options shared by {@code train} and {@code prune} (fine-tuning): loss, α, λ,
 * optimiser, learning-rate schedule, epochs, batch, L2, dropout and the validation share.
 */
final class TrainingOptions {
    @Option(names = "--loss", defaultValue = "sobolev", description = "sobolev or value (default: ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--alpha", description = "Value weight of the Sobolev loss (default: 1/(1+d), Huge-Savine).")
    Double alpha;
    @Option(names = "--no-lambda", description = "Do not weigh derivative errors by 1/RMS of the derivative labels.")
    boolean noLambda;
    @Option(names = "--optimizer", defaultValue = "adam",
            description = "adam, adamw, sgd, momentum, nesterov or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (peak for one-cycle) (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--schedule", defaultValue = "cosine",
            description = "constant, cosine, one-cycle, time-decay or step (default: ${DEFAULT-VALUE}).")
    String schedule;
    @Option(names = "--min-lr", defaultValue = "1e-6", description = "Final rate of cosine and time-decay (default: ${DEFAULT-VALUE}).")
    double minLr;
    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--epochs", defaultValue = "100", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch", defaultValue = "256", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--l2", defaultValue = "0", description = "L2 penalty (default: ${DEFAULT-VALUE}).")
    double l2;
    @Option(names = "--dropout", defaultValue = "0", description = "Drop probability of hidden units while training "
            + "(default: ${DEFAULT-VALUE}).")
    double dropout;
    @Option(names = "--validation", defaultValue = "0", description = "Share of rows held out for look-back early "
            + "stopping, 0 to 0.5 (default: ${DEFAULT-VALUE}).")
    double validation;

    /** Whether the loss is the Sobolev loss (else values only). */
    boolean sobolev() {
        return switch (loss.toLowerCase(Locale.ROOT)) {
            case "sobolev" -> true;
            case "value" -> false;
            default -> throw new IllegalArgumentException("--loss must be sobolev or value, got " + loss);
        };
    }

    /** α: as given, else 1/(1 + d) (Huge–Savine) for the Sobolev loss, 1 for values only. */
    double alpha(int inputs) {
        return sobolev() ? (alpha != null ? alpha : 1.0 / (1 + inputs)) : 1.0;
    }

    Optimizer optimizer() {
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "adam" -> Optimizer.Adam.defaults();
            case "adamw" -> new Optimizer.Adam(0.9, 0.999, 1e-8, weightDecay);
            case "sgd" -> new Optimizer.Sgd();
            case "momentum" -> new Optimizer.Momentum(0.9);
            case "nesterov" -> new Optimizer.Nesterov(0.9);
            case "rmsprop" -> new Optimizer.RmsProp(0.9, 1e-8);
            default -> throw new IllegalArgumentException("--optimizer must be adam, adamw, sgd, momentum, nesterov or "
                    + "rmsprop, got " + optimizer);
        };
    }

    Schedule schedule() {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + lr);
        }
        return switch (schedule.toLowerCase(Locale.ROOT)) {
            case "constant" -> new Schedule.Constant(lr);
            case "cosine" -> new Schedule.Cosine(lr, Math.min(minLr, lr));
            case "one-cycle" -> new Schedule.OneCycle(1e-8, lr, lr / 10, 1e-6, 0.2, 0.6);
            case "time-decay" -> Schedule.TimeDecay.between(lr, Math.min(minLr, lr), epochs);
            case "step" -> new Schedule.Step(lr, 0.5, Math.max(1, epochs / 4));
            default -> throw new IllegalArgumentException("--schedule must be constant, cosine, one-cycle, time-decay or "
                    + "step, got " + schedule);
        };
    }

    /**
     * The training run these options describe for an architecture.
     *
     * @param inputs input dimension d (for the default α)
     */
    TrainingConfig config(int[] hidden, Activation act, Activation outAct, double hvWeight, Normalisation.Kind kind,
                          Initializer init, int inputs, long seed, int threads) {
        boolean sob = sobolev();
        if (hvWeight > 0 && !sob) {
            throw new IllegalArgumentException("--hv-weight needs --loss sobolev");
        }
        return new TrainingConfig(hidden, act, outAct, alpha(inputs), hvWeight, sob && !noLambda, kind, optimizer(),
                schedule(), epochs, batch, init, l2, dropout, validation, seed, threads);
    }

    /** Records the run's loss and optimisation settings in a model file's provenance. */
    void describe(TrainingConfig config, ObjectNode cfg) {
        cfg.put("loss", sobolev() ? "sobolev" : "value");
        cfg.put("alpha", config.alpha());
        cfg.put("derivativeScaling", config.derivativeScaling());
        cfg.put("optimizer", config.optimizer().describe());
        cfg.put("schedule", config.schedule().toString());
        cfg.put("epochs", config.epochs());
        cfg.put("batch", config.batchSize());
        cfg.put("l2", config.l2());
        cfg.put("dropout", config.dropout());
        cfg.put("validation", config.validationFraction());
        cfg.put("seed", config.seed());
    }
}
