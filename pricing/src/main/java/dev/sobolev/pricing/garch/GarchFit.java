package dev.sobolev.pricing.garch;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a GARCH(1,1) maximum-likelihood fit.
 *
 * @param estimate         θ̂ (meaningful as an optimum only when {@code converged})
 * @param logLikelihood    logL(θ̂)
 * @param seHessian        standard errors from the inverse of −H (observed information), index order μ, ω, α, β
 * @param seOpg            standard errors from the inverse of the outer product of the scores (BHHH)
 * @param seSandwich       QML (Bollerslev–Wooldridge) sandwich H⁻¹·OPG·H⁻¹ standard errors
 * @param iterations       Newton iterations taken
 * @param gradientNorm     max-norm of the gradient at θ̂
 * @param converged        whether the convergence test passed at an interior point
 * @param message          how the fit ended, e.g. "converged" or why not
 */
public record GarchFit(Garch11 estimate, double logLikelihood, List<Double> seHessian, List<Double> seOpg,
                       List<Double> seSandwich, int iterations, double gradientNorm, boolean converged,
                       String message) {
    /** Checks for missing parts; copies the lists. */
    public GarchFit {
        Objects.requireNonNull(estimate, "estimate");
        seHessian = List.copyOf(seHessian);
        seOpg = List.copyOf(seOpg);
        seSandwich = List.copyOf(seSandwich);
        Objects.requireNonNull(message, "message");
    }
}
