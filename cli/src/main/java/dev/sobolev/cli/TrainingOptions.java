package dev.sobolev.cli;

import dev.sobolev.surrogate.nn.Precision;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.OptimizerKind;
import dev.sobolev.surrogate.train.ScheduleKind;
import dev.sobolev.surrogate.train.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The loss and optimisation options shared by {@code train} and {@code prune} (fine-tuning): loss, α, λ,
 * optimiser, learning-rate schedule, epochs, batch, L2, dropout, the validation share, what a diverged run
 * writes and the precision of the passes. Their defaults are
 * {@link TrainingConfig#builder()}'s.
 */
final class TrainingOptions {
    @Option(names = "--loss", defaultValue = "sobolev", description = "sobolev or value (default: ${DEFAULT-VALUE}).")
    Loss loss;
    @Option(names = "--alpha", description = "Value weight of the Sobolev loss (default: 1/(1+d), Huge-Savine).")
    Double alpha;
    @Option(names = "--no-lambda", description = "Do not weigh derivative errors by 1/RMS of the derivative labels.")
    boolean noLambda;
    @Option(names = "--optimizer", defaultValue = "adam",
            description = "adam, adamw, sgd, momentum, nesterov or rmsprop (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;
    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (peak for one-cycle) (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--schedule", defaultValue = "cosine",
            description = "constant, cosine, one-cycle, time-decay or step (default: ${DEFAULT-VALUE}).")
    ScheduleKind schedule;
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
    @Option(names = "--keep-best", description = "When training diverges (a non-finite loss or weight, an epoch loss "
            + "above 1e6 times the starting loss, or kept weights above 10 times it), write the best finished epoch's "
            + "weights and say so, instead of failing with exit code 4 and writing nothing.")
    boolean keepBest;
    @Option(names = "--precision", defaultValue = "float64", description = "Arithmetic of the training passes: "
            + "float64, or float32 (single-output networks, no --hv-weight; double-precision weights and optimiser) "
            + "(default: ${DEFAULT-VALUE}).")
    Precision precision;

    /**
     * Sets the loss and optimisation settings of these options on a builder.
     *
     * @param b       the builder (architecture already set)
     * @param seed    the run seed
     * @param threads worker threads
     * @return the builder
     */
    TrainingConfig.Builder apply(TrainingConfig.Builder b, long seed, int threads) {
        if (alpha != null && Double.isNaN(alpha)) {
            throw new IllegalArgumentException("--alpha must be in [0, 1], got NaN");
        }
        requireFinite("--lr", lr, lr > 0, "> 0");
        requireFinite("--min-lr", minLr, minLr > 0, "> 0");
        requireFinite("--weight-decay", weightDecay, weightDecay >= 0, ">= 0");
        if (alpha != null) {
            b.alpha(alpha);
        }
        return b.derivativeScaling(!noLambda).optimizer(optimizer.create(weightDecay))
                .schedule(schedule.create(lr, minLr, epochs)).epochs(epochs).batchSize(batch).l2(l2).dropout(dropout)
                .validationFraction(validation).seed(seed).threads(threads).keepBest(keepBest).precision(precision);
    }

    /** Refuses a value that is not finite or not in range, naming the option ("--lr must be finite and > 0"). */
    private static void requireFinite(String option, double value, boolean inRange, String range) {
        if (!inRange || !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be finite and " + range + ", got " + value);
        }
    }
}
