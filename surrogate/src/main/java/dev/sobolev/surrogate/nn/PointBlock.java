package dev.sobolev.surrogate.nn;

/**
 * {@link Mlp}'s single-point forward pass and reverse sweep run over a block of up to {@link #BLOCK} points at
 * once: the portable evaluator of a book of points ({@link PointEvaluator#valuesAndGradients}, e.g. a batch
 * revaluation's scenarios). Activations, derivatives and adjoints are held one row per unit with the block's
 * points innermost, so each weight multiplies a whole row and HotSpot's C2 turns the row loops into vector
 * instructions, where the point passes run one dot product at a time.
 *
 * <p>Same bits as the point passes: per point, each pre-activation is bᵢ + Wᵢ₀x₀ + Wᵢ₁x₁ + … added left to
 * right in input order (and each adjoint 0 + Wⱼ₀z̄₀ + … in unit order), the order of {@link Mlp}'s
 * dot products; the row loops write that sum as one left-to-right expression of four terms at a time, which
 * Java evaluates in the same order. The activations are the same elementwise functions
 * ({@link Activation#valueAndFirst(double[], int, double[], double[], double[])}). So
 * {@code valuesAndGradients} returns for every point the bits of {@link Mlp#valueAndGradient} and
 * {@link Mlp#value} ({@code PointBlockTest}). Each loop is a small method of its own so that C2 compiles it
 * within the first calls ({@link RowKernels} says why).
 *
 * <p>An instance owns its rows, is confined to one thread and allocates nothing per call.
 */
final class PointBlock {
    /** Points per pass: rows of 64 doubles, eight 512-bit vectors, and the blocks of a book call. */
    static final int BLOCK = 64;

    private final Mlp net;
    private final int last;
    private final int d;
    /** Pre-activations, activations and σ′ per layer: [l][unit][point]. */
    private final double[][][] z;
    private final double[][][] a;
    private final double[][][] d1;
    /** Adjoints of the activations and of the pre-activations per layer: [l][unit][point]. */
    private final double[][][] adj;
    private final double[][][] zBar;
    private final double[] tmp = new double[4];

    PointBlock(Mlp net) {
        this.net = net;
        last = net.layers();
        d = net.inputs();
        z = rows(net);
        a = rows(net);
        d1 = rows(net);
        adj = rows(net);
        zBar = rows(net);
    }

    private static double[][][] rows(Mlp net) {
        double[][][] r = new double[net.layers() + 1][][];
        for (int l = 0; l < r.length; l++) {
            r[l] = new double[net.width(l)][BLOCK];
        }
        return r;
    }

    /**
     * Output k and, unless grads is null, its input gradient at count points (normalised units), block by
     * block; the arguments are those of {@link PointEvaluator#valuesAndGradients}, checked by the caller.
     */
    void valuesAndGradients(double[] x, int count, int k, double[] values, double[] grads) {
        for (int q0 = 0; q0 < count; q0 += BLOCK) {
            int m = Math.min(BLOCK, count - q0);
            for (int j = 0; j < d; j++) {
                gather(x, q0, m, d, j, a[0][j]);
            }
            forward(m);
            double[] y = a[last][k];
            System.arraycopy(y, 0, values, q0, m);
            if (grads != null) {
                reverse(k, m);
                for (int j = 0; j < d; j++) {
                    scatter(adj[0][j], q0, m, d, j, grads);
                }
            }
        }
    }

    private void forward(int m) {
        for (int l = 1; l <= last; l++) {
            double[][] w = net.weightRows(l);
            double[] b = net.biasRow(l);
            Activation act = net.activation(l);
            for (int i = 0; i < w.length; i++) {
                combine(b[i], w[i], a[l - 1], z[l][i], m);
                act.valueAndFirst(z[l][i], m, a[l][i], d1[l][i], tmp);
            }
        }
    }

    private void reverse(int k, int m) {
        double[][] top = adj[last];
        for (int i = 0; i < top.length; i++) {
            java.util.Arrays.fill(top[i], 0, m, i == k ? 1.0 : 0.0);
        }
        for (int l = last; l >= 1; l--) {
            for (int i = 0; i < zBar[l].length; i++) {
                product(d1[l][i], adj[l][i], zBar[l][i], m);
            }
            double[][] wt = net.weightColumns(l);
            for (int j = 0; j < wt.length; j++) {
                combine(0.0, wt[j], zBar[l], adj[l - 1][j], m);
            }
        }
    }

    /**
     * out[c] = start + w₀·in₀[c] + w₁·in₁[c] + … for c &lt; m, added left to right in the order of w: the
     * dot products of {@link Mlp}'s point passes, for m points at once.
     */
    private static void combine(double start, double[] w, double[][] in, double[] out, int m) {
        int p = w.length;
        int j;
        if (p >= 4) {
            first4(start, w[0], in[0], w[1], in[1], w[2], in[2], w[3], in[3], out, m);
            j = 4;
        } else {
            first(start, w[0], in[0], out, m);
            j = 1;
        }
        for (; j + 3 < p; j += 4) {
            add4(w[j], in[j], w[j + 1], in[j + 1], w[j + 2], in[j + 2], w[j + 3], in[j + 3], out, m);
        }
        for (; j < p; j++) {
            add(w[j], in[j], out, m);
        }
    }

    private static void first(double start, double w, double[] s, double[] out, int m) {
        for (int c = 0; c < m; c++) {
            out[c] = start + w * s[c];
        }
    }

    private static void first4(double start, double w0, double[] s0, double w1, double[] s1, double w2, double[] s2,
                               double w3, double[] s3, double[] out, int m) {
        for (int c = 0; c < m; c++) {
            out[c] = start + w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c];
        }
    }

    private static void add4(double w0, double[] s0, double w1, double[] s1, double w2, double[] s2, double w3,
                             double[] s3, double[] out, int m) {
        for (int c = 0; c < m; c++) {
            out[c] = out[c] + w0 * s0[c] + w1 * s1[c] + w2 * s2[c] + w3 * s3[c];
        }
    }

    private static void add(double w, double[] s, double[] out, int m) {
        for (int c = 0; c < m; c++) {
            out[c] = out[c] + w * s[c];
        }
    }

    private static void product(double[] u, double[] v, double[] out, int m) {
        for (int c = 0; c < m; c++) {
            out[c] = u[c] * v[c];
        }
    }

    /** out[c] = x[(q0 + c)·d + j] for c &lt; m: input j of the block's points. */
    private static void gather(double[] x, int q0, int m, int d, int j, double[] out) {
        for (int c = 0; c < m; c++) {
            out[c] = x[(q0 + c) * d + j];
        }
    }

    /** g[(q0 + c)·d + j] = row[c] for c &lt; m. */
    private static void scatter(double[] row, int q0, int m, int d, int j, double[] g) {
        for (int c = 0; c < m; c++) {
            g[(q0 + c) * d + j] = row[c];
        }
    }
}
