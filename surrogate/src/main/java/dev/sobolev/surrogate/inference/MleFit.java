package dev.sobolev.surrogate.inference;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a latent-parameter maximum-likelihood fit ({@link LatentMle}).
 *
 * @param estimate       θ̂, J values inside the box
 * @param point          log L(θ̂), its gradient and the observed information −∇² log L(θ̂)
 * @param standardErrors √diag((−∇² log L(θ̂))⁻¹), J values; all NaN when θ̂ lies on the box's boundary (there the
 *                       gradient need not vanish, the likelihood is not locally quadratic around θ̂ and the normal
 *                       approximation behind standard errors does not hold) or when the observed information is not
 *                       positive definite (a saddle or flat direction of the model)
 * @param onBoundary     whether some θ̂ⱼ lies on its bound (then the gradient need not vanish)
 * @param starts         starting points tried
 * @param converged      starts whose optimisation ended by the optimiser's convergence test
 * @param evaluations    model evaluations (outputs with Jacobian) over all starts
 */
public record MleFit(List<Double> estimate, LikelihoodPoint point, List<Double> standardErrors, boolean onBoundary,
                     int starts, int converged, int evaluations) {
    /** Checks for missing parts and copies the lists. */
    public MleFit {
        estimate = List.copyOf(estimate);
        Objects.requireNonNull(point, "point");
        standardErrors = List.copyOf(standardErrors);
    }

    /** @return whether the standard errors exist (the observed information is positive definite) */
    public boolean hasStandardErrors() {
        return standardErrors.stream().allMatch(Double::isFinite);
    }
}
