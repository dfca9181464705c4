package dev.sobolev.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three dense products of a weight layer over a batch held as row arrays (one {@code double[]} per unit,
 * the batch's columns innermost) on SIMD registers: Wₗ·A, Wₗᵀ·G and the weight gradient G·Aᵀ, giving the same
 * bits as the scalar {@code dev.sobolev.surrogate.nn.LayerProducts}.
 *
 * <p>Same bits: every output element is computed by the scalar expression, in Java's left-to-right order,
 * only with lanes across columns: the sum over the inner index k runs in groups of four,
 * {@code dst + (((w₀·s₀ + w₁·s₁) + w₂·s₂) + w₃·s₃)}, for k = 0, 4, 8, … while k + 3 &lt; K, then one term at a
 * time, {@code dst + w·s}; a product starts from +0 (the scalar code's {@code 0 + (…)}, which turns −0 into +0
 * as it does). Each lane rounds the product and the sum separately ({@code mul}, {@code add}), as the scalar
 * code does; a fused multiply-add, which rounds once, would give other bits.
 *
 * <p>Register blocking, what the scalar form cannot get from HotSpot 17's C2 (its auto-vectoriser leaves a
 * multi-row loop scalar): four output rows by two vectors of columns per inner step, their eight sums held in
 * registers across the whole k loop. Each source vector loaded serves four rows and each broadcast weight two
 * vectors, and the destination is loaded (weight gradient) and stored once per block instead of once per
 * group of four terms. Holding a sum in a register does not change the order of its additions: for a fixed
 * element they still go k = 0, 4, 8, …. Rows left over from the blocks of four go one at a time, columns left
 * over from whole vectors go through the same expression in scalar code.
 *
 * <p>Vectors never cross a method boundary (one method per kernel; the row tails are methods of their own and
 * take no vector), so C2 keeps them in registers instead of boxing them. Species:
 * {@link DoubleVector#SPECIES_PREFERRED} (8 lanes with AVX-512, 4 with AVX2).
 *
 * <p>Measured (issue 28; {@code LayerProductsBenchmark -p kernel=main,vector} alternated in one run,
 * {@code PeakBenchmark} before and after; machine A, AMD EPYC, 2 vCPUs, AVX-512, JDK 17, 2026-12-07, load
 * average 1.1–1.7 from another engineer's timing work on the other core; {@code -f 1 -wi 3 -w 1 -i 5 -r 1}),
 * GFLOP/s, scalar → vector, against a 512-bit FMA peak of 100–101 and a multiply-then-add peak of 67–68
 * ({@code vectorMulAdd}, the arithmetic both forms do):
 * <ul>
 *   <li>128×128 layer, 64 columns (a training shard): W·A 20.5 → 45.9, Wᵀ·G 20.4 → 46.7, G·Aᵀ 24.1 → 54.1;
 *       256 columns: 25.3 → 43.0, 25.3 → 42.7, 22.7 → 46.4; 512 columns: 26.2 → 30.4 (±8.7: the 512 KiB of
 *       source rows leave L1 and L2 for each block of rows), 22.7 → 42.2, 22.0 → 43.7.</li>
 *   <li>20×20 layer, 64 columns: 27.2 → 55.0, 26.8 → 52.5, 15.9 → 17.7 (the gradient of so narrow a layer is
 *       bound by the scalar transpose and the four columns past two vectors); 512 columns: 27.1 → 45.7,
 *       29.1 → 50.1, 13.9 → 15.4.</li>
 * </ul>
 * That is 45–55 % of the FMA peak at the 64-column shard of the oversized net (two thirds to four fifths of
 * the multiply-then-add peak). Four rows by two vectors keeps 8 sums and 8 group partials, 2 source vectors
 * and a broadcast weight in 19 of AVX-512's 32 registers. A 256-bit vector for the four gradient columns past
 * two vectors (20 units) measured slower (6–7 GFLOP/s against 14–18 scalar), so they stay scalar. One training
 * step ({@code TrainingStepBenchmark -p net=128x6-silu}, one thread, two alternated rounds, load ≈ 1): 13.2–13.3
 * → 8.0–8.4 ms for 256 rows, 26.5–27.1 → 16.5–17.2 ms for 512.
 *
 * <p>Needs the JVM option {@code --add-modules jdk.incubator.vector}. Inputs are trusted (the callers are
 * training's internals): rows are at least {@code len} long, weights and offsets in range.
 */
public final class VectorLayerProducts {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final int ROWS = 4;

    private VectorLayerProducts() {
    }

    /** Bits per vector of the preferred species: 512 with AVX-512, 256 with AVX2. */
    static int laneBits() {
        return S.vectorBitSize();
    }

    /**
     * out[i][0..len) = Σⱼ W[i][j]·in[j][0..len) for a layer W (n×p) stored row-major in theta from w0.
     *
     * @param theta the net's parameters
     * @param w0 offset of W[0][0] in theta
     * @param n output units (rows of W)
     * @param p input units (columns of W), at least 1
     * @param in p rows of at least len
     * @param out n rows of at least len, overwritten
     * @param len batch columns
     */
    public static void multiply(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len) {
        product(theta, w0, p, 1, n, p, in, out, len);
    }

    /**
     * out[j][0..len) = Σᵢ W[i][j]·in[i][0..len) for a layer W (n×p) stored row-major in theta from w0.
     *
     * @param theta the net's parameters
     * @param w0 offset of W[0][0] in theta
     * @param n output units of the layer (rows of W, the rows of in), at least 1
     * @param p input units of the layer (columns of W, the rows of out)
     * @param in n rows of at least len
     * @param out p rows of at least len, overwritten
     * @param len batch columns
     */
    public static void multiplyTransposed(double[] theta, int w0, int n, int p, double[][] in, double[][] out,
                                          int len) {
        product(theta, w0, 1, p, p, n, in, out, len);
    }

    /**
     * gw[i][0..p) += Σ_c g[i][c]·at[c][0..p) over c &lt; len, the weight gradient of a layer from its
     * pre-activation adjoints g (n rows) and the transposed copy at of its inputs (at[c][j] = a[j][c], made by the
     * caller with {@code LayerProducts.transpose}), as {@code LayerProducts.weightGradient} (the same bits).
     *
     * @param at len rows of at least p, not modified
     */
    public static void weightGradient(double[][] g, double[][] at, int n, int p, int len, double[][] gw) {
        int wEnd = p - p % (2 * V);
        int i = 0;
        for (; i + ROWS - 1 < n; i += ROWS) {
            double[] g0 = g[i];
            double[] g1 = g[i + 1];
            double[] g2 = g[i + 2];
            double[] g3 = g[i + 3];
            double[] d0 = gw[i];
            double[] d1 = gw[i + 1];
            double[] d2 = gw[i + 2];
            double[] d3 = gw[i + 3];
            int x = 0;
            for (; x < wEnd; x += 2 * V) {
                int y = x + V;
                DoubleVector a0 = DoubleVector.fromArray(S, d0, x);
                DoubleVector b0 = DoubleVector.fromArray(S, d0, y);
                DoubleVector a1 = DoubleVector.fromArray(S, d1, x);
                DoubleVector b1 = DoubleVector.fromArray(S, d1, y);
                DoubleVector a2 = DoubleVector.fromArray(S, d2, x);
                DoubleVector b2 = DoubleVector.fromArray(S, d2, y);
                DoubleVector a3 = DoubleVector.fromArray(S, d3, x);
                DoubleVector b3 = DoubleVector.fromArray(S, d3, y);
                int c = 0;
                for (; c + 3 < len; c += 4) {
                    double[] s = at[c];
                    DoubleVector sx = DoubleVector.fromArray(S, s, x);
                    DoubleVector sy = DoubleVector.fromArray(S, s, y);
                    DoubleVector w = DoubleVector.broadcast(S, g0[c]);
                    DoubleVector ta0 = w.mul(sx);
                    DoubleVector tb0 = w.mul(sy);
                    w = DoubleVector.broadcast(S, g1[c]);
                    DoubleVector ta1 = w.mul(sx);
                    DoubleVector tb1 = w.mul(sy);
                    w = DoubleVector.broadcast(S, g2[c]);
                    DoubleVector ta2 = w.mul(sx);
                    DoubleVector tb2 = w.mul(sy);
                    w = DoubleVector.broadcast(S, g3[c]);
                    DoubleVector ta3 = w.mul(sx);
                    DoubleVector tb3 = w.mul(sy);
                    // terms c + 1, c + 2, c + 3 written out: C2 need not unroll a loop of three
                    s = at[c + 1];
                    sx = DoubleVector.fromArray(S, s, x);
                    sy = DoubleVector.fromArray(S, s, y);
                    w = DoubleVector.broadcast(S, g0[c + 1]);
                    ta0 = ta0.add(w.mul(sx));
                    tb0 = tb0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g1[c + 1]);
                    ta1 = ta1.add(w.mul(sx));
                    tb1 = tb1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g2[c + 1]);
                    ta2 = ta2.add(w.mul(sx));
                    tb2 = tb2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g3[c + 1]);
                    ta3 = ta3.add(w.mul(sx));
                    tb3 = tb3.add(w.mul(sy));
                    s = at[c + 2];
                    sx = DoubleVector.fromArray(S, s, x);
                    sy = DoubleVector.fromArray(S, s, y);
                    w = DoubleVector.broadcast(S, g0[c + 2]);
                    ta0 = ta0.add(w.mul(sx));
                    tb0 = tb0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g1[c + 2]);
                    ta1 = ta1.add(w.mul(sx));
                    tb1 = tb1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g2[c + 2]);
                    ta2 = ta2.add(w.mul(sx));
                    tb2 = tb2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g3[c + 2]);
                    ta3 = ta3.add(w.mul(sx));
                    tb3 = tb3.add(w.mul(sy));
                    s = at[c + 3];
                    sx = DoubleVector.fromArray(S, s, x);
                    sy = DoubleVector.fromArray(S, s, y);
                    w = DoubleVector.broadcast(S, g0[c + 3]);
                    ta0 = ta0.add(w.mul(sx));
                    tb0 = tb0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g1[c + 3]);
                    ta1 = ta1.add(w.mul(sx));
                    tb1 = tb1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g2[c + 3]);
                    ta2 = ta2.add(w.mul(sx));
                    tb2 = tb2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g3[c + 3]);
                    ta3 = ta3.add(w.mul(sx));
                    tb3 = tb3.add(w.mul(sy));
                    a0 = a0.add(ta0);
                    b0 = b0.add(tb0);
                    a1 = a1.add(ta1);
                    b1 = b1.add(tb1);
                    a2 = a2.add(ta2);
                    b2 = b2.add(tb2);
                    a3 = a3.add(ta3);
                    b3 = b3.add(tb3);
                }
                for (; c < len; c++) {
                    double[] s = at[c];
                    DoubleVector sx = DoubleVector.fromArray(S, s, x);
                    DoubleVector sy = DoubleVector.fromArray(S, s, y);
                    DoubleVector w = DoubleVector.broadcast(S, g0[c]);
                    a0 = a0.add(w.mul(sx));
                    b0 = b0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g1[c]);
                    a1 = a1.add(w.mul(sx));
                    b1 = b1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g2[c]);
                    a2 = a2.add(w.mul(sx));
                    b2 = b2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, g3[c]);
                    a3 = a3.add(w.mul(sx));
                    b3 = b3.add(w.mul(sy));
                }
                a0.intoArray(d0, x);
                b0.intoArray(d0, y);
                a1.intoArray(d1, x);
                b1.intoArray(d1, y);
                a2.intoArray(d2, x);
                b2.intoArray(d2, y);
                a3.intoArray(d3, x);
                b3.intoArray(d3, y);
            }
            for (int r = 0; r < ROWS; r++) {
                gradientRowTail(g[i + r], at, gw[i + r], x, p, len);
            }
        }
        for (; i < n; i++) {
            gradientRowTail(g[i], at, gw[i], 0, p, len);
        }
    }

    /** dst[x..p) += Σ_c gi[c]·at[c][x..p) for one row, whole vectors of columns then scalar columns. */
    private static void gradientRowTail(double[] gi, double[][] at, double[] dst, int from, int p, int len) {
        int vEnd = p - p % V;
        int x = from;
        for (; x < vEnd; x += V) {
            DoubleVector acc = DoubleVector.fromArray(S, dst, x);
            int c = 0;
            for (; c + 3 < len; c += 4) {
                DoubleVector t = DoubleVector.broadcast(S, gi[c]).mul(DoubleVector.fromArray(S, at[c], x));
                t = t.add(DoubleVector.broadcast(S, gi[c + 1]).mul(DoubleVector.fromArray(S, at[c + 1], x)));
                t = t.add(DoubleVector.broadcast(S, gi[c + 2]).mul(DoubleVector.fromArray(S, at[c + 2], x)));
                t = t.add(DoubleVector.broadcast(S, gi[c + 3]).mul(DoubleVector.fromArray(S, at[c + 3], x)));
                acc = acc.add(t);
            }
            for (; c < len; c++) {
                acc = acc.add(DoubleVector.broadcast(S, gi[c]).mul(DoubleVector.fromArray(S, at[c], x)));
            }
            acc.intoArray(dst, x);
        }
        for (; x + 3 < p; x += 4) {
            // four columns at once: one load of each at[c] serves four independent sums
            double acc0 = dst[x];
            double acc1 = dst[x + 1];
            double acc2 = dst[x + 2];
            double acc3 = dst[x + 3];
            int c = 0;
            for (; c + 3 < len; c += 4) {
                double[] s0 = at[c];
                double[] s1 = at[c + 1];
                double[] s2 = at[c + 2];
                double[] s3 = at[c + 3];
                double w0 = gi[c];
                double w1 = gi[c + 1];
                double w2 = gi[c + 2];
                double w3 = gi[c + 3];
                acc0 += w0 * s0[x] + w1 * s1[x] + w2 * s2[x] + w3 * s3[x];
                acc1 += w0 * s0[x + 1] + w1 * s1[x + 1] + w2 * s2[x + 1] + w3 * s3[x + 1];
                acc2 += w0 * s0[x + 2] + w1 * s1[x + 2] + w2 * s2[x + 2] + w3 * s3[x + 2];
                acc3 += w0 * s0[x + 3] + w1 * s1[x + 3] + w2 * s2[x + 3] + w3 * s3[x + 3];
            }
            for (; c < len; c++) {
                double[] s0 = at[c];
                double w0 = gi[c];
                acc0 += w0 * s0[x];
                acc1 += w0 * s0[x + 1];
                acc2 += w0 * s0[x + 2];
                acc3 += w0 * s0[x + 3];
            }
            dst[x] = acc0;
            dst[x + 1] = acc1;
            dst[x + 2] = acc2;
            dst[x + 3] = acc3;
        }
        for (; x < p; x++) {
            double acc = dst[x];
            int c = 0;
            for (; c + 3 < len; c += 4) {
                acc += gi[c] * at[c][x] + gi[c + 1] * at[c + 1][x] + gi[c + 2] * at[c + 2][x]
                        + gi[c + 3] * at[c + 3][x];
            }
            for (; c < len; c++) {
                acc += gi[c] * at[c][x];
            }
            dst[x] = acc;
        }
    }

    /**
     * dst[o][0..len) = Σ_k theta[w0 + o·so + k·sk]·src[k][0..len) for o &lt; outs, k &lt; terms: W·A with
     * (so, sk) = (p, 1), Wᵀ·G with (1, p).
     */
    private static void product(double[] theta, int w0, int so, int sk, int outs, int terms, double[][] src,
                                double[][] dst, int len) {
        int wEnd = len - len % (2 * V);
        int o = 0;
        for (; o + ROWS - 1 < outs; o += ROWS) {
            int r0 = w0 + o * so;
            int r1 = r0 + so;
            int r2 = r1 + so;
            int r3 = r2 + so;
            int x = 0;
            for (; x < wEnd; x += 2 * V) {
                int y = x + V;
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector b0 = a0;
                DoubleVector a1 = a0;
                DoubleVector b1 = a0;
                DoubleVector a2 = a0;
                DoubleVector b2 = a0;
                DoubleVector a3 = a0;
                DoubleVector b3 = a0;
                int k = 0;
                for (; k + 3 < terms; k += 4) {
                    int at = k * sk;
                    double[] s = src[k];
                    DoubleVector sx = DoubleVector.fromArray(S, s, x);
                    DoubleVector sy = DoubleVector.fromArray(S, s, y);
                    DoubleVector w = DoubleVector.broadcast(S, theta[r0 + at]);
                    DoubleVector ta0 = w.mul(sx);
                    DoubleVector tb0 = w.mul(sy);
                    w = DoubleVector.broadcast(S, theta[r1 + at]);
                    DoubleVector ta1 = w.mul(sx);
                    DoubleVector tb1 = w.mul(sy);
                    w = DoubleVector.broadcast(S, theta[r2 + at]);
                    DoubleVector ta2 = w.mul(sx);
                    DoubleVector tb2 = w.mul(sy);
                    w = DoubleVector.broadcast(S, theta[r3 + at]);
                    DoubleVector ta3 = w.mul(sx);
                    DoubleVector tb3 = w.mul(sy);
                    // terms k + 1, k + 2, k + 3 written out: C2 need not unroll a loop of three
                    at += sk;
                    s = src[k + 1];
                    sx = DoubleVector.fromArray(S, s, x);
                    sy = DoubleVector.fromArray(S, s, y);
                    w = DoubleVector.broadcast(S, theta[r0 + at]);
                    ta0 = ta0.add(w.mul(sx));
                    tb0 = tb0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r1 + at]);
                    ta1 = ta1.add(w.mul(sx));
                    tb1 = tb1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r2 + at]);
                    ta2 = ta2.add(w.mul(sx));
                    tb2 = tb2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r3 + at]);
                    ta3 = ta3.add(w.mul(sx));
                    tb3 = tb3.add(w.mul(sy));
                    at += sk;
                    s = src[k + 2];
                    sx = DoubleVector.fromArray(S, s, x);
                    sy = DoubleVector.fromArray(S, s, y);
                    w = DoubleVector.broadcast(S, theta[r0 + at]);
                    ta0 = ta0.add(w.mul(sx));
                    tb0 = tb0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r1 + at]);
                    ta1 = ta1.add(w.mul(sx));
                    tb1 = tb1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r2 + at]);
                    ta2 = ta2.add(w.mul(sx));
                    tb2 = tb2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r3 + at]);
                    ta3 = ta3.add(w.mul(sx));
                    tb3 = tb3.add(w.mul(sy));
                    at += sk;
                    s = src[k + 3];
                    sx = DoubleVector.fromArray(S, s, x);
                    sy = DoubleVector.fromArray(S, s, y);
                    w = DoubleVector.broadcast(S, theta[r0 + at]);
                    ta0 = ta0.add(w.mul(sx));
                    tb0 = tb0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r1 + at]);
                    ta1 = ta1.add(w.mul(sx));
                    tb1 = tb1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r2 + at]);
                    ta2 = ta2.add(w.mul(sx));
                    tb2 = tb2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r3 + at]);
                    ta3 = ta3.add(w.mul(sx));
                    tb3 = tb3.add(w.mul(sy));
                    a0 = a0.add(ta0);
                    b0 = b0.add(tb0);
                    a1 = a1.add(ta1);
                    b1 = b1.add(tb1);
                    a2 = a2.add(ta2);
                    b2 = b2.add(tb2);
                    a3 = a3.add(ta3);
                    b3 = b3.add(tb3);
                }
                for (; k < terms; k++) {
                    int at = k * sk;
                    double[] s = src[k];
                    DoubleVector sx = DoubleVector.fromArray(S, s, x);
                    DoubleVector sy = DoubleVector.fromArray(S, s, y);
                    DoubleVector w = DoubleVector.broadcast(S, theta[r0 + at]);
                    a0 = a0.add(w.mul(sx));
                    b0 = b0.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r1 + at]);
                    a1 = a1.add(w.mul(sx));
                    b1 = b1.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r2 + at]);
                    a2 = a2.add(w.mul(sx));
                    b2 = b2.add(w.mul(sy));
                    w = DoubleVector.broadcast(S, theta[r3 + at]);
                    a3 = a3.add(w.mul(sx));
                    b3 = b3.add(w.mul(sy));
                }
                a0.intoArray(dst[o], x);
                b0.intoArray(dst[o], y);
                a1.intoArray(dst[o + 1], x);
                b1.intoArray(dst[o + 1], y);
                a2.intoArray(dst[o + 2], x);
                b2.intoArray(dst[o + 2], y);
                a3.intoArray(dst[o + 3], x);
                b3.intoArray(dst[o + 3], y);
            }
            for (int r = 0; r < ROWS; r++) {
                productRowTail(theta, w0 + (o + r) * so, sk, terms, src, dst[o + r], x, len);
            }
        }
        for (; o < outs; o++) {
            productRowTail(theta, w0 + o * so, sk, terms, src, dst[o], 0, len);
        }
    }

    /**
     * d[x..len) = Σ_k theta[row + k·sk]·src[k][x..len) for one output row: whole vectors of columns, then
     * scalar columns, each with the grouping of {@link #product}.
     */
    private static void productRowTail(double[] theta, int row, int sk, int terms, double[][] src, double[] d,
                                       int from, int len) {
        int vEnd = len - len % V;
        int x = from;
        for (; x < vEnd; x += V) {
            DoubleVector acc = DoubleVector.zero(S);
            int k = 0;
            for (; k + 3 < terms; k += 4) {
                int at = row + k * sk;
                DoubleVector t = DoubleVector.broadcast(S, theta[at]).mul(DoubleVector.fromArray(S, src[k], x));
                t = t.add(DoubleVector.broadcast(S, theta[at + sk]).mul(DoubleVector.fromArray(S, src[k + 1], x)));
                t = t.add(DoubleVector.broadcast(S, theta[at + 2 * sk])
                        .mul(DoubleVector.fromArray(S, src[k + 2], x)));
                t = t.add(DoubleVector.broadcast(S, theta[at + 3 * sk])
                        .mul(DoubleVector.fromArray(S, src[k + 3], x)));
                acc = acc.add(t);
            }
            for (; k < terms; k++) {
                acc = acc.add(DoubleVector.broadcast(S, theta[row + k * sk]).mul(DoubleVector.fromArray(S, src[k], x)));
            }
            acc.intoArray(d, x);
        }
        for (; x < len; x++) {
            double acc = 0.0;
            int k = 0;
            for (; k + 3 < terms; k += 4) {
                int at = row + k * sk;
                acc += theta[at] * src[k][x] + theta[at + sk] * src[k + 1][x] + theta[at + 2 * sk] * src[k + 2][x]
                        + theta[at + 3 * sk] * src[k + 3][x];
            }
            for (; k < terms; k++) {
                acc += theta[row + k * sk] * src[k][x];
            }
            d[x] = acc;
        }
    }
}
