package dev.sobolev.surrogate.train;

import java.util.Arrays;
import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Precision;

/**
 * Everything that defines a training run, recorded in the model's provenance. {@link #builder()} starts from the
 * defaults (the {@code train} command's): hidden 20×4, softplus, identity output, α = 1/(1 + d) (Huge &amp;
 * Savine), λ-scaled derivative errors, per-feature normalisation, Adam, cosine schedule from 0.01 to 10⁻⁶,
 * 100 epochs of batches of 256, Glorot initialisation, seed 42.
 *
 * @param hidden             hidden widths, e.g. {128, 128, 128, 128, 128, 128}
 * @param activation         hidden activation
 * @param outputActivation   output activation (identity, or softplus for positive outputs)
 * @param alpha              value weight α of the Sobolev loss in [0, 1] (1: value-only training), or
 *                           {@link #DEFAULT_ALPHA} for 1/(1 + d), fixed by {@link #forInputs(int)} once the input
 *                           dimension d is known
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
 * @param threads            worker threads in [1, 1024]; the result does not depend on it
 * @param keepBest           what a run that diverges ({@link Trainer}) gives: false (the default) throws
 *                           {@link TrainingDivergedException}; true returns the weights of its best finished epoch
 *                           and says so in the history
 * @param precision          arithmetic of the loss's passes: {@link Precision#FLOAT64} (the default) or
 *                           {@link Precision#FLOAT32} (single-output networks, no second-order term)
 */
public record TrainingConfig(int[] hidden, Activation activation, Activation outputActivation, double alpha,
                             double secondOrderWeight, boolean derivativeScaling, Normalisation.Kind normalisation, Optimizer optimizer,
                             Schedule schedule, int epochs, int batchSize, Initializer initializer, double l2,
                             double dropout, double validationFraction, long seed, int threads, boolean keepBest,
                             Precision precision) {
    /**
     * The α that stands for Huge &amp; Savine's 1/(1 + d) (Huge &amp; Savine 2020, "Differential Machine
     * Learning", §2), resolved by {@link #forInputs(int)}: NaN, the one α value no explicit choice can take.
     */
    public static final double DEFAULT_ALPHA = Double.NaN;

    /**
     * Validates the settings.
     *
     * @throws InvalidParameterException naming the component ({@code hidden[2]}, {@code batchSize}, …) when a
     *                                   setting is outside its domain
     */
    public TrainingConfig {
        hidden = hidden.clone();
        if (hidden.length == 0) {
            throw new InvalidParameterException("hidden", "needs at least one layer, got none");
        }
        for (int l = 0; l < hidden.length; l++) {
            if (hidden[l] < 1) {
                throw new InvalidParameterException("hidden[" + l + "]", "must be >= 1, got " + hidden[l]);
            }
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(initializer, "initializer");
        if (!Double.isNaN(alpha) && !(alpha >= 0 && alpha <= 1)) {
            throw new InvalidParameterException("alpha", "must be in [0, 1], got " + alpha);
        }
        if (!(secondOrderWeight >= 0) || !Double.isFinite(secondOrderWeight)) {
            throw new InvalidParameterException("secondOrderWeight", "must be finite and >= 0, got " + secondOrderWeight);
        }
        if (epochs < 1) {
            throw new InvalidParameterException("epochs", "must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new InvalidParameterException("batchSize", "must be >= 1, got " + batchSize);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new InvalidParameterException("l2", "must be finite and >= 0, got " + l2);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidParameterException("dropout", "must be in [0, 1), got " + dropout);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new InvalidParameterException("validationFraction", "must be in [0, 0.5], got " + validationFraction);
        }
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
        Objects.requireNonNull(precision, "precision");
        if (precision == Precision.FLOAT32 && secondOrderWeight > 0) {
            throw new InvalidParameterException("precision", "float32 trains without the second-order term, got its "
                    + "weight " + secondOrderWeight);
        }
    }

    /** A builder holding the defaults (see the type's description). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy of the hidden widths. */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Whether α is the {@link #DEFAULT_ALPHA} still to be fixed by {@link #forInputs(int)}. */
    public boolean defaultAlpha() {
        return Double.isNaN(alpha);
    }

    /**
     * This run for d inputs: a {@link #DEFAULT_ALPHA} becomes 1/(1 + d); an explicit α stays.
     *
     * @param inputs the input dimension d ≥ 1
     * @return this configuration with a concrete α
     */
    public TrainingConfig forInputs(int inputs) {
        if (inputs < 1) {
            throw new InvalidParameterException("inputs", "must be >= 1, got " + inputs);
        }
        return defaultAlpha() ? toBuilder().alpha(1.0 / (1 + inputs)).build() : this;
    }

    /** The same run with another number of epochs (schedules that take the run length see the new one). */
    public TrainingConfig withEpochs(int newEpochs) {
        return toBuilder().epochs(newEpochs).build();
    }

    /** The same run on values only (α = 1, no derivative or second-order terms): "vanilla" training. */
    public TrainingConfig valuesOnly() {
        return toBuilder().alpha(1.0).secondOrderWeight(0.0).derivativeScaling(false).build();
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
                && Double.compare(validationFraction, c.validationFraction) == 0 && seed == c.seed && threads == c.threads
                && keepBest == c.keepBest && precision == c.precision;
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

    /**
     * Builds a {@link TrainingConfig} from the defaults, setting only what differs; {@link #build()} validates.
     * Not thread-safe; each call returns this builder.
     */
    public static final class Builder {
        private int[] hidden = {20, 20, 20, 20};
        private Activation activation = Activation.SOFTPLUS;
        private Activation outputActivation = Activation.IDENTITY;
        private double alpha = DEFAULT_ALPHA;
        private double secondOrderWeight = 0;
        private boolean derivativeScaling = true;
        private Normalisation.Kind normalisation = Normalisation.Kind.PER_FEATURE;
        private Optimizer optimizer = Optimizer.Adam.defaults();
        private Schedule schedule = new Schedule.Cosine(0.01, 1e-6);
        private int epochs = 100;
        private int batchSize = 256;
        private Initializer initializer = Initializer.GLOROT;
        private double l2 = 0;
        private double dropout = 0;
        private double validationFraction = 0;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean keepBest = false;
        private Precision precision = Precision.FLOAT64;

        private Builder() {
        }

        private Builder(TrainingConfig c) {
            hidden = c.hidden();
            activation = c.activation;
            outputActivation = c.outputActivation;
            alpha = c.alpha;
            secondOrderWeight = c.secondOrderWeight;
            derivativeScaling = c.derivativeScaling;
            normalisation = c.normalisation;
            optimizer = c.optimizer;
            schedule = c.schedule;
            epochs = c.epochs;
            batchSize = c.batchSize;
            initializer = c.initializer;
            l2 = c.l2;
            dropout = c.dropout;
            validationFraction = c.validationFraction;
            seed = c.seed;
            threads = c.threads;
            keepBest = c.keepBest;
            precision = c.precision;
        }

        /** @param widths hidden widths, one per hidden layer (copied) */
        public Builder hidden(int... widths) {
            hidden = widths.clone();
            return this;
        }

        /** @param a hidden activation */
        public Builder activation(Activation a) {
            activation = a;
            return this;
        }

        /** @param a output activation */
        public Builder outputActivation(Activation a) {
            outputActivation = a;
            return this;
        }

        /** @param a value weight α in [0, 1], or {@link #DEFAULT_ALPHA} */
        public Builder alpha(double a) {
            alpha = a;
            return this;
        }

        /** @param w weight γ of the Hessian–vector term, ≥ 0 */
        public Builder secondOrderWeight(double w) {
            secondOrderWeight = w;
            return this;
        }

        /** @param on whether derivative errors are weighed by λⱼ */
        public Builder derivativeScaling(boolean on) {
            derivativeScaling = on;
            return this;
        }

        /** @param kind input/output scaling */
        public Builder normalisation(Normalisation.Kind kind) {
            normalisation = kind;
            return this;
        }

        /** @param o optimiser */
        public Builder optimizer(Optimizer o) {
            optimizer = o;
            return this;
        }

        /** @param s learning-rate schedule */
        public Builder schedule(Schedule s) {
            schedule = s;
            return this;
        }

        /** @param n epochs ≥ 1 */
        public Builder epochs(int n) {
            epochs = n;
            return this;
        }

        /** @param n mini-batch size ≥ 1 */
        public Builder batchSize(int n) {
            batchSize = n;
            return this;
        }

        /** @param i weight initialiser */
        public Builder initializer(Initializer i) {
            initializer = i;
            return this;
        }

        /** @param c L2 penalty coefficient ≥ 0 */
        public Builder l2(double c) {
            l2 = c;
            return this;
        }

        /** @param p drop probability in [0, 1) */
        public Builder dropout(double p) {
            dropout = p;
            return this;
        }

        /** @param share share of rows held out for early stopping, in [0, 0.5] */
        public Builder validationFraction(double share) {
            validationFraction = share;
            return this;
        }

        /** @param s seed of initialisation, split and shuffling */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** @param n worker threads in [1, 1024] */
        public Builder threads(int n) {
            threads = n;
            return this;
        }

        /** @param keep whether a diverged run returns its best finished epoch's weights instead of throwing */
        public Builder keepBest(boolean keep) {
            keepBest = keep;
            return this;
        }

        /** @param p arithmetic of the loss's passes */
        public Builder precision(Precision p) {
            precision = p;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws InvalidParameterException naming the setting that is outside its domain
         */
        public TrainingConfig build() {
            return new TrainingConfig(hidden, activation, outputActivation, alpha, secondOrderWeight, derivativeScaling,
                    normalisation, optimizer, schedule, epochs, batchSize, initializer, l2, dropout, validationFraction,
                    seed, threads, keepBest, precision);
        }
    }
}
