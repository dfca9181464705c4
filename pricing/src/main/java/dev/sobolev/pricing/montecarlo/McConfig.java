package dev.sobolev.pricing.montecarlo;

import dev.sobolev.core.InvalidParameterException;

/**
 * Settings of a Monte Carlo run.
 *
 * @param paths      number of simulated paths N ≥ 2 (with antithetic variates N ≥ 3: ⌈N/2⌉ pairs, each pair
 *                   one sample of the estimator); a standard error needs at least two samples
 * @param seed       run seed; every stream of the run is derived from it ({@code RandomStreams})
 * @param threads    worker threads, 1 to 1024; results do not depend on it
 * @param antithetic whether to pair each normal draw z with −z
 */
public record McConfig(long paths, long seed, int threads, boolean antithetic) {
    /** Validates the settings. */
    public McConfig {
        if (antithetic && paths < 3) {
            throw new InvalidParameterException("paths", "must be >= 3 with antithetic variates (a standard error "
                    + "needs at least 2 antithetic pairs), got " + paths);
        }
        if (paths < 2) {
            throw new InvalidParameterException("paths", "must be >= 2 (a standard error needs at least 2 samples), got "
                    + paths);
        }
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
    }
}
