package dev.sobolev.surrogate.nn;

/**
 * The register-blocked candidate of issue 28 that was measured and not kept: {@link LayerProducts} with two
 * destination rows per pass, so that each loaded source element serves two outputs (per element and group of
 * four sources: 6 loads, 2 stores, 8 multiply-adds instead of 5, 1 and 4). Each element keeps the
 * single-row expression ({@code 0 + (w₀s₀ + w₁s₁ + w₂s₂ + w₃s₃)}, then {@code += w₀s₀ + … + w₃s₃} per group of
 * four, then {@code += w·s}), so it gives the bits of {@link LayerProductsReference} ({@code LayerProductsTest}).
 *
 * <p>Why it is not in main (LayerProductsBenchmark, machine A, 128×128 layer, 64–512 columns): JDK 17's C2
 * leaves the two-row loop scalar once loop predication has hoisted its range checks (no 512-bit instruction in
 * the compiled kernel; its on-stack-replacement compile, the same compile with {@code -XX:-UseLoopPredicate
 * -XX:-UseProfiledLoopPredicate}, and JDK 25 vectorise it), so it runs at 8–13 GFLOP/s against 16–26 for
 * {@link LayerProducts}. Under JDK 25 it measured 27–43 against 14–25. It stays here so the benchmark
 * ({@code -p kernel=rows2}, through this module's test jar) can measure it again on a newer JDK.
 */
final class TwoRowLayerProducts {
    private TwoRowLayerProducts() {
    }

    /** out[i][0..len) = Σⱼ Wₗ[i][j]·in[j][0..len), rows i and i + 1 per pass. */
    static void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int ra = w0 + i * p;
            int rb = ra + p;
            double[] oa = out[i];
            double[] ob = out[i + 1];
            int j;
            if (p >= 4) {
                set4x2(theta, ra, theta, rb, 1, in, 0, oa, ob, len);
                j = 4;
            } else {
                set1x2(theta[ra], theta[rb], in[0], oa, ob, len);
                j = 1;
            }
            for (; j + 3 < p; j += 4) {
                add4x2(theta, ra + j, theta, rb + j, 1, in, j, oa, ob, len);
            }
            for (; j < p; j++) {
                add1x2(theta[ra + j], theta[rb + j], in[j], oa, ob, len);
            }
        }
        if (i < n) {
            row(theta, w0 + i * p, 1, p, in, out[i], len);
        }
    }

    /** out[j][0..len) = Σᵢ Wₗ[i][j]·in[i][0..len), rows j and j + 1 per pass. */
    static void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        int j = 0;
        for (; j + 1 < p; j += 2) {
            double[] oa = out[j];
            double[] ob = out[j + 1];
            int first = w0 + j;
            int i;
            if (n >= 4) {
                set4x2(theta, first, theta, first + 1, p, in, 0, oa, ob, len);
                i = 4;
            } else {
                set1x2(theta[first], theta[first + 1], in[0], oa, ob, len);
                i = 1;
            }
            for (; i + 3 < n; i += 4) {
                int at = first + i * p;
                add4x2(theta, at, theta, at + 1, p, in, i, oa, ob, len);
            }
            for (; i < n; i++) {
                int at = first + i * p;
                add1x2(theta[at], theta[at + 1], in[i], oa, ob, len);
            }
        }
        if (j < p) {
            row(theta, w0 + j, p, n, in, out[j], len);
        }
    }

    /** gw[i][0..p) += Σ_c g[i][c]·a[·][c] over c &lt; len, rows i and i + 1 per pass; at as in LayerProducts. */
    static void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] at, double[][] gw) {
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < len; c++) {
                at[c][j] = a[j][c];
            }
        }
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double[] ga = g[i];
            double[] gb = g[i + 1];
            double[] da = gw[i];
            double[] db = gw[i + 1];
            int c = 0;
            for (; c + 3 < len; c += 4) {
                add4x2(ga, c, gb, c, 1, at, c, da, db, p);
            }
            for (; c < len; c++) {
                add1x2(ga[c], gb[c], at[c], da, db, p);
            }
        }
        if (i < n) {
            double[] gi = g[i];
            int c = 0;
            for (; c + 3 < len; c += 4) {
                add4(gi, c, 1, at, c, gw[i], p);
            }
            for (; c < len; c++) {
                add1(gi[c], at[c], gw[i], p);
            }
        }
    }

    /** One destination row as LayerProducts: o = Σₖ w[first + k·stride]·src[k] over k &lt; count. */
    private static void row(double[] w, int first, int stride, int count, double[][] src, double[] o, int len) {
        int k;
        if (count >= 4) {
            set4(w, first, stride, src, 0, o, len);
            k = 4;
        } else {
            double w0 = w[first];
            double[] s0 = src[0];
            for (int c = 0; c < len; c++) {
                o[c] = 0.0 + w0 * s0[c];
            }
            k = 1;
        }
        for (; k + 3 < count; k += 4) {
            add4(w, first + k * stride, stride, src, k, o, len);
        }
        for (; k < count; k++) {
            add1(w[first + k * stride], src[k], o, len);
        }
    }

    private static void add1(double w, double[] s, double[] d, int len) {
        for (int c = 0; c < len; c++) {
            d[c] += w * s[c];
        }
    }

    private static void set4(double[] w, int a, int stride, double[][] src, int k, double[] d, int len) {
        double w0 = w[a];
        double w1 = w[a + stride];
        double w2 = w[a + 2 * stride];
        double w3 = w[a + 3 * stride];
        double[] s0 = src[k];
        double[] s1 = src[k + 1];
        double[] s2 = src[k + 2];
        double[] s3 = src[k + 3];
        for (int c = 0; c < len; c++) {
            d[c] = 0.0 + (w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c]);
        }
    }

    private static void add4(double[] w, int a, int stride, double[][] src, int k, double[] d, int len) {
        double w0 = w[a];
        double w1 = w[a + stride];
        double w2 = w[a + 2 * stride];
        double w3 = w[a + 3 * stride];
        double[] s0 = src[k];
        double[] s1 = src[k + 1];
        double[] s2 = src[k + 2];
        double[] s3 = src[k + 3];
        for (int c = 0; c < len; c++) {
            d[c] += w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c];
        }
    }

    private static void set1x2(double wa, double wb, double[] s, double[] da, double[] db, int len) {
        for (int c = 0; c < len; c++) {
            double x = s[c];
            da[c] = 0.0 + wa * x;
            db[c] = 0.0 + wb * x;
        }
    }

    private static void add1x2(double wa, double wb, double[] s, double[] da, double[] db, int len) {
        for (int c = 0; c < len; c++) {
            double x = s[c];
            da[c] += wa * x;
            db[c] += wb * x;
        }
    }

    /** da = 0 + (a₀s₀ + … + a₃s₃), db likewise: weights wa[a + k·stride], wb[b + k·stride], sources src[k..k+3]. */
    private static void set4x2(double[] wa, int a, double[] wb, int b, int stride, double[][] src, int k,
                               double[] da, double[] db, int len) {
        double a0 = wa[a];
        double a1 = wa[a + stride];
        double a2 = wa[a + 2 * stride];
        double a3 = wa[a + 3 * stride];
        double b0 = wb[b];
        double b1 = wb[b + stride];
        double b2 = wb[b + 2 * stride];
        double b3 = wb[b + 3 * stride];
        double[] s0 = src[k];
        double[] s1 = src[k + 1];
        double[] s2 = src[k + 2];
        double[] s3 = src[k + 3];
        for (int c = 0; c < len; c++) {
            double x0 = s0[c];
            double x1 = s1[c];
            double x2 = s2[c];
            double x3 = s3[c];
            da[c] = 0.0 + (a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3);
            db[c] = 0.0 + (b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3);
        }
    }

    /** da += a₀s₀ + … + a₃s₃, db likewise, as {@link #set4x2}. */
    private static void add4x2(double[] wa, int a, double[] wb, int b, int stride, double[][] src, int k,
                               double[] da, double[] db, int len) {
        double a0 = wa[a];
        double a1 = wa[a + stride];
        double a2 = wa[a + 2 * stride];
        double a3 = wa[a + 3 * stride];
        double b0 = wb[b];
        double b1 = wb[b + stride];
        double b2 = wb[b + 2 * stride];
        double b3 = wb[b + 3 * stride];
        double[] s0 = src[k];
        double[] s1 = src[k + 1];
        double[] s2 = src[k + 2];
        double[] s3 = src[k + 3];
        for (int c = 0; c < len; c++) {
            double x0 = s0[c];
            double x1 = s1[c];
            double x2 = s2[c];
            double x3 = s3[c];
            da[c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
            db[c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
        }
    }
}
