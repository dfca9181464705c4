package dev.sobolev.pricing.lsmc;

import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.DatasetFormat;

/**
 * A data set generation job: recipe, sizes, seed, threads, optional second-order labels and file format.
 *
 * @param recipe      the LSMC recipe
 * @param size        training rows n ≥ 1
 * @param seed        run seed (training rows use stream family 0, test rows family 1, random directions
 *                    auxiliary stream 1)
 * @param threads     worker threads; the files do not depend on it
 * @param secondOrder Hessian–vector labels, or null for none
 * @param testSize    test rows with exact labels (0 for no test set)
 * @param format      file format
 */
public record LsmcJob(LsmcRecipe recipe, long size, long seed, int threads, SecondOrder secondOrder, long testSize,
                      DatasetFormat format) {
    /** Largest supported row count (rows are indexed by int within a chunk, by long on disk). */
    public static final long MAX_ROWS = 1L << 40;

    /** Validates sizes and threads. */
    public LsmcJob {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(format, "format");
        if (size < 1 || size > MAX_ROWS) {
            throw new InvalidParameterException("size", "must be in [1, " + MAX_ROWS + "], got " + size);
        }
        if (testSize < 0 || testSize > MAX_ROWS) {
            throw new InvalidParameterException("testSize", "must be in [0, " + MAX_ROWS + "], got " + testSize);
        }
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
    }
}
