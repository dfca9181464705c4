package dev.sobolev.pricing.random;

import java.util.Iterator;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams for parallel tasks, all derived from one run seed: stream k is the
 * xoshiro256++ generator seeded with the run seed and jumped k·2¹²⁸ steps ahead (Commons RNG
 * {@link JumpableUniformRandomProvider#jumps(long)}; Blackman &amp; Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 2021). The work of a run is cut into tasks that do not depend on the thread
 * count, task k always consumes stream k, and results are merged in task order: so results are bitwise
 * identical for any number of threads.
 */
public final class RandomStreams implements Iterator<UniformRandomProvider> {
    /** The generator behind every stream. */
    public static final RandomSource SOURCE = RandomSource.XO_SHI_RO_256_PP;

    private final JumpableUniformRandomProvider root;

    private RandomStreams(long seed) {
        this.root = (JumpableUniformRandomProvider) SOURCE.create(seed);
    }

    /** Streams for the run seed {@code seed}; {@link #next()} hands out stream 0, 1, 2, … in order. */
    public static RandomStreams of(long seed) {
        return new RandomStreams(seed);
    }

    /** Always true: there are 2¹²⁸ streams. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next stream (a copy of the current state; the root then jumps 2¹²⁸ steps). */
    @Override
    public UniformRandomProvider next() {
        return root.jump();
    }

    /** The first {@code count} streams, stream k at index k. */
    public static UniformRandomProvider[] split(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("stream count must be >= 0, got " + count);
        }
        RandomStreams streams = of(seed);
        UniformRandomProvider[] out = new UniformRandomProvider[count];
        for (int k = 0; k < count; k++) {
            out[k] = streams.next();
        }
        return out;
    }
}
