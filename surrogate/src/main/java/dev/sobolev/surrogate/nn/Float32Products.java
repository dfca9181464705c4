package dev.sobolev.surrogate.nn;

/**
 * {@link LayerProducts}' three products on single-precision rows, for {@link Precision#FLOAT32} training: the same
 * loops (four source rows per destination update, rows of the batch's columns innermost), so that C2 vectorises
 * them with twice the lanes of the double rows (16 with AVX-512).
 *
 * <p>Why a copy of the loops: Java has no generics over primitive arrays, and a row kernel behind an interface
 * or over boxed values would not vectorise. The double rows stay the one reference; these follow them loop for
 * loop.
 */
final class Float32Products {
    private Float32Products() {
    }

    /** out[i][0..len) = Σⱼ Wₗ[i][j]·in[j][0..len), W read from the float copy of θ. */
    static void multiply(Mlp mlp, float[] theta, int l, float[][] in, float[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        for (int i = 0; i < n; i++) {
            rowProduct(theta, w0 + i * p, 1, p, in, out[i], len);
        }
    }

    /** out[j][0..len) = Σᵢ Wₗ[i][j]·in[i][0..len). */
    static void multiplyTransposed(Mlp mlp, float[] theta, int l, float[][] in, float[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        for (int j = 0; j < p; j++) {
            rowProduct(theta, w0 + j, p, n, in, out[j], len);
        }
    }

    /** o[0..len) = Σₖ theta[at + k·step]·src[k][0..len) over k &lt; terms, four terms per pass. */
    private static void rowProduct(float[] theta, int at, int step, int terms, float[][] src, float[] o, int len) {
        int k;
        if (terms >= 4) {
            set4(theta[at], src[0], theta[at + step], src[1], theta[at + 2 * step], src[2], theta[at + 3 * step],
                    src[3], o, len);
            k = 4;
        } else {
            float w = theta[at];
            float[] s = src[0];
            for (int c = 0; c < len; c++) {
                o[c] = w * s[c];
            }
            k = 1;
        }
        for (; k + 3 < terms; k += 4) {
            int t = at + k * step;
            axpy4(theta[t], src[k], theta[t + step], src[k + 1], theta[t + 2 * step], src[k + 2], theta[t + 3 * step],
                    src[k + 3], o, len);
        }
        for (; k < terms; k++) {
            axpy(theta[at + k * step], src[k], o, len);
        }
    }

    /**
     * gw[i][0..p) += Σ_c g[i][c]·a[·][c] over c &lt; len through a transposed copy of a, as
     * {@link LayerProducts#weightGradient}.
     *
     * @param at scratch of at least len rows of length ≥ p
     */
    static void weightGradient(float[][] g, float[][] a, int n, int p, int len, float[][] at, float[][] gw) {
        for (int j = 0; j < p; j++) {
            float[] aj = a[j];
            for (int c = 0; c < len; c++) {
                at[c][j] = aj[c];
            }
        }
        for (int i = 0; i < n; i++) {
            float[] gi = g[i];
            float[] dst = gw[i];
            int c = 0;
            for (; c + 3 < len; c += 4) {
                axpy4(gi[c], at[c], gi[c + 1], at[c + 1], gi[c + 2], at[c + 2], gi[c + 3], at[c + 3], dst, p);
            }
            for (; c < len; c++) {
                axpy(gi[c], at[c], dst, p);
            }
        }
    }

    private static void axpy(float w, float[] src, float[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] += w * src[c];
        }
    }

    private static void set4(float w0, float[] s0, float w1, float[] s1, float w2, float[] s2, float w3, float[] s3,
                             float[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] = w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c];
        }
    }

    private static void axpy4(float w0, float[] s0, float w1, float[] s1, float w2, float[] s2, float w3, float[] s3,
                              float[] dst, int len) {
        for (int c = 0; c < len; c++) {
            dst[c] += w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c];
        }
    }
}
