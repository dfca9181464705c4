package dev.sobolev.pricing.simulators;

import java.util.Arrays;

import dev.sobolev.core.InvalidParameterException;

/**
 * The 2-D dynamic toy simulator of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine
 * Learning Model Training" (§3, eq. 7, adapted from Chen &amp; Hobson 2019):
 * yₜ(θ) = (cos[φ(θ₁ − t − a)] · cos[φ(θ₂ − t − a)])² for t = 1..T, with φ = 0.1, a = 5 and T = 10 as printed, and the
 * latent parameters θ = (θ₁, θ₂) under the prior U[0, 15]².
 *
 * <p>With uᵢ = φ(θᵢ − t − a) and cᵢ = cos uᵢ, the exact derivatives are ∂yₜ/∂θ₁ = −φ sin(2u₁) c₂²,
 * ∂²yₜ/∂θ₁² = −2φ² cos(2u₁) c₂² and ∂²yₜ/∂θ₁∂θ₂ = φ² sin(2u₁) sin(2u₂) (and symmetrically in θ₂). Stateless and
 * thread-safe; nothing is allocated per call.
 */
public final class CosineSimulator {
    /** φ of eq. 7. */
    public static final double PHI = 0.1;
    /** a (printed α) of eq. 7. */
    public static final double SHIFT = 5;
    /** The time steps t = 1..T. */
    public static final int STEPS = 10;
    /** Lower bound of the prior of each θᵢ. */
    public static final double PRIOR_LOW = 0;
    /** Upper bound of the prior of each θᵢ. */
    public static final double PRIOR_HIGH = 15;
    /** Latent parameters J = 2. */
    public static final int PARAMETERS = 2;

    private CosineSimulator() {
    }

    /**
     * The outputs y₁..y_T and their Jacobian.
     *
     * @param theta    (θ₁, θ₂), finite
     * @param y        receives the T = {@value #STEPS} outputs
     * @param jacobian receives ∂yₜ/∂θⱼ at {@code [t·2 + j]} (t from 0), or null
     * @throws InvalidParameterException naming {@code theta} when it does not hold two finite numbers
     */
    public static void evaluate(double[] theta, double[] y, double[] jacobian) {
        check(theta);
        for (int t = 0; t < STEPS; t++) {
            double u1 = PHI * (theta[0] - (t + 1) - SHIFT);
            double u2 = PHI * (theta[1] - (t + 1) - SHIFT);
            double c1 = Math.cos(u1);
            double c2 = Math.cos(u2);
            double c1s = c1 * c1;
            double c2s = c2 * c2;
            y[t] = c1s * c2s;
            if (jacobian != null) {
                jacobian[2 * t] = -PHI * Math.sin(2 * u1) * c2s;
                jacobian[2 * t + 1] = -PHI * Math.sin(2 * u2) * c1s;
            }
        }
    }

    /**
     * The Hessian of output t in θ.
     *
     * @param theta   (θ₁, θ₂), finite
     * @param t       time step index 0..T−1 (step t + 1)
     * @param hessian receives ∂²yₜ/∂θᵢ∂θⱼ at {@code [i·2 + j]}
     * @throws InvalidParameterException naming {@code theta} or {@code t} when outside their domains
     */
    public static void hessian(double[] theta, int t, double[] hessian) {
        check(theta);
        if (t < 0 || t >= STEPS) {
            throw new InvalidParameterException("t", "must be in [0, " + (STEPS - 1) + "], got " + t);
        }
        double u1 = PHI * (theta[0] - (t + 1) - SHIFT);
        double u2 = PHI * (theta[1] - (t + 1) - SHIFT);
        double c1 = Math.cos(u1);
        double c2 = Math.cos(u2);
        double cross = PHI * PHI * Math.sin(2 * u1) * Math.sin(2 * u2);
        hessian[0] = -2 * PHI * PHI * Math.cos(2 * u1) * c2 * c2;
        hessian[1] = cross;
        hessian[2] = cross;
        hessian[3] = -2 * PHI * PHI * Math.cos(2 * u2) * c1 * c1;
    }

    private static void check(double[] theta) {
        if (theta.length != PARAMETERS || !Double.isFinite(theta[0]) || !Double.isFinite(theta[1])) {
            throw new InvalidParameterException("theta", "must hold " + PARAMETERS + " finite numbers, got "
                    + Arrays.toString(theta));
        }
    }
}
