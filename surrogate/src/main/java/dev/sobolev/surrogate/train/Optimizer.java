package dev.sobolev.surrogate.train;

/**
 * First-order optimisers (Rojo, "Machine Learning for Physics and Astronomy", lecture 2; Kingma &amp; Ba 2015 for Adam; Loshchilov &amp; Hutter 2019
 * for AdamW). {@link #step} updates θ in place from the gradient g of the loss and the learning rate of the
 * step; the optimiser's moment buffers live in a {@link State} owned by the training run.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Momentum, Optimizer.Nesterov, Optimizer.RmsProp,
        Optimizer.Adam {

    /** Moment buffers and step counter of one run. */
    final class State {
        final double[] first;
        final double[] second;
        long steps;

        State(int n) {
            first = new double[n];
            second = new double[n];
        }
    }

    /** Fresh state for n parameters. */
    default State newState(int n) {
        return new State(n);
    }

    /**
     * One update θ ← θ − Δ.
     *
     * @param theta parameters, updated in place
     * @param grad  ∂L/∂θ
     * @param lr    learning rate of this step
     * @param state this run's buffers
     */
    void step(double[] theta, double[] grad, double lr, State state);

    /** A short name for histories and model provenance. */
    String describe();

    /** Plain gradient descent θ ← θ − η g. */
    record Sgd() implements Optimizer {
        @Override
        public void step(double[] theta, double[] grad, double lr, State state) {
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= lr * grad[i];
            }
            state.steps++;
        }

        @Override
        public String describe() {
            return "sgd";
        }
    }

    /**
     * Heavy-ball momentum v ← μv + g, θ ← θ − ηv.
     *
     * @param mu momentum coefficient in [0, 1)
     */
    record Momentum(double mu) implements Optimizer {
        /** Validates μ. */
        public Momentum {
            requireUnit("momentum", mu);
        }

        @Override
        public void step(double[] theta, double[] grad, double lr, State state) {
            double[] v = state.first;
            for (int i = 0; i < theta.length; i++) {
                v[i] = mu * v[i] + grad[i];
                theta[i] -= lr * v[i];
            }
            state.steps++;
        }

        @Override
        public String describe() {
            return "momentum(" + mu + ")";
        }
    }

    /**
     * Nesterov momentum in the look-ahead form v ← μv + g, θ ← θ − η(g + μv).
     *
     * @param mu momentum coefficient in [0, 1)
     */
    record Nesterov(double mu) implements Optimizer {
        /** Validates μ. */
        public Nesterov {
            requireUnit("momentum", mu);
        }

        @Override
        public void step(double[] theta, double[] grad, double lr, State state) {
            double[] v = state.first;
            for (int i = 0; i < theta.length; i++) {
                v[i] = mu * v[i] + grad[i];
                theta[i] -= lr * (grad[i] + mu * v[i]);
            }
            state.steps++;
        }

        @Override
        public String describe() {
            return "nesterov(" + mu + ")";
        }
    }

    /**
     * RMSprop: s ← ρs + (1−ρ)g², θ ← θ − ηg/(√s + ε).
     *
     * @param rho     decay of the second moment in [0, 1)
     * @param epsilon stabiliser &gt; 0
     */
    record RmsProp(double rho, double epsilon) implements Optimizer {
        /** Validates the settings. */
        public RmsProp {
            requireUnit("rho", rho);
            requirePositive("epsilon", epsilon);
        }

        @Override
        public void step(double[] theta, double[] grad, double lr, State state) {
            double[] s = state.second;
            for (int i = 0; i < theta.length; i++) {
                s[i] = rho * s[i] + (1 - rho) * grad[i] * grad[i];
                theta[i] -= lr * grad[i] / (Math.sqrt(s[i]) + epsilon);
            }
            state.steps++;
        }

        @Override
        public String describe() {
            return "rmsprop(" + rho + ")";
        }
    }

    /**
     * Adam with bias correction; with {@code weightDecay} &gt; 0 the decoupled AdamW update
     * θ ← θ − η(m̂/(√v̂ + ε) + λθ).
     *
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param epsilon     stabiliser &gt; 0
     * @param weightDecay decoupled weight decay λ ≥ 0 (0: plain Adam)
     */
    record Adam(double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
        /** Keras/PyTorch defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e−8 (TensorFlow uses 1e−7). */
        public static Adam defaults() {
            return new Adam(0.9, 0.999, 1e-8, 0.0);
        }

        /** Validates the settings. */
        public Adam {
            requireUnit("beta1", beta1);
            requireUnit("beta2", beta2);
            requirePositive("epsilon", epsilon);
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
            }
        }

        @Override
        public void step(double[] theta, double[] grad, double lr, State state) {
            state.steps++;
            double c1 = 1 - Math.pow(beta1, state.steps);
            double c2 = 1 - Math.pow(beta2, state.steps);
            double[] m = state.first;
            double[] v = state.second;
            for (int i = 0; i < theta.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
                double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
                theta[i] -= lr * (update + weightDecay * theta[i]);
            }
        }

        @Override
        public String describe() {
            return weightDecay > 0 ? "adamw(" + weightDecay + ")" : "adam";
        }
    }

    private static void requireUnit(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }
}
