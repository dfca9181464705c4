package dev.sobolev.surrogate.train;

import java.util.Arrays;
import java.util.Objects;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;

/**
 * Everything that defines a training run, recorded in the model's provenance.
 *
 * @param hidden             hidden widths, e.g. {128, 128, 128, 128, 128, 128}
 * @param activation         hidden activation
 * @param outputActivation   output activation (identity, or softplus for positive outputs)
 * @param alpha              value weight α of the Sobolev loss (1: value-only training)
 * @param secondOrderWeight  weight γ of the Hessian–vector term (0: none)
 * @param derivativeScaling  whether to weigh derivative errors by λⱼ = 1/RMS(dỹ/dx̃ⱼ) (Huge–Savine)
 * @param normalisation      input/output scaling
 * @param optimizer          optimiser
 * @param schedule           learning-rate schedule
 * @param epochs             epochs ≥ 1
 * @param batchSize          mini-batch size ≥ 1
 * @param initializer        weight initialiser
 * @param l2                 L2 penalty coefficient ≥ 0 (adds l2·θ to the gradient)
 * @param dropout            drop probability of hidden units during training, in [0, 1)
 * @param validationFraction share of the rows held out for look-back early stopping, in [0, 0.5]
 * @param seed               seed of initialisation, split and shuffling
 * @param threads            worker threads; the result does not depend on it
 */
public record TrainingConfig(int[] hidden, Activation activation, Activation outputActivation, double alpha,
                             double secondOrderWeight, boolean derivativeScaling, Normalisation.Kind normalisation, Optimizer optimizer,
                             Schedule schedule, int epochs, int batchSize, Initializer initializer, double l2,
                             double dropout, double validationFraction, long seed, int threads) {
    /** Validates the settings (messages name the command-line option). */
    public TrainingConfig {
        hidden = hidden.clone();
        if (hidden.length == 0) {
            throw new IllegalArgumentException("--hidden needs at least one layer");
        }
        for (int w : hidden) {
            if (w < 1) {
                throw new IllegalArgumentException("--hidden widths must be >= 1, got " + Arrays.toString(hidden));
            }
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(initializer, "initializer");
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
        }
        if (!(secondOrderWeight >= 0) || !Double.isFinite(secondOrderWeight)) {
            throw new IllegalArgumentException("--hv-weight must be finite and >= 0, got " + secondOrderWeight);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batchSize);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("--l2 must be finite and >= 0, got " + l2);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("--validation must be in [0, 0.5], got " + validationFraction);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("--threads must be in [1, 1024], got " + threads);
        }
    }

    /** A copy of the hidden widths. */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The same run with another number of epochs (schedules that take the run length see the new one). */
    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(hidden, activation, outputActivation, alpha, secondOrderWeight, derivativeScaling,
                normalisation, optimizer, schedule, newEpochs, batchSize, initializer, l2, dropout, validationFraction,
                seed, threads);
    }

    /** The same run on values only (α = 1, no derivative or second-order terms): "vanilla" training. */
    public TrainingConfig valuesOnly() {
        return new TrainingConfig(hidden, activation, outputActivation, 1.0, 0.0, false, normalisation, optimizer,
                schedule, epochs, batchSize, initializer, l2, dropout, validationFraction, seed, threads);
    }

    /** Widths n₀..n_{L+1} for d inputs and m outputs. */
    public int[] widths(int d, int m) {
        int[] w = new int[hidden.length + 2];
        w[0] = d;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = m;
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && Arrays.equals(hidden, c.hidden) && activation == c.activation
                && outputActivation == c.outputActivation && Double.compare(alpha, c.alpha) == 0
                && Double.compare(secondOrderWeight, c.secondOrderWeight) == 0
                && derivativeScaling == c.derivativeScaling && normalisation == c.normalisation
                && optimizer.equals(c.optimizer) && schedule.equals(c.schedule) && epochs == c.epochs
                && batchSize == c.batchSize && initializer == c.initializer && Double.compare(l2, c.l2) == 0
                && Double.compare(dropout, c.dropout) == 0
                && Double.compare(validationFraction, c.validationFraction) == 0 && seed == c.seed && threads == c.threads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(hidden), activation, alpha, epochs, batchSize, seed);
    }

    @Override
    public String toString() {
        return "TrainingConfig[hidden=" + Arrays.toString(hidden) + ", activation=" + activation + ", alpha=" + alpha
                + ", optimizer=" + optimizer.describe() + ", schedule=" + schedule + ", epochs=" + epochs + ", batch="
                + batchSize + ", seed=" + seed + "]";
    }
}
