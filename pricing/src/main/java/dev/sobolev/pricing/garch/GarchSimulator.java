package dev.sobolev.pricing.garch;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.core.random.BlockTasks;
import dev.sobolev.core.random.RandomStreams;

/**
 * Simulates GARCH(1,1) return series yₜ = μ + √hₜ·zₜ, hₜ = ω + α·e²ₜ₋₁ + β·hₜ₋₁, zₜ ~ N(0, 1) (Commons RNG
 * Ziggurat). The recursion starts at the unconditional variance and runs {@code burnIn} steps before the
 * first returned observation, so the series starts close to stationarity. Series k of a seed always uses
 * stream k of that seed ({@link RandomStreams}), for any thread count. Stateless.
 */
public final class GarchSimulator {
    /** Default burn-in steps. */
    public static final int DEFAULT_BURN_IN = 500;

    private GarchSimulator() {
    }

    /**
     * One series.
     *
     * @param theta  stationary parameters (ω &gt; 0, α, β ≥ 0, α + β &lt; 1)
     * @param length observations T ≥ 1
     * @param burnIn discarded initial steps ≥ 0
     * @param rng    random stream
     */
    public static double[] simulate(Garch11 theta, int length, int burnIn, UniformRandomProvider rng) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        if (burnIn < 0) {
            throw new IllegalArgumentException("burnIn must be >= 0, got " + burnIn);
        }
        double h = theta.unconditionalVariance();
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] y = new double[length];
        double e = 0;
        for (int t = -burnIn; t < length; t++) {
            if (t > -burnIn) {
                h = theta.omega() + theta.alpha() * e * e + theta.beta() * h;
            }
            e = Math.sqrt(h) * normal.sample();
            if (t >= 0) {
                y[t] = theta.mu() + e;
            }
        }
        return y;
    }

    /**
     * {@code count} independent series; series k uses stream k of {@code seed}.
     *
     * @param theta   stationary parameters
     * @param length  observations per series
     * @param count   number of series
     * @param seed    run seed
     * @param threads worker threads
     */
    public static List<double[]> simulate(Garch11 theta, int length, int count, long seed, int threads) {
        theta.unconditionalVariance();
        return BlockTasks.run(RandomStreams.of(seed), count, threads,
                (rng, k) -> simulate(theta, length, DEFAULT_BURN_IN, rng));
    }
}
