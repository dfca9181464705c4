package dev.sobolev.surrogate.nn;

/**
 * The three dense products of a weight layer Wₗ (nₗ×nₗ₋₁) over a batch held as row arrays, one row per unit
 * with the batch's columns innermost: Wₗ·A, Wₗᵀ·G and the weight gradient G·Aᵀ.
 *
 * <p>Why row arrays and four-row updates (measured, see docs/DESIGN.md): HotSpot's C2 vectorises
 * {@code dst[c] += w·src[c]} only when it can prove the store does not feed a later load, which it can when
 * both arrays are indexed by the same c and cannot when they carry different offsets into possibly the same
 * array. Whole-row arrays give the first case; a row update that adds four source rows at once
 * ({@link #axpy4}) loads and stores the destination a quarter as often. On the 2-vCPU AVX-512 machine this
 * runs at 8–11 GMAC/s for rows of 20–512 columns against 2–3 GMAC/s for offset-indexed or dot-product forms.
 *
 * <p>Against the peak (issue 28; {@code LayerProductsBenchmark} and {@code PeakBenchmark}, machine A, JDK 17,
 * 2026-12-07, two alternated runs): the 128×128 layer runs at 16–26 GFLOP/s over 64–512 columns (multiply
 * 19–25, multiplyTransposed 16–24, weightGradient 18–22) and the 20×20 layer at 19–29 (weightGradient 10–15),
 * against 95–98 GFLOP/s for 512-bit FMAs from L1: a fifth to a quarter of the peak. Updating two destination
 * rows per pass with each element's expression unchanged (the same bits; measured as a candidate in commit
 * {@code 24ed090}, not kept) halves the source loads per multiply-add, but JDK 17's C2 leaves that loop scalar once loop
 * predication has hoisted its range checks: it measured 8–15 GFLOP/s at these sizes, so it is not used. Under
 * JDK 25 it measured 27–43 GFLOP/s against 14–25 for this form (128×128 layer). Four rows per pass measured
 * 10–12 GFLOP/s under both. The simd module's {@code VectorLayerProducts} blocks rows explicitly on the Vector
 * API with the same bits and takes over in training when that module is present ({@link TrainingProducts}).
 */
final class LayerProducts {
    private LayerProducts() {
    }

    /** out[i][0..len) = Σⱼ Wₗ[i][j]·in[j][0..len). */
    static void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        for (int i = 0; i < n; i++) {
            double[] o = out[i];
            int row = w0 + i * p;
            int j;
            if (p >= 4) {
                set4(theta[row], in[0], theta[row + 1], in[1], theta[row + 2], in[2], theta[row + 3], in[3], o, len);
                j = 4;
            } else {
                set(theta[row], in[0], o, len);
                j = 1;
            }
            for (; j + 3 < p; j += 4) {
                axpy4(theta[row + j], in[j], theta[row + j + 1], in[j + 1],
                        theta[row + j + 2], in[j + 2], theta[row + j + 3], in[j + 3], o, len);
            }
            for (; j < p; j++) {
                axpy(theta[row + j], in[j], o, len);
            }
        }
    }

    /** out[j][0..len) = Σᵢ Wₗ[i][j]·in[i][0..len). */
    static void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        for (int j = 0; j < p; j++) {
            double[] o = out[j];
            int first = w0 + j;
            int i;
            if (n >= 4) {
                set4(theta[first], in[0], theta[first + p], in[1], theta[first + 2 * p], in[2], theta[first + 3 * p],
                        in[3], o, len);
                i = 4;
            } else {
                set(theta[first], in[0], o, len);
                i = 1;
            }
            for (; i + 3 < n; i += 4) {
                int at = w0 + i * p + j;
                axpy4(theta[at], in[i], theta[at + p], in[i + 1],
                        theta[at + 2 * p], in[i + 2], theta[at + 3 * p], in[i + 3], o, len);
            }
            for (; i < n; i++) {
                axpy(theta[w0 + i * p + j], in[i], o, len);
            }
        }
    }

    /**
     * gw[i][0..p) += Σ_c g[i][c]·a[·][c] over c &lt; len: the weight gradient of a layer from its pre-activation
     * adjoints g (n rows) and inputs a (p rows), as row updates over a transposed copy of a. With the roles of
     * g and a swapped it gives the transpose, the same entries (products commute exactly) in the lanes of the
     * layer's units ({@link SobolevLoss.Scratch#byUnit}).
     *
     * @param at scratch of at least len rows of length ≥ p
     */
    static void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] at, double[][] gw) {
        transpose(a, p, len, at);
        for (int i = 0; i < n; i++) {
            double[] gi = g[i];
            double[] dst = gw[i];
            int c = 0;
            for (; c + 3 < len; c += 4) {
                axpy4(gi[c], at[c], gi[c + 1], at[c + 1], gi[c + 2], at[c + 2], gi[c + 3], at[c + 3], dst, p);
            }
            for (; c < len; c++) {
                axpy(gi[c], at[c], dst, p);
            }
        }
    }

    /**
     * at[c][j] = a[j][c] for j &lt; p, c &lt; len, eight rows of a per pass: one load of each destination row
     * reference and its bounds check serve eight stores (a 20×64 block: ≈ 0.45 µs against ≈ 0.75 µs a row at
     * a time on the 2-vCPU AVX-512 machine).
     */
    static void transpose(double[][] a, int p, int len, double[][] at) {
        int j = 0;
        for (; j + 7 < p; j += 8) {
            double[] a0 = a[j];
            double[] a1 = a[j + 1];
            double[] a2 = a[j + 2];
            double[] a3 = a[j + 3];
            double[] a4 = a[j + 4];
            double[] a5 = a[j + 5];
            double[] a6 = a[j + 6];
            double[] a7 = a[j + 7];
            for (int c = 0; c < len; c++) {
                double[] r = at[c];
                r[j] = a0[c];
                r[j + 1] = a1[c];
                r[j + 2] = a2[c];
                r[j + 3] = a3[c];
                r[j + 4] = a4[c];
                r[j + 5] = a5[c];
                r[j + 6] = a6[c];
                r[j + 7] = a7[c];
            }
        }
        for (; j < p; j++) {
            double[] aj = a[j];
            for (int c = 0; c < len; c++) {
                at[c][j] = aj[c];
            }
        }
    }

    /** dst[0..len) += w·src[0..len). */
    static void axpy(double w, double[] src, double[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] += w * src[c];
        }
    }

    /**
     * dst[0..len) = 0 + w·src: the first term of a product written instead of added to a zeroed row (the same
     * bits: 0 + x is x, and +0 where x is −0, as the addition to a zeroed row gives), one pass less.
     */
    private static void set(double w, double[] src, double[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] = 0.0 + w * src[c];
        }
    }

    /** dst[0..len) = 0 + (w₀·s₀ + w₁·s₁ + w₂·s₂ + w₃·s₃): the first four terms, as {@link #set}. */
    private static void set4(double w0, double[] s0, double w1, double[] s1, double w2, double[] s2, double w3,
                             double[] s3, double[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] = 0.0 + (w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c]);
        }
    }

    /** dst[0..len) += w₀·s₀ + w₁·s₁ + w₂·s₂ + w₃·s₃. */
    private static void axpy4(double w0, double[] s0, double w1, double[] s1, double w2, double[] s2, double w3,
                              double[] s3, double[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] += w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c];
        }
    }
}
