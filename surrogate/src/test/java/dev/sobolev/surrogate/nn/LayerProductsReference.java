package dev.sobolev.surrogate.nn;

/**
 * The summation order of {@link LayerProducts}, written one output element at a time: the bitwise reference of
 * {@code LayerProductsTest}. An element of a product is a sum over k &lt; K of wₖ·sₖ, formed as
 * {@code 0 + (w₀s₀ + w₁s₁ + w₂s₂ + w₃s₃)} when K ≥ 4 (else {@code 0 + w₀s₀}), then {@code v += wₖsₖ + wₖ₊₁sₖ₊₁ +
 * wₖ₊₂sₖ₊₂ + wₖ₊₃sₖ₊₃} for each further group of four, then {@code v += wₖsₖ} for the last K mod 4 terms
 * (each sum left to right). A weight-gradient element starts from its current value instead of 0. Holding the
 * running value in a local instead of a row changes nothing: a double is a double in a register or in memory.
 */
final class LayerProductsReference {
    private LayerProductsReference() {
    }

    /** out[i][c] = Σⱼ Wₗ[i][j]·in[j][c]. */
    static void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        double[] w = new double[p];
        double[] s = new double[p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(theta, w0 + i * p, w, 0, p);
            for (int c = 0; c < len; c++) {
                for (int j = 0; j < p; j++) {
                    s[j] = in[j][c];
                }
                out[i][c] = sum(0.0, true, w, s, p);
            }
        }
    }

    /** out[j][c] = Σᵢ Wₗ[i][j]·in[i][c]. */
    static void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        double[] w = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                w[i] = theta[w0 + i * p + j];
            }
            for (int c = 0; c < len; c++) {
                for (int i = 0; i < n; i++) {
                    s[i] = in[i][c];
                }
                out[j][c] = sum(0.0, true, w, s, n);
            }
        }
    }

    /** gw[i][j] += Σ_c g[i][c]·a[j][c] over c &lt; len. */
    static void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] gw) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                gw[i][j] = sum(gw[i][j], false, g[i], a[j], len);
            }
        }
    }

    /**
     * start + Σₖ wₖsₖ over k &lt; count in the order of the class comment; fresh: the first group is set
     * ({@code 0 + (…)}) rather than added.
     */
    private static double sum(double start, boolean fresh, double[] w, double[] s, int count) {
        double v = start;
        int k = 0;
        if (fresh) {
            if (count >= 4) {
                v = 0.0 + (w[0] * s[0] + w[1] * s[1] + w[2] * s[2] + w[3] * s[3]);
                k = 4;
            } else {
                v = 0.0 + w[0] * s[0];
                k = 1;
            }
        }
        for (; k + 3 < count; k += 4) {
            v += w[k] * s[k] + w[k + 1] * s[k + 1] + w[k + 2] * s[k + 2] + w[k + 3] * s[k + 3];
        }
        for (; k < count; k++) {
            v += w[k] * s[k];
        }
        return v;
    }
}
