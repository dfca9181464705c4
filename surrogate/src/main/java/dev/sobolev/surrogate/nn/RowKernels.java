package dev.sobolev.surrogate.nn;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The elementwise passes of {@link SobolevLoss}'s directional form over rows of a shard's B columns, each a
 * method of its own.
 *
 * <p>Why separate methods (measured, docs/DESIGN.md "Warm-up"): written inline, these loops sat in the one
 * large method that drives a shard, which C2 compiles only after hundreds of calls and then for a long time
 * (about 220 ms on this VM, three times with the on-stack-replacement variants), so for the first 20–25 of
 * 100 epochs they ran in C1's profiling code at 1.7–3× the steady epoch time. Small methods called per row
 * reach C2's thresholds within the first epoch and compile in milliseconds. Each does the same operations in
 * the same order as the inline loops did, so the results are the same bits.
 */
final class RowKernels {
    private RowKernels() {
    }

    /** out[q] = x[rows[from + q]·d + j] for q &lt; b: input coordinate j of the shard's samples. */
    static void gather(double[] x, int[] rows, int from, int b, int d, int j, double[] out) {
        for (int q = 0; q < b; q++) {
            out[q] = x[rows[from + q] * d + j];
        }
    }

    /**
     * Inverted dropout of one unit's row: each column is kept with probability 1 − p and scaled by
     * {@code keepScale} = 1/(1 − p), else zeroed, in a, σ′ and σ″ alike.
     */
    static void thin(UniformRandomProvider rng, double dropout, double keepScale, double[] a, double[] d1,
                     double[] d2, int b) {
        for (int q = 0; q < b; q++) {
            double mk = rng.nextDouble() < dropout ? 0.0 : keepScale;
            a[q] *= mk;
            d1[q] *= mk;
            d2[q] *= mk;
        }
    }

    /** out[q] = f[q]·g[q] for q &lt; b. */
    static void product(double[] f, double[] g, double[] out, int b) {
        for (int q = 0; q < b; q++) {
            out[q] = f[q] * g[q];
        }
    }

    /** The tangent pass of a unit: âₗ = σ′·ûₗ and the pre-activation adjoint's first part z̄ₗ = σ″·āₗ·ûₗ. */
    static void tangent(double[] d1, double[] d2, double[] bar, double[] uHat, double[] aHat, double[] zBar, int b) {
        for (int q = 0; q < b; q++) {
            aHat[q] = d1[q] * uHat[q];
            zBar[q] = d2[q] * bar[q] * uHat[q];
        }
    }

    /** z̄[q] += σ′[q]·ā^p[q] for q &lt; b; returns Σ_q z̄[q] (the bias gradient of the unit). */
    static double addProductAndSum(double[] zBar, double[] d1, double[] pBar, int b) {
        double sum = 0;
        for (int q = 0; q < b; q++) {
            zBar[q] += d1[q] * pBar[q];
            sum += zBar[q];
        }
        return sum;
    }
}
