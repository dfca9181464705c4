package dev.sobolev.pricing.montecarlo;

import java.util.Objects;

import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * A Monte Carlo estimate and its standard errors, entry by entry in the same shape.
 *
 * @param estimate      sample means: price, pathwise deltas, gammas, Hessian–vector products, vega
 * @param standardError standard error of each entry of {@code estimate} (sample standard deviation of the
 *                      per-sample estimator divided by √samples)
 * @param paths         paths simulated (2× pairs with antithetic variates)
 * @param samples       independent samples behind the standard errors (pairs with antithetic variates)
 * @param seed          run seed
 * @param antithetic    whether antithetic variates were used
 */
public record McResult(Sensitivities estimate, Sensitivities standardError, long paths, long samples, long seed,
                       boolean antithetic) {
    /** Checks for missing parts. */
    public McResult {
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(standardError, "standardError");
    }
}
