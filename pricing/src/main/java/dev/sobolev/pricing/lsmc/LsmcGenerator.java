package dev.sobolev.pricing.lsmc;

import dev.sobolev.core.dataset.BlockStreamWriter;
import dev.sobolev.core.random.RandomStreams;

/**
 * Generates LSMC training and test rows of a {@link LsmcRecipe} in memory, in parallel, into caller-owned
 * row-major arrays. Training rows use the random streams of family {@link RandomStreams#TRAINING} of the
 * seed, test rows family {@link RandomStreams#TEST}, block by block ({@value BlockStreamWriter#BLOCK_ROWS}
 * rows per stream): the output is bitwise identical for any thread count, and equal to what
 * {@link LsmcDatasetWriter} writes to disk.
 */
public final class LsmcGenerator {
    private LsmcGenerator() {
    }

    /**
     * Fills n training rows.
     *
     * @param kernel  recipe kernel (with its Hessian–vector directions)
     * @param seed    run seed
     * @param threads worker threads
     * @param x       n×d inputs (n = y.length)
     * @param y       n labels
     * @param dydx    n×d label gradients
     * @param hv      n×k×d Hessian–vector labels, or null when the kernel has no directions
     */
    public static void training(LabelKernel kernel, long seed, int threads, double[] x, double[] y, double[] dydx,
                                double[] hv) {
        int n = y.length;
        checkShapes(kernel, n, x, dydx);
        int k = kernel.directionCount();
        if (k > 0 && (hv == null || hv.length != (long) n * k * kernel.dimension())) {
            throw new IllegalArgumentException("hv must hold n*k*d = " + (long) n * k * kernel.dimension() + " values");
        }
        BlockStreamWriter.fill(RandomStreams.of(seed, RandomStreams.TRAINING), n, threads,
                trainingFiller(kernel), new double[][] {x, y, dydx, hv});
    }

    /**
     * Fills n test rows with exact labels.
     *
     * @param kernel  recipe kernel
     * @param seed    run seed
     * @param threads worker threads
     * @param x       n×d inputs
     * @param y       n exact prices
     * @param dydx    n×d exact deltas
     * @param gamma   n exact basket gammas 1ᵀH1
     */
    public static void test(LabelKernel kernel, long seed, int threads, double[] x, double[] y, double[] dydx,
                            double[] gamma) {
        int n = y.length;
        checkShapes(kernel, n, x, dydx);
        if (gamma.length != n) {
            throw new IllegalArgumentException("gamma must hold n = " + n + " values, got " + gamma.length);
        }
        BlockStreamWriter.fill(RandomStreams.of(seed, RandomStreams.TEST), n, threads, testFiller(kernel),
                new double[][] {x, y, dydx, gamma});
    }

    /** Training rows into buffers {X, Y, dYdX[, hv]}. */
    static BlockStreamWriter.Filler trainingFiller(LabelKernel kernel) {
        return (rng, rows, row0, b) -> kernel.fillTraining(rng, rows, row0, b[0], b[1], b[2], b.length > 3 ? b[3] : null);
    }

    /** Test rows into buffers {X, Y, dYdX, gamma}. */
    static BlockStreamWriter.Filler testFiller(LabelKernel kernel) {
        return (rng, rows, row0, b) -> kernel.fillTest(rng, rows, row0, b[0], b[1], b[2], b[3]);
    }

    private static void checkShapes(LabelKernel kernel, int n, double[] x, double[] dydx) {
        long nd = (long) n * kernel.dimension();
        if (x.length != nd || dydx.length != nd) {
            throw new IllegalArgumentException("x and dydx must hold n*d = " + nd + " values, got "
                    + x.length + " and " + dydx.length);
        }
    }
}
