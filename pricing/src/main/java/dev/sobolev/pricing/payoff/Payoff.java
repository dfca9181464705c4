package dev.sobolev.pricing.payoff;

/**
 * A European payoff f(x) of one underlying level x (for a basket option, x is the basket value at expiry),
 * with its first and second derivative in x.
 *
 * <p>The family is closed: plain {@link Call} and {@link Digital}, their logistic smoothings
 * {@link SmoothedCall} and {@link SmoothedDigital}, the building blocks {@link Forward} and {@link Constant},
 * and the general {@link SigmoidBlend} f̃ = (1−σ)f₁ + σf₂ of the Sobolev-pruning slides (Kichler, Afghan &amp;
 * Naumann, "Towards Sobolev Pruning", PASC'24, backup slide "Smoothing").
 *
 * <p>Pathwise Monte Carlo sensitivities are unbiased only for payoffs that are Lipschitz and differentiable
 * almost everywhere ({@link #hasPathwiseDelta()}); pathwise gammas need a second derivative without Dirac
 * parts ({@link #hasPathwiseGamma()}), that is a smoothed payoff.
 */
public sealed interface Payoff permits Call, SmoothedCall, Digital, SmoothedDigital, Forward, Constant, SigmoidBlend {

    /** Payoff value f(x). */
    double value(double x);

    /** First derivative f′(x) (the almost-everywhere derivative for kinked payoffs). */
    double first(double x);

    /** Second derivative f″(x) (zero almost everywhere for piecewise-linear payoffs). */
    double second(double x);

    /**
     * Writes f(x), f′(x), f″(x) into {@code out[0..2]}; implementations share the expensive terms (one
     * exponential), which is what the Monte Carlo inner loops call.
     *
     * @param x   underlying level
     * @param out array of length ≥ 3 receiving value, first and second derivative
     */
    default void evaluate(double x, double[] out) {
        out[0] = value(x);
        out[1] = first(x);
        out[2] = second(x);
    }

    /**
     * Whether the pathwise delta estimator E[f′(x)·∂x/∂θ] is unbiased (f Lipschitz, a.e. differentiable); true
     * unless a payoff says otherwise.
     */
    default boolean hasPathwiseDelta() {
        return true;
    }

    /**
     * Whether the pathwise gamma estimator E[f″(x)·…] is unbiased (f′ Lipschitz: a smooth payoff); true unless
     * a payoff says otherwise.
     */
    default boolean hasPathwiseGamma() {
        return true;
    }

    /** A short lower-case name used in metadata and messages, e.g. {@code smoothed-call(K=1.1, w=0.05)}. */
    String describe();
}
