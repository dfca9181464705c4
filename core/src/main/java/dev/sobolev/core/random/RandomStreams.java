package dev.sobolev.core.random;

import java.util.Iterator;

import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams for parallel tasks, all derived from one run seed (xoshiro256++, Blackman &amp;
 * Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021, through Commons RNG).
 *
 * <p>The generator seeded with the run seed is first long-jumped f·2¹⁹² steps to select a <em>family</em>
 * (0: training samples, 1: test samples, 2: auxiliary draws such as random markets and directions), then
 * stream k of the family is that state jumped k·2¹²⁸ steps. The work of a run is cut into tasks that do not
 * depend on the thread count, task k always consumes stream k, and results are merged in task order: so
 * results are bitwise identical for any number of threads.
 */
public final class RandomStreams implements Iterator<UniformRandomProvider> {
    /** The generator behind every stream. */
    public static final RandomSource SOURCE = RandomSource.XO_SHI_RO_256_PP;
    /** Family of the training / pricing streams. */
    public static final int TRAINING = 0;
    /** Family of the test-set streams. */
    public static final int TEST = 1;
    /** Family of auxiliary draws (random markets, random directions). */
    public static final int AUXILIARY = 2;

    private final LongJumpableUniformRandomProvider root;

    private RandomStreams(long seed, int family) {
        LongJumpableUniformRandomProvider r = (LongJumpableUniformRandomProvider) SOURCE.create(seed);
        for (int f = 0; f < family; f++) {
            r.longJump();
        }
        this.root = r;
    }

    /** Streams of family 0 for the run seed. */
    public static RandomStreams of(long seed) {
        return new RandomStreams(seed, TRAINING);
    }

    /** Streams of the given family (0, 1 or 2) for the run seed. */
    public static RandomStreams of(long seed, int family) {
        if (family < 0 || family > AUXILIARY) {
            throw new IllegalArgumentException("stream family must be 0, 1 or 2, got " + family);
        }
        return new RandomStreams(seed, family);
    }

    /**
     * Stream {@code index} of a family, e.g. auxiliary stream 0 for a random market and 1 for random
     * directions.
     */
    public static UniformRandomProvider stream(long seed, int family, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("stream index must be >= 0, got " + index);
        }
        RandomStreams s = of(seed, family);
        for (int i = 0; i < index; i++) {
            s.next();
        }
        return s.next();
    }

    /** Always true: there are 2⁶⁴ streams per family. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next stream (a copy of the current state; the root then jumps 2¹²⁸ steps). */
    @Override
    public UniformRandomProvider next() {
        return root.jump();
    }
}
