package dev.sobolev.surrogate.nn;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * {@link SobolevLoss}'s directional form (reverse-over-reverse; single output, first-order labels) on
 * single-precision rows: {@link Precision#FLOAT32} training.
 *
 * <p>What runs in float32: the parameters (rounded from the double master copy at each evaluation), every row
 * of the forward pass, the input-gradient pass, the tangent pass along r and the values' reverse sweep, the
 * layer products ({@link Float32Products}) and the shard's weight and bias gradients. What stays double: the
 * activation functions (σ, σ′, σ″ of the float pre-activation are taken by {@link Activation#firstTwo} on a
 * widened row and rounded to float, so every activation keeps one implementation), the loss and its seeds
 * ∂L/∂y and r, the gradient the shard adds into (so shards sum in double, in shard order, as in float64), and the
 * optimiser. So float32 training is deterministic for any thread count as float64 is, and its gradient agrees
 * with float64's to single-precision rounding (tested).
 *
 * <p>With α = 1 (values only) the input-gradient and tangent passes are skipped: the reverse sweep starts from
 * a zero pre-activation adjoint, plain backpropagation.
 */
final class Float32Directional {
    private Float32Directional() {
    }

    /** Per-thread single-precision rows for shards of up to maxBatch samples, one row per unit. */
    static final class Rows {
        final float[] theta;
        final float[][][] act;
        /** Input-gradient adjoints āₗ. */
        final float[][][] bar;
        /** Pre-activation adjoints z̄ₗ. */
        final float[][][] adj;
        final float[][][] d1;
        final float[][][] d2;
        /** The layer products' results: zₗ, ûₗ, then ā^pₗ. */
        final float[][][] d3;
        final float[][][] hat;
        final float[][][] u;
        final float[][][] weightBar;
        final boolean[] byUnit;
        final float[][] transposed;
        final float[] outputBar;
        /** Widened rows for the activation functions. */
        final double[] z;
        final double[] a;
        final double[] s1;
        final double[] s2;
        final double[] tmp = new double[4];

        Rows(Mlp mlp, int maxBatch) {
            theta = new float[mlp.parameterCount()];
            act = rows(mlp, maxBatch);
            bar = rows(mlp, maxBatch);
            adj = rows(mlp, maxBatch);
            d1 = rows(mlp, maxBatch);
            d2 = rows(mlp, maxBatch);
            d3 = rows(mlp, maxBatch);
            hat = rows(mlp, maxBatch);
            u = rows(mlp, maxBatch);
            transposed = new float[maxBatch][mlp.widestLayer()];
            weightBar = new float[mlp.layers() + 1][][];
            byUnit = new boolean[mlp.layers() + 1];
            for (int l = 1; l <= mlp.layers(); l++) {
                byUnit[l] = mlp.weightGradientByUnit(l);
                weightBar[l] = byUnit[l] ? new float[mlp.width(l - 1)][mlp.width(l)]
                        : new float[mlp.width(l)][mlp.width(l - 1)];
            }
            outputBar = new float[maxBatch];
            z = new double[maxBatch];
            a = new double[maxBatch];
            s1 = new double[maxBatch];
            s2 = new double[maxBatch];
        }

        private static float[][][] rows(Mlp mlp, int cols) {
            float[][][] r = new float[mlp.layers() + 1][][];
            for (int l = 0; l <= mlp.layers(); l++) {
                r[l] = new float[mlp.width(l)][cols];
            }
            return r;
        }

        /** W̄ₗ += g·aᵀ over len columns, in the orientation of {@link #byUnit}. */
        void addWeightGradient(int l, float[][] g, float[][] in, int n, int p, int len) {
            if (byUnit[l]) {
                Float32Products.weightGradient(in, g, p, n, len, transposed, weightBar[l]);
            } else {
                Float32Products.weightGradient(g, in, n, p, len, transposed, weightBar[l]);
            }
        }

        /** Adds the weight gradients into θ's (double) gradient and clears them. */
        void flushWeightGradient(Mlp mlp, double[] grad) {
            for (int l = 1; l <= mlp.layers(); l++) {
                int p = mlp.width(l - 1);
                int w0 = mlp.weightOffset(l);
                int rowStep = byUnit[l] ? 1 : p;
                int colStep = byUnit[l] ? p : 1;
                float[][] wb = weightBar[l];
                for (int r = 0; r < wb.length; r++) {
                    float[] row = wb[r];
                    int at = w0 + r * rowStep;
                    for (int c = 0; c < row.length; c++) {
                        grad[at + c * colStep] += row[c];
                    }
                    Arrays.fill(row, 0f);
                }
            }
        }
    }

    /**
     * This shard's share of the loss, its gradient added to {@code grad}; the arguments are those of
     * {@link SobolevLoss#evaluate(Mlp, double[], double[], double[], double[], double[], int[], int, int, int,
     * double[], SobolevLoss.Scratch)}, the network single-output and the loss first-order.
     *
     * @param dropoutRng the stream of this shard's dropout masks, or null
     */
    static double evaluate(SobolevLoss loss, Mlp mlp, double[] theta, double[] x, double[] y, double[] dydx, int[] rows,
                           int from, int b, int total, double[] grad, Rows s, UniformRandomProvider dropoutRng) {
        for (int i = 0; i < theta.length; i++) {
            s.theta[i] = (float) theta[i];
        }
        int d = mlp.inputs();
        int layers = mlp.layers();
        for (int j = 0; j < d; j++) {
            float[] row = s.act[0][j];
            for (int q = 0; q < b; q++) {
                row[q] = (float) x[rows[from + q] * d + j];
            }
        }
        boolean dropping = loss.dropout > 0 && dropoutRng != null;
        for (int l = 1; l <= layers; l++) {
            forward(mlp, l, b, s, dropping && l < layers ? dropoutRng : null, loss.dropout);
        }
        boolean derivatives = loss.gradientWeight > 0;
        if (derivatives) {
            Arrays.fill(s.bar[layers][0], 0, b, 1f);
            for (int l = layers; l >= 1; l--) {
                for (int i = 0; i < mlp.width(l); i++) {
                    float[] d1 = s.d1[l][i];
                    float[] bar = s.bar[l][i];
                    float[] u = s.u[l][i];
                    for (int q = 0; q < b; q++) {
                        u[q] = d1[q] * bar[q];
                    }
                }
                Float32Products.multiplyTransposed(mlp, s.theta, l, s.u[l], s.bar[l - 1], b);
            }
        }
        double value = loss(loss, y, dydx, rows, from, b, total, d, s.act[layers][0], s, derivatives);
        if (derivatives) {
            for (int l = 1; l <= layers; l++) {
                Float32Products.multiply(mlp, s.theta, l, s.hat[l - 1], s.d3[l], b);
                for (int i = 0; i < mlp.width(l); i++) {
                    tangent(s.d1[l][i], s.d2[l][i], s.bar[l][i], s.d3[l][i], s.hat[l][i], s.adj[l][i], b);
                }
            }
        }
        for (int l = layers; l >= 1; l--) {
            sweep(mlp, l, b, grad, s, derivatives);
        }
        s.flushWeightGradient(mlp, grad);
        return value;
    }

    /** zₗ = Wₗaₗ₋₁, then aₗ, σ′, σ″ through the double activation, thinned by dropout when a stream is given. */
    private static void forward(Mlp mlp, int l, int b, Rows s, UniformRandomProvider dropoutRng, double dropout) {
        Float32Products.multiply(mlp, s.theta, l, s.act[l - 1], s.d3[l], b);
        Activation act = mlp.activation(l);
        int b0 = mlp.biasOffset(l);
        float keep = (float) (1 / (1 - dropout));
        for (int i = 0; i < mlp.width(l); i++) {
            float[] zl = s.d3[l][i];
            for (int q = 0; q < b; q++) {
                s.z[q] = zl[q];
            }
            act.firstTwo(s.z, s.theta[b0 + i], b, s.a, s.s1, s.s2, s.tmp);
            float[] a = s.act[l][i];
            float[] d1 = s.d1[l][i];
            float[] d2 = s.d2[l][i];
            for (int q = 0; q < b; q++) {
                a[q] = (float) s.a[q];
                d1[q] = (float) s.s1[q];
                d2[q] = (float) s.s2[q];
            }
            if (dropoutRng != null) {
                for (int q = 0; q < b; q++) {
                    float mk = dropoutRng.nextDouble() < dropout ? 0f : keep;
                    a[q] *= mk;
                    d1[q] *= mk;
                    d2[q] *= mk;
                }
            }
        }
    }

    /** âₗ = σ′·ûₗ and z̄ₗ = σ″·āₗ·ûₗ. */
    private static void tangent(float[] d1, float[] d2, float[] bar, float[] uHat, float[] aHat, float[] zBar, int b) {
        for (int q = 0; q < b; q++) {
            aHat[q] = d1[q] * uHat[q];
            zBar[q] = d2[q] * bar[q] * uHat[q];
        }
    }

    /** z̄ₗ += σ′ā^pₗ, b̄ₗ, W̄ₗ = uₗâₗ₋₁ᵀ + z̄ₗaₗ₋₁ᵀ, ā^pₗ₋₁ = Wₗᵀz̄ₗ. */
    private static void sweep(Mlp mlp, int l, int b, double[] grad, Rows s, boolean derivatives) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int b0 = mlp.biasOffset(l);
        for (int i = 0; i < n; i++) {
            float[] zBar = s.adj[l][i];
            float[] d1 = s.d1[l][i];
            float[] pBar = l == mlp.layers() ? s.outputBar : s.d3[l][i];
            float sum = 0f;
            if (derivatives) {
                for (int q = 0; q < b; q++) {
                    zBar[q] += d1[q] * pBar[q];
                    sum += zBar[q];
                }
            } else {
                for (int q = 0; q < b; q++) {
                    zBar[q] = d1[q] * pBar[q];
                    sum += zBar[q];
                }
            }
            grad[b0 + i] += sum;
        }
        if (derivatives) {
            s.addWeightGradient(l, s.u[l], s.hat[l - 1], n, p, b);
        }
        s.addWeightGradient(l, s.adj[l], s.act[l - 1], n, p, b);
        if (l > 1) {
            Float32Products.multiplyTransposed(mlp, s.theta, l, s.adj[l], s.d3[l - 1], b);
        }
    }

    /**
     * The shard's share of the loss (in double) and the seeds of the reverse sweeps, rounded to float:
     * outputBar[q] = ∂L/∂y and r = hat[0][j][q] = ∂L/∂(∂y/∂xⱼ).
     *
     * @param out the network's outputs y (B columns)
     */
    private static double loss(SobolevLoss loss, double[] y, double[] dydx, int[] rows, int from, int b, int total,
                               int d, float[] out, Rows s, boolean derivatives) {
        double cv = loss.valueWeight / total;
        double cg = loss.gradientWeight / ((double) total * d);
        double value = 0;
        for (int q = 0; q < b; q++) {
            int row = rows[from + q];
            double e = out[q] - y[row];
            value += cv * e * e;
            s.outputBar[q] = (float) (2 * cv * e);
            if (derivatives) {
                for (int j = 0; j < d; j++) {
                    double eg = s.bar[0][j][q] - dydx[row * d + j];
                    double w = cg * loss.lambdaSquared[j];
                    value += w * eg * eg;
                    s.hat[0][j][q] = (float) (2 * w * eg);
                }
            }
        }
        return value;
    }
}
