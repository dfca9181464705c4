package dev.sobolev.surrogate.train;

/** The optimisers by name, each built with the common defaults of Keras and PyTorch. */
public enum OptimizerKind {
    /** Adam (Kingma &amp; Ba 2015), β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸. */
    ADAM,
    /** AdamW (Loshchilov &amp; Hutter 2019): Adam with decoupled weight decay. */
    ADAMW,
    /** Plain stochastic gradient descent. */
    SGD,
    /** Heavy-ball momentum 0.9. */
    MOMENTUM,
    /** Nesterov momentum 0.9. */
    NESTEROV,
    /** RMSProp, decay 0.9, ε = 10⁻⁸. */
    RMSPROP;

    /**
     * The optimiser.
     *
     * @param weightDecay decoupled weight decay λ ≥ 0, used by {@link #ADAMW} only
     * @return the optimiser of this kind
     */
    public Optimizer create(double weightDecay) {
        return switch (this) {
            case ADAM -> Optimizer.Adam.defaults();
            case ADAMW -> new Optimizer.Adam(0.9, 0.999, 1e-8, weightDecay);
            case SGD -> new Optimizer.Sgd();
            case MOMENTUM -> new Optimizer.Momentum(0.9);
            case NESTEROV -> new Optimizer.Nesterov(0.9);
            case RMSPROP -> new Optimizer.RmsProp(0.9, 1e-8);
        };
    }
}
