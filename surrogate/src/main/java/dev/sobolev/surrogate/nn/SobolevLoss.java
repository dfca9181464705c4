package dev.sobolev.surrogate.nn;

import java.util.Arrays;

/**
 * Sobolev loss of an {@link Mlp} on a batch and its exact gradient with respect to the parameters θ
 * (Czarnecki et al. 2017; McDonagh &amp; Chen, seed 000: α·E + (1−α)·E_grad; Kichler et al., seed 001):
 * <pre>
 *   L(θ) = α/(N·m) Σₛ Σₖ (yₖ(xₛ) − Yₛₖ)² + (1−α)/(N·m·d) Σₛ Σₖ Σⱼ λⱼ² (∂yₖ/∂xⱼ(xₛ) − dYₛₖⱼ)²
 * </pre>
 * with per-input derivative scales λⱼ (Huge &amp; Savine's λⱼ = 1/RMS of the derivative labels; 1 when absent),
 * plus, optionally, a second-order term on Hessian–vector labels along k stored directions vᵩ (Kichler et al.,
 * backup slide "Second-order sensitivity information"; single-output networks):
 * γ/(N·k·d) Σₛ Σᵩ Σⱼ ((H(xₛ)vᵩ)ⱼ − Sₛᵩⱼ)².
 *
 * <p>Second-order columns Kᵩⱼ = ∂Jⱼ/∂vᵩ are propagated forward too
 * (Kₗ = σ″(zₗ)·żᵥ·Żₗ + σ′(zₗ)·WₗKₗ₋₁ with żᵥ = Σⱼ vⱼŻⱼ), and their adjoints bring σ‴ into the reverse sweep.
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
    private final double secondOrderWeight;
    private final double[] directions;
    private final int directionCount;
    private final double dropout;
    /** Input width from which the weight gradient uses row updates instead of dot products. */
    private static final int WIDE = 48;

    /**
     * @param alpha  weight α ∈ [0, 1] of the value term; 1 − α weighs the derivative term
     * @param lambda derivative scales λⱼ (length d), or null for all 1
     * @param inputs input dimension d
     */
    public SobolevLoss(double alpha, double[] lambda, int inputs) {
        this(alpha, lambda, inputs, 0.0, new double[0][]);
    }

    /**
     * A loss with a second-order term.
     *
     * @param alpha      weight α ∈ [0, 1] of the value term
     * @param lambda     derivative scales, or null
     * @param inputs     input dimension d
     * @param gamma      weight γ ≥ 0 of the Hessian–vector term
     * @param directions k×d directions vᵩ (in the network's input units); k = 0 without the term
     */
    public SobolevLoss(double alpha, double[] lambda, int inputs, double gamma, double[][] directions) {
        this(alpha, lambda, inputs, gamma, directions, 0.0);
    }

    /**
     * A loss with a second-order term and inverted dropout on the hidden layers (Srivastava et al. 2014; Rojo,
     * seed 004): while a {@link Scratch} carries a dropout stream, each hidden unit of each sample is kept
     * with probability 1 − p and scaled by 1/(1 − p), and the same mask multiplies its derivative columns (the
     * network that is differentiated is the thinned one). Evaluation without a stream uses the full network.
     *
     * @param alpha      weight α ∈ [0, 1] of the value term
     * @param lambda     derivative scales, or null
     * @param inputs     input dimension d
     * @param gamma      weight γ ≥ 0 of the Hessian–vector term
     * @param directions k×d directions vᵩ (in the network's input units); k = 0 without the term
     * @param dropout    drop probability p ∈ [0, 1)
     */
    public SobolevLoss(double alpha, double[] lambda, int inputs, double gamma, double[][] directions, double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("second-order weight must be finite and >= 0, got " + gamma);
        }
        if (gamma > 0 && directions.length == 0) {
            throw new IllegalArgumentException("a second-order weight needs Hessian-vector directions");
        }
        secondOrderWeight = directions.length == 0 ? 0.0 : gamma;
        directionCount = secondOrderWeight > 0 ? directions.length : 0;
        this.directions = new double[directionCount * inputs];
        for (int q = 0; q < directionCount; q++) {
            if (directions[q].length != inputs) {
                throw new IllegalArgumentException("direction " + q + " has " + directions[q].length + " entries, expected "
                        + inputs);
            }
            System.arraycopy(directions[q], 0, this.directions, q * inputs, inputs);
        }
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

    /** Whether the loss propagates first-derivative columns (α &lt; 1 or a second-order term). */
    public boolean usesGradients() {
        return gradientWeight > 0 || directionCount > 0;
    }

    /** Number of Hessian–vector directions in the loss (0 without the second-order term). */
    public int directionCount() {
        return directionCount;
    }

    /** Columns per sample: value, d first-order and k·d second-order tangents. */
    int stride(int d) {
        return 1 + (usesGradients() ? d : 0) + directionCount * d;
    }

    /** Per-thread buffers for batches of up to {@code maxBatch} samples. */
    public static final class Scratch {
        final int maxBatch;
        final double[][] act;
        final double[][] pre;
        final double[][] d1;
        final double[][] d2;
        final double[][] d3;
        final double[][] adj;
        final double[] tmp = new double[4];
        final double[] zv;
        final double[] zvBar;
        final double[][] mask;
        /** A layer's input activations transposed (columns × width), for the weight gradient as row updates. */
        final double[] transposed;
        private org.apache.commons.rng.UniformRandomProvider dropoutRng;

        /**
         * Sets the stream that draws the next evaluation's dropout masks (null: no dropout). Training sets one
         * stream per shard; validation clears it.
         */
        public void dropout(org.apache.commons.rng.UniformRandomProvider rng) {
            this.dropoutRng = rng;
        }

        /**
         * @param mlp      the architecture
         * @param maxBatch largest batch
         * @param loss     the loss (decides the columns per sample)
         */
        public Scratch(Mlp mlp, int maxBatch, SobolevLoss loss) {
            this.maxBatch = maxBatch;
            int cols = maxBatch * loss.stride(mlp.inputs());
            zv = new double[Math.max(1, loss.directionCount)];
            zvBar = new double[Math.max(1, loss.directionCount)];
            mask = new double[mlp.layers() + 1][];
            int widest = 0;
            for (int l = 0; l < mlp.layers(); l++) {
                widest = Math.max(widest, mlp.width(l));
            }
            transposed = new double[widest * cols];
            int n = mlp.layers() + 1;
            act = new double[n][];
            pre = new double[n][];
            d1 = new double[n][];
            d2 = new double[n][];
            d3 = new double[n][];
            adj = new double[n][];
            for (int l = 0; l < n; l++) {
                int w = mlp.width(l);
                act[l] = new double[w * cols];
                pre[l] = new double[w * cols];
                d1[l] = new double[w * maxBatch];
                d2[l] = new double[w * maxBatch];
                d3[l] = new double[w * maxBatch];
                mask[l] = new double[w * maxBatch];
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
     * @param hv    Hessian–vector labels n×k×d along this loss's directions (may be null without the term)
     * @param rows  sample indices of this shard
     * @param from  first position in {@code rows}
     * @param to    end position (exclusive), to − from ≤ scratch batch size
     * @param total samples in the whole batch N
     * @param grad  accumulates ∂L/∂θ (length = parameter count)
     * @param s     scratch of this thread
     * @return this shard's part of L
     */
    public double evaluate(Mlp mlp, double[] x, double[] y, double[] dydx, double[] hv, int[] rows, int from, int to,
                           int total, double[] grad, Scratch s) {
        int b = to - from;
        if (b > s.maxBatch) {
            throw new IllegalArgumentException("shard of " + b + " samples exceeds the scratch size " + s.maxBatch);
        }
        int d = mlp.inputs();
        int m = mlp.outputs();
        int t = usesGradients() ? d : 0;
        int k = directionCount;
        if (gradientWeight > 0 && dydx == null) {
            throw new IllegalArgumentException("the Sobolev loss needs derivative labels dYdX");
        }
        if (k > 0 && (hv == null || m != 1)) {
            throw new IllegalArgumentException("the second-order term needs Hessian-vector labels and a single output");
        }
        int stride = stride(d);
        int cols = b * stride;
        int layers = mlp.layers();
        double[] a0 = s.act[0];
        for (int j = 0; j < d; j++) {
            int base = j * cols;
            for (int q = 0; q < b; q++) {
                int c = base + q * stride;
                a0[c] = x[rows[from + q] * d + j];
                for (int i = 1; i < stride; i++) {
                    a0[c + i] = i <= t && i - 1 == j ? 1.0 : 0.0;
                }
            }
        }
        for (int l = 1; l <= layers; l++) {
            forwardLayer(mlp, l, b, stride, t, cols, s);
        }
        double loss = 0;
        double cv = valueWeight / ((double) total * m);
        double cg = gradientWeight / ((double) total * m * d);
        double ch = k > 0 ? secondOrderWeight / ((double) total * k * d) : 0;
        double[] out = s.act[layers];
        double[] adjOut = s.adj[layers];
        for (int o = 0; o < m; o++) {
            int base = o * cols;
            for (int q = 0; q < b; q++) {
                int row = rows[from + q];
                int c = base + q * stride;
                double e = out[c] - y[row * m + o];
                loss += cv * e * e;
                adjOut[c] = 2 * cv * e;
                for (int j = 0; j < t; j++) {
                    double eg = gradientWeight > 0 ? out[c + 1 + j] - dydx[(row * m + o) * d + j] : 0.0;
                    double w = cg * lambdaSquared[j];
                    loss += w * eg * eg;
                    adjOut[c + 1 + j] = 2 * w * eg;
                }
                for (int r = 0; r < k * d; r++) {
                    double eh = out[c + 1 + t + r] - hv[row * k * d + r];
                    loss += ch * eh * eh;
                    adjOut[c + 1 + t + r] = 2 * ch * eh;
                }
            }
        }
        for (int l = layers; l >= 1; l--) {
            backwardLayer(mlp, l, b, stride, t, cols, grad, s);
        }
        return loss;
    }

    private void forwardLayer(Mlp mlp, int l, int b, int stride, int t, int cols, Scratch s) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int d = mlp.inputs();
        int w0 = mlp.weightOffset(l);
        int b0 = mlp.biasOffset(l);
        double[] in = s.act[l - 1];
        double[] z = s.pre[l];
        double[] a = s.act[l];
        Activation act = mlp.activation(l);
        double[] tmp = s.tmp;
        int k = directionCount;
        boolean dropping = dropout > 0 && s.dropoutRng != null && l < mlp.layers();
        double keepScale = 1 / (1 - dropout);
        for (int i = 0; i < n; i++) {
            int zi = i * cols;
            Arrays.fill(z, zi, zi + cols, 0.0);
            int row = w0 + i * p;
            for (int j = 0; j < p; j++) {
                double w = mlp.parameter(row + j);
                if (w == 0.0) {
                    continue;
                }
                axpy(w, in, j * cols, z, zi, cols);
            }
            double bias = mlp.parameter(b0 + i);
            for (int q = 0; q < b; q++) {
                int c = zi + q * stride;
                z[c] += bias;
                act.derivatives(z[c], tmp);
                a[c] = tmp[0];
                s.d1[l][i * b + q] = tmp[1];
                s.d2[l][i * b + q] = tmp[2];
                s.d3[l][i * b + q] = tmp[3];
                for (int j = 1; j <= t; j++) {
                    a[c + j] = tmp[1] * z[c + j];
                }
                // second-order columns: Kᵩⱼ = σ″·żᵥᵩ·Żⱼ + σ′·Ḱᵩⱼ
                for (int dir = 0; dir < k; dir++) {
                    double zv = 0;
                    for (int j = 0; j < d; j++) {
                        zv += directions[dir * d + j] * z[c + 1 + j];
                    }
                    int kc = c + 1 + t + dir * d;
                    for (int j = 0; j < d; j++) {
                        a[kc + j] = tmp[2] * zv * z[c + 1 + j] + tmp[1] * z[kc + j];
                    }
                }
                if (dropping) {
                    double mk = s.dropoutRng.nextDouble() < dropout ? 0.0 : keepScale;
                    s.mask[l][i * b + q] = mk;
                    for (int r = 0; r < stride; r++) {
                        a[c + r] *= mk;
                    }
                }
            }
        }
    }

    private void backwardLayer(Mlp mlp, int l, int b, int stride, int t, int cols, double[] grad, Scratch s) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int d = mlp.inputs();
        int w0 = mlp.weightOffset(l);
        int b0 = mlp.biasOffset(l);
        int k = directionCount;
        double[] adj = s.adj[l];
        double[] z = s.pre[l];
        double[] zv = s.zv;
        double[] zvBar = s.zvBar;
        boolean dropping = dropout > 0 && s.dropoutRng != null && l < mlp.layers();
        // adjoints of the pre-activation columns, in place
        for (int i = 0; i < n; i++) {
            int zi = i * cols;
            for (int q = 0; q < b; q++) {
                int c = zi + q * stride;
                if (dropping) {
                    double mk = s.mask[l][i * b + q];
                    for (int r = 0; r < stride; r++) {
                        adj[c + r] *= mk;
                    }
                }
                double d1 = s.d1[l][i * b + q];
                double d2 = s.d2[l][i * b + q];
                double d3 = s.d3[l][i * b + q];
                double g = d1 * adj[c];
                for (int dir = 0; dir < k; dir++) {
                    double v = 0;
                    double vb = 0;
                    int kc = c + 1 + t + dir * d;
                    for (int j = 0; j < d; j++) {
                        v += directions[dir * d + j] * z[c + 1 + j];
                    }
                    for (int j = 0; j < d; j++) {
                        double kb = adj[kc + j];
                        g += (d3 * v * z[c + 1 + j] + d2 * z[kc + j]) * kb;
                        vb += d2 * z[c + 1 + j] * kb;
                    }
                    zv[dir] = v;
                    zvBar[dir] = vb;
                }
                for (int j = 1; j <= t; j++) {
                    double jb = adj[c + j];
                    g += d2 * z[c + j] * jb;
                    double zb = d1 * jb;
                    for (int dir = 0; dir < k; dir++) {
                        int kc = c + 1 + t + dir * d + (j - 1);
                        zb += d2 * zv[dir] * adj[kc] + directions[dir * d + j - 1] * zvBar[dir];
                    }
                    adj[c + j] = zb;
                }
                for (int r = 0; r < k * d; r++) {
                    adj[c + 1 + t + r] *= d1;
                }
                adj[c] = g;
                grad[b0 + i] += g;
            }
        }
        double[] in = s.act[l - 1];
        double[] below = s.adj[l - 1];
        if (p >= WIDE) {
            // wide layers: W̄ += G·Aᵀ as row updates over a transposed copy of A (unit-stride, vectorisable)
            double[] at = s.transposed;
            for (int j = 0; j < p; j++) {
                int aj = j * cols;
                for (int c = 0; c < cols; c++) {
                    at[c * p + j] = in[aj + c];
                }
            }
            for (int i = 0; i < n; i++) {
                int gi = i * cols;
                int row = w0 + i * p;
                for (int c = 0; c < cols; c++) {
                    double gc = adj[gi + c];
                    if (gc == 0.0) {
                        continue;
                    }
                    int tc = c * p;
                    for (int j = 0; j < p; j++) {
                        grad[row + j] += gc * at[tc + j];
                    }
                }
            }
        } else {
            // narrow layers: dot products over the columns with four independent accumulators (the JIT does not
            // vectorise a floating-point reduction; four chains at least keep the FMA units busy)
            for (int i = 0; i < n; i++) {
                int gi = i * cols;
                int row = w0 + i * p;
                for (int j = 0; j < p; j++) {
                    int aj = j * cols;
                    double a0 = 0;
                    double a1 = 0;
                    double a2 = 0;
                    double a3 = 0;
                    int c = 0;
                    for (; c + 3 < cols; c += 4) {
                        a0 += adj[gi + c] * in[aj + c];
                        a1 += adj[gi + c + 1] * in[aj + c + 1];
                        a2 += adj[gi + c + 2] * in[aj + c + 2];
                        a3 += adj[gi + c + 3] * in[aj + c + 3];
                    }
                    for (; c < cols; c++) {
                        a0 += adj[gi + c] * in[aj + c];
                    }
                    grad[row + j] += (a0 + a1) + (a2 + a3);
                }
            }
        }
        if (l > 1) {
            Arrays.fill(below, 0, p * cols, 0.0);
            for (int i = 0; i < n; i++) {
                int gi = i * cols;
                int row = w0 + i * p;
                for (int j = 0; j < p; j++) {
                    double w = mlp.parameter(row + j);
                    if (w == 0.0) {
                        continue;
                    }
                    axpy(w, adj, gi, below, j * cols, cols);
                }
            }
        }
    }

    /** dst[d..d+len) += w·src[s..s+len): the unit-stride kernel of both layer products (the JIT vectorises it). */
    private static void axpy(double w, double[] src, int s, double[] dst, int d, int len) {
        for (int c = 0; c < len; c++) {
            dst[d + c] += w * src[s + c];
        }
    }
}
