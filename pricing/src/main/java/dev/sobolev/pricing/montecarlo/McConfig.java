package dev.sobolev.pricing.montecarlo;

import dev.sobolev.core.InvalidParameterException;

/**
 * Settings of a Monte Carlo run.
 *
 * @param paths      number of simulated paths N ≥ 1 (with antithetic variates, ⌈N/2⌉ pairs, each pair one
 *                   sample of the estimator)
 * @param seed       run seed; every stream of the run is derived from it ({@code RandomStreams})
 * @param threads    worker threads, 1 to 1024; results do not depend on it
 * @param antithetic whether to pair each normal draw z with −z
 */
public record McConfig(long paths, long seed, int threads, boolean antithetic) {
    /** Validates the settings. */
    public McConfig {
        if (paths < 1) {
            throw new InvalidParameterException("paths", "must be >= 1, got " + paths);
        }
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
    }
}
