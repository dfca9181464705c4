package dev.sobolev.surrogate.nn;

import java.util.Arrays;

/**
 * Sobolev loss of an {@link Mlp} on a batch and its exact gradient with respect to the parameters θ
 * (Czarnecki et al. 2017; McDonagh &amp; Chen, seed 000: α·E + (1−α)·E_grad; Kichler et al., seed 001):
 * <pre>
 *   L(θ) = α/(N·m) Σₛ Σₖ (yₖ(xₛ) − Yₛₖ)² + (1−α)/(N·m·d) Σₛ Σₖ Σⱼ λⱼ² (∂yₖ/∂xⱼ(xₛ) − dYₛₖⱼ)²
 * </pre>
 * with per-input derivative scales λⱼ (Huge &amp; Savine's λⱼ = 1/RMS of the derivative labels; 1 when absent).
 *
 * <p>The input Jacobian is propagated forward alongside the values (for each sample one value column and d
 * tangent columns, Jₗ = σ′(zₗ)∘(WₗJₗ₋₁), J₀ = I), and the loss is differentiated by one reverse sweep through
 * that augmented pass (double backpropagation written out: the adjoint of a pre-activation collects
 * σ′·ā from the value column and σ″·ż·J̄ from each tangent column). Each layer is then three dense
 * products over B·(1+d) columns. With α = 1 (value-only loss) the tangent columns are skipped.
 *
 * <p>A {@link Scratch} holds the per-thread buffers; {@link #evaluate} allocates nothing.
 */
public final class SobolevLoss {
    private final double valueWeight;
    private final double gradientWeight;
    private final double[] lambdaSquared;

    /**
     * @param alpha  weight α ∈ [0, 1] of the value term; 1 − α weighs the derivative term
     * @param lambda derivative scales λⱼ (length d), or null for all 1
     * @param inputs input dimension d
     */
    public SobolevLoss(double alpha, double[] lambda, int inputs) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        valueWeight = alpha;
        gradientWeight = 1 - alpha;
        lambdaSquared = new double[inputs];
        for (int j = 0; j < inputs; j++) {
            double l = lambda == null ? 1.0 : lambda[j];
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("lambda[" + j + "] must be finite and > 0, got " + l);
            }
            lambdaSquared[j] = l * l;
        }
    }

    /** Whether the loss uses derivative labels (α &lt; 1). */
    public boolean usesGradients() {
        return gradientWeight > 0;
    }

    /** Per-thread buffers for batches of up to {@code maxBatch} samples. */
    public static final class Scratch {
        final int maxBatch;
        final double[][] act;
        final double[][] pre;
        final double[][] d1;
        final double[][] d2;
        final double[][] adj;
        final double[] tmp = new double[4];

        /**
         * @param mlp       the architecture
         * @param maxBatch  largest batch
         * @param gradients whether tangent columns are needed
         */
        public Scratch(Mlp mlp, int maxBatch, boolean gradients) {
            this.maxBatch = maxBatch;
            int cols = maxBatch * (gradients ? 1 + mlp.inputs() : 1);
            int n = mlp.layers() + 1;
            act = new double[n][];
            pre = new double[n][];
            d1 = new double[n][];
            d2 = new double[n][];
            adj = new double[n][];
            for (int l = 0; l < n; l++) {
                int w = mlp.width(l);
                act[l] = new double[w * cols];
                pre[l] = new double[w * cols];
                d1[l] = new double[w * maxBatch];
                d2[l] = new double[w * maxBatch];
                adj[l] = new double[w * cols];
            }
        }
    }

    /**
     * Adds this batch's share of the loss gradient to {@code grad} and returns its share of the loss. The
     * shares are normalised by {@code total}, the number of samples of the whole batch, so the shards of a
     * batch add up to the batch mean.
     *
     * @param mlp   the network
     * @param x     inputs, row-major n×d
     * @param y     value labels, n×m
     * @param dydx  derivative labels, n×m×d (may be null when α = 1)
     * @param rows  sample indices of this shard
     * @param from  first position in {@code rows}
     * @param to    end position (exclusive), to − from ≤ scratch batch size
     * @param total samples in the whole batch N
     * @param grad  accumulates ∂L/∂θ (length = parameter count)
     * @param s     scratch of this thread
     * @return this shard's part of L
     */
    public double evaluate(Mlp mlp, double[] x, double[] y, double[] dydx, int[] rows, int from, int to, int total,
                           double[] grad, Scratch s) {
        int b = to - from;
        if (b > s.maxBatch) {
            throw new IllegalArgumentException("shard of " + b + " samples exceeds the scratch size " + s.maxBatch);
        }
        int d = mlp.inputs();
        int m = mlp.outputs();
        int t = gradientWeight > 0 ? d : 0;
        if (t > 0 && dydx == null) {
            throw new IllegalArgumentException("the Sobolev loss needs derivative labels dYdX");
        }
        int stride = 1 + t;
        int cols = b * stride;
        int layers = mlp.layers();
        // inputs: value column x, tangent columns the unit vectors
        double[] a0 = s.act[0];
        for (int j = 0; j < d; j++) {
            int base = j * cols;
            for (int q = 0; q < b; q++) {
                int c = base + q * stride;
                a0[c] = x[rows[from + q] * d + j];
                for (int k = 1; k <= t; k++) {
                    a0[c + k] = k - 1 == j ? 1.0 : 0.0;
                }
            }
        }
        for (int l = 1; l <= layers; l++) {
            forwardLayer(mlp, l, b, stride, cols, s);
        }
        // loss and output adjoints
        double loss = 0;
        double cv = valueWeight / ((double) total * m);
        double cg = gradientWeight / ((double) total * m * d);
        double[] out = s.act[layers];
        double[] adjOut = s.adj[layers];
        for (int k = 0; k < m; k++) {
            int base = k * cols;
            for (int q = 0; q < b; q++) {
                int row = rows[from + q];
                int c = base + q * stride;
                double e = out[c] - y[row * m + k];
                loss += cv * e * e;
                adjOut[c] = 2 * cv * e;
                for (int j = 0; j < t; j++) {
                    double eg = out[c + 1 + j] - dydx[(row * m + k) * d + j];
                    double w = cg * lambdaSquared[j];
                    loss += w * eg * eg;
                    adjOut[c + 1 + j] = 2 * w * eg;
                }
            }
        }
        for (int l = layers; l >= 1; l--) {
            backwardLayer(mlp, l, b, stride, cols, grad, s);
        }
        return loss;
    }

    private static void forwardLayer(Mlp mlp, int l, int b, int stride, int cols, Scratch s) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        int b0 = mlp.biasOffset(l);
        double[] in = s.act[l - 1];
        double[] z = s.pre[l];
        double[] a = s.act[l];
        Activation act = mlp.activation(l);
        double[] tmp = s.tmp;
        for (int i = 0; i < n; i++) {
            int zi = i * cols;
            Arrays.fill(z, zi, zi + cols, 0.0);
            int row = w0 + i * p;
            for (int j = 0; j < p; j++) {
                double w = mlp.parameter(row + j);
                if (w == 0.0) {
                    continue;
                }
                int aj = j * cols;
                for (int c = 0; c < cols; c++) {
                    z[zi + c] += w * in[aj + c];
                }
            }
            double bias = mlp.parameter(b0 + i);
            for (int q = 0; q < b; q++) {
                int c = zi + q * stride;
                z[c] += bias;
                act.derivatives(z[c], tmp);
                a[c] = tmp[0];
                s.d1[l][i * b + q] = tmp[1];
                s.d2[l][i * b + q] = tmp[2];
                for (int k = 1; k < stride; k++) {
                    a[c + k] = tmp[1] * z[c + k];
                }
            }
        }
    }

    private static void backwardLayer(Mlp mlp, int l, int b, int stride, int cols, double[] grad, Scratch s) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int w0 = mlp.weightOffset(l);
        int b0 = mlp.biasOffset(l);
        double[] adj = s.adj[l];
        double[] z = s.pre[l];
        // adjoint of the pre-activations, in place: G = [σ′ā + Σₖσ″żₖJ̄ₖ, σ′J̄ₖ]
        for (int i = 0; i < n; i++) {
            int zi = i * cols;
            for (int q = 0; q < b; q++) {
                int c = zi + q * stride;
                double d1 = s.d1[l][i * b + q];
                double d2 = s.d2[l][i * b + q];
                double g = d1 * adj[c];
                for (int k = 1; k < stride; k++) {
                    g += d2 * z[c + k] * adj[c + k];
                    adj[c + k] *= d1;
                }
                adj[c] = g;
                grad[b0 + i] += g;
            }
        }
        double[] in = s.act[l - 1];
        double[] below = s.adj[l - 1];
        boolean propagate = l > 1;
        if (propagate) {
            Arrays.fill(below, 0, p * cols, 0.0);
        }
        for (int i = 0; i < n; i++) {
            int gi = i * cols;
            int row = w0 + i * p;
            for (int j = 0; j < p; j++) {
                int aj = j * cols;
                double acc = 0;
                for (int c = 0; c < cols; c++) {
                    acc += adj[gi + c] * in[aj + c];
                }
                grad[row + j] += acc;
                if (propagate) {
                    double w = mlp.parameter(row + j);
                    for (int c = 0; c < cols; c++) {
                        below[aj + c] += w * adj[gi + c];
                    }
                }
            }
        }
    }
}
