package dev.sobolev.pricing.garch;

import dev.sobolev.core.InvalidParameterException;

/**
 * Parameters θ = (μ, ω, α, β) of the GARCH(1,1) model with constant mean (Bollerslev 1986):
 * yₜ = μ + eₜ, eₜ = √hₜ·zₜ, hₜ = ω + α·e²ₜ₋₁ + β·hₜ₋₁. Index order 0..3 = μ, ω, α, β everywhere
 * (gradients, Hessians, standard errors).
 *
 * @param mu    constant mean μ
 * @param omega variance intercept ω
 * @param alpha ARCH coefficient α
 * @param beta  GARCH coefficient β
 */
public record Garch11(double mu, double omega, double alpha, double beta) {
    /** Number of parameters. */
    public static final int SIZE = 4;
    /** Parameter names in index order. */
    public static final java.util.List<String> NAMES = java.util.List.of("mu", "omega", "alpha", "beta");

    /** Rejects non-finite parameters. */
    public Garch11 {
        check("mu", mu);
        check("omega", omega);
        check("alpha", alpha);
        check("beta", beta);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidParameterException(name, "must be finite, got " + v);
        }
    }

    /** From an array in index order. */
    public static Garch11 of(double[] theta) {
        if (theta.length != SIZE) {
            throw new IllegalArgumentException("GARCH(1,1) has 4 parameters, got " + theta.length);
        }
        return new Garch11(theta[0], theta[1], theta[2], theta[3]);
    }

    /** The parameters by name, for messages: {@code mu 0.0, omega 0.01, alpha 0.1, beta 0.8}. */
    public String describe() {
        return "mu " + mu + ", omega " + omega + ", alpha " + alpha + ", beta " + beta;
    }

        /** A new array in index order. */
    public double[] toArray() {
        return new double[] {mu, omega, alpha, beta};
    }

    /** Whether ω &gt; 0, α ≥ 0, β ≥ 0 and α + β &lt; 1 (positive variances, covariance stationarity). */
    public boolean isStationary() {
        return omega > 0 && alpha >= 0 && beta >= 0 && alpha + beta < 1;
    }

    /** Unconditional variance ω/(1 − α − β); requires {@link #isStationary()}. */
    public double unconditionalVariance() {
        if (!isStationary()) {
            throw new IllegalStateException("unconditional variance needs omega > 0, alpha, beta >= 0, alpha + beta < 1; got "
                    + this);
        }
        return omega / (1 - alpha - beta);
    }
}
