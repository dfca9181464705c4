package dev.sobolev.surrogate.nn;

import java.util.Arrays;
import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;

/**
 * Sobolev loss of an {@link Mlp} on a batch and its exact gradient with respect to the parameters θ
 * (Czarnecki et al. 2017; McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning Model Training": α·E + (1−α)·E_grad; Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning"):
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
 * <p>Two exact algorithms. A single-output network with first-order labels only takes the directional form
 * (reverse-over-reverse, about six layer products per layer whatever d, see {@link #evaluateDirectional}).
 * Otherwise the input Jacobian is propagated forward alongside the values (for each sample one value column
 * and d tangent columns, Jₗ = σ′(zₗ)∘(WₗJₗ₋₁), J₀ = I), and the loss is differentiated by one reverse sweep
 * through that augmented pass (the adjoint of a pre-activation collects σ′·ā from the value column and
 * σ″·ż·J̄ from each tangent column): three dense products per layer over B·(1+d) columns. With α = 1
 * (value-only loss) the tangent columns are skipped. The products are {@link LayerProducts}.
 *
 * <p>With {@link Precision#FLOAT32} the directional form (or, with α = 1, plain backpropagation) runs on
 * single-precision rows ({@link Float32Directional}); several outputs and the second-order term need float64.
 *
 * <p>A {@link Scratch} holds the per-thread buffers; {@link #evaluate} allocates nothing.
 */
public final class SobolevLoss {
    final double valueWeight;
    final double gradientWeight;
    final double[] lambdaSquared;
    private final double secondOrderWeight;
    private final double[] directions;
    private final int directionCount;
    final double dropout;
    private final Precision precision;

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
     * "Machine Learning for Physics and Astronomy"): while a {@link Scratch} carries a dropout stream, each hidden unit of each sample is kept
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
        this(alpha, lambda, inputs, gamma, directions, dropout, Precision.FLOAT64);
    }

    /**
     * A loss whose passes run in the given precision. {@link Precision#FLOAT32} (Float32Directional) takes
     * single-output networks and first-order labels (or values only): no second-order term.
     *
     * @param alpha      weight α ∈ [0, 1] of the value term
     * @param lambda     derivative scales, or null
     * @param inputs     input dimension d
     * @param gamma      weight γ ≥ 0 of the Hessian–vector term
     * @param directions k×d directions vᵩ (in the network's input units); k = 0 without the term
     * @param dropout    drop probability p ∈ [0, 1)
     * @param precision  arithmetic of the passes
     * @throws InvalidParameterException naming {@code precision} for float32 with a second-order term
     */
    public SobolevLoss(double alpha, double[] lambda, int inputs, double gamma, double[][] directions, double dropout,
                       Precision precision) {
        this.precision = Objects.requireNonNull(precision, "precision");
        if (precision == Precision.FLOAT32 && gamma > 0 && directions.length > 0) {
            throw new InvalidParameterException("precision", "float32 trains without the second-order term, got its "
                    + "weight " + gamma);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidParameterException("dropout", "must be in [0, 1), got " + dropout);
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
            throw new InvalidParameterException("alpha", "must be in [0, 1], got " + alpha);
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

    /** The arithmetic of the passes. */
    public Precision precision() {
        return precision;
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

    /**
     * Announces a training run of this loss on a net: about {@code samplePasses} evaluations of a sample (epochs
     * times training rows) in shards of up to {@code maxBatch} samples. A SIMD provider of the layer products
     * starts its warm-up when the run is long enough to repay it ({@link TrainingProducts}); results do not depend
     * on it.
     *
     * @param mlp          the architecture
     * @param maxBatch     largest shard
     * @param samplePasses sample evaluations expected
     * @throws IllegalArgumentException if a system property that selects the products has a value that is not
     *                                  one of theirs ({@link PointEvaluators#PROPERTY}, {@code sobolev.simd.warmup})
     */
    public void expectTraining(Mlp mlp, int maxBatch, long samplePasses) {
        if (precision == Precision.FLOAT32) {
            return;
        }
        int perSample = directional(mlp.outputs()) ? 1 : stride(mlp.inputs());
        TrainingProducts.prepare(mlp, maxBatch * perSample, samplePasses * perSample);
    }

    /** Per-thread buffers for batches of up to {@code maxBatch} samples, one row array per unit. */
    public static final class Scratch {
        final int maxBatch;
        /** Activations aₗ (columns per sample as the form needs). */
        final double[][][] act;
        /** Pre-activations zₗ (Jacobian form) or the input-gradient adjoints āₗ (directional form). */
        final double[][][] pre;
        /** Adjoints of the pre-activations. */
        final double[][][] adj;
        /** σ′, σ″, σ‴ per unit and sample; in the directional form d3 holds the layer products' results. */
        final double[][][] d1;
        final double[][][] d2;
        final double[][][] d3;
        /** Directional form: tangents âₗ along r and input-gradient pre-activation adjoints uₗ. */
        final double[][][] hat;
        final double[][][] u;
        final double[][][] mask;
        /**
         * Weight gradient per layer: W̄ₗ as nₗ rows of nₗ₋₁, or, where {@link #byUnit}, W̄ₗᵀ as nₗ₋₁ rows of nₗ.
         */
        final double[][][] weightBar;
        /** Layers whose weight gradient is kept transposed ({@link Mlp#weightGradientByUnit}). */
        final boolean[] byUnit;
        /** A layer's inputs transposed (columns × width) for the weight gradient. */
        final double[][] transposed;
        final double[] tmp = new double[4];
        /** ∂L/∂y per sample (directional form). */
        final double[] outputBar;
        final double[] zv;
        final double[] zvBar;
        /** The single-precision rows of a {@link Precision#FLOAT32} loss (null for float64). */
        final Float32Directional.Rows float32;
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
         * @param loss     the loss (decides the form and the columns per sample)
         */
        public Scratch(Mlp mlp, int maxBatch, SobolevLoss loss) {
            this.maxBatch = maxBatch;
            boolean single = loss.precision == Precision.FLOAT32;
            float32 = single ? new Float32Directional.Rows(mlp, maxBatch) : null;
            // a float32 loss works on its own rows: the double ones get one column and no weight gradient
            boolean directional = loss.directional(mlp.outputs());
            int cols = single ? 1 : directional ? maxBatch : maxBatch * loss.stride(mlp.inputs());
            outputBar = new double[maxBatch];
            zv = new double[Math.max(1, loss.directionCount)];
            zvBar = new double[Math.max(1, loss.directionCount)];
            transposed = new double[cols][mlp.widestLayer()];
            act = rows(mlp, cols);
            pre = rows(mlp, cols);
            adj = rows(mlp, cols);
            int rowLength = single ? 1 : maxBatch;
            d1 = rows(mlp, rowLength);
            d2 = rows(mlp, rowLength);
            d3 = rows(mlp, rowLength);
            hat = directional ? rows(mlp, rowLength) : null;
            u = directional ? rows(mlp, rowLength) : null;
            mask = directional ? null : rows(mlp, rowLength);
            weightBar = new double[mlp.layers() + 1][][];
            byUnit = new boolean[mlp.layers() + 1];
            for (int l = 1; l <= mlp.layers(); l++) {
                byUnit[l] = mlp.weightGradientByUnit(l);
                weightBar[l] = single ? new double[0][] : byUnit[l] ? new double[mlp.width(l - 1)][mlp.width(l)]
                        : new double[mlp.width(l)][mlp.width(l - 1)];
            }
        }

        /** W̄ₗ += g·aᵀ over len columns: g the nₗ pre-activation adjoint rows, a the nₗ₋₁ input rows. */
        void addWeightGradient(int l, double[][] g, double[][] a, int n, int p, int len) {
            if (byUnit[l]) {
                TrainingProducts.weightGradient(a, g, p, n, len, transposed, weightBar[l]);
            } else {
                TrainingProducts.weightGradient(g, a, n, p, len, transposed, weightBar[l]);
            }
        }

        private static double[][][] rows(Mlp mlp, int cols) {
            double[][][] r = new double[mlp.layers() + 1][][];
            for (int l = 0; l <= mlp.layers(); l++) {
                r[l] = new double[mlp.width(l)][cols];
            }
            return r;
        }

        /** Adds the accumulated weight gradients into θ's gradient and clears them. */
        void flushWeightGradient(Mlp mlp, double[] grad) {
            for (int l = 1; l <= mlp.layers(); l++) {
                int p = mlp.width(l - 1);
                int w0 = mlp.weightOffset(l);
                double[][] wb = weightBar[l];
                // θ holds Wₗ row by row: entry (r, c) of W̄ₗ is at w0 + r·p + c, of W̄ₗᵀ at w0 + c·p + r
                int rowStep = byUnit[l] ? 1 : p;
                int colStep = byUnit[l] ? p : 1;
                for (int r = 0; r < wb.length; r++) {
                    double[] row = wb[r];
                    int at = w0 + r * rowStep;
                    for (int c = 0; c < row.length; c++) {
                        grad[at + c * colStep] += row[c];
                    }
                    Arrays.fill(row, 0.0);
                }
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
     * @param s     scratch of this thread, made for this loss and architecture
     * @return this shard's part of L
     */
    public double evaluate(Mlp mlp, double[] x, double[] y, double[] dydx, double[] hv, int[] rows, int from, int to,
                           int total, double[] grad, Scratch s) {
        return evaluate(mlp, mlp.parameterArray(), x, y, dydx, hv, rows, from, to, total, grad, s);
    }

    /**
     * {@link #evaluate(Mlp, double[], double[], double[], double[], int[], int, int, int, double[], Scratch)} at
     * parameters θ other than the network's own: the trainer's mini-batch loop, which would otherwise build a
     * network (a copy and a finiteness check of θ) per batch. θ is only read; a non-finite θ gives a non-finite
     * loss, which the trainer's divergence guard stops at.
     *
     * @param mlp   the network whose widths and activations are used (its parameters are not)
     * @param theta parameters θ, of length {@code mlp.parameterCount()}
     * @param x     inputs, row-major n×d
     * @param y     value labels, n×m
     * @param dydx  derivative labels, n×m×d (may be null when α = 1)
     * @param hv    Hessian–vector labels n×k×d (may be null without the second-order term)
     * @param rows  sample indices of this shard
     * @param from  first position in {@code rows}
     * @param to    end position (exclusive)
     * @param total samples in the whole batch N
     * @param grad  accumulates ∂L/∂θ
     * @param s     scratch of this thread
     * @return this shard's part of L
     */
    public double evaluate(Mlp mlp, double[] theta, double[] x, double[] y, double[] dydx, double[] hv, int[] rows,
                           int from, int to, int total, double[] grad, Scratch s) {
        if (theta.length != mlp.parameterCount() || grad.length != theta.length) {
            throw new IllegalArgumentException("theta and grad must have " + mlp.parameterCount() + " entries, got "
                    + theta.length + " and " + grad.length);
        }
        int b = to - from;
        if (b > s.maxBatch) {
            throw new IllegalArgumentException("shard of " + b + " samples exceeds the scratch size " + s.maxBatch);
        }
        int d = mlp.inputs();
        int m = mlp.outputs();
        int k = directionCount;
        if (gradientWeight > 0 && dydx == null) {
            throw new IllegalArgumentException("the Sobolev loss needs derivative labels dYdX");
        }
        if (k > 0 && (hv == null || m != 1)) {
            throw new IllegalArgumentException("the second-order term needs Hessian-vector labels and a single output");
        }
        if (precision == Precision.FLOAT32) {
            if (m != 1) {
                throw new InvalidParameterException("precision", "float32 trains single-output networks, got "
                        + m + " outputs");
            }
            if (s.float32 == null) {
                throw new IllegalArgumentException("the scratch was made for a float64 loss");
            }
            return Float32Directional.evaluate(this, mlp, theta, x, y, dydx, rows, from, b, total, grad, s.float32,
                    s.dropoutRng);
        }
        if (s.float32 != null) {
            throw new IllegalArgumentException("the scratch was made for a float32 loss");
        }
        double loss = directional(m)
                ? evaluateDirectional(mlp, theta, x, y, dydx, rows, from, b, total, grad, s)
                : evaluateJacobian(mlp, theta, x, y, dydx, hv, rows, from, b, total, grad, s);
        s.flushWeightGradient(mlp, grad);
        return loss;
    }

    /**
     * Whether a batch takes the directional form: a single output and first-order labels only. The
     * parameter gradient of Σⱼ rⱼ·∂y/∂xⱼ with r = ∂L/∂(∇ₓy) held fixed is the parameter gradient of the
     * directional derivative ∂y/∂x·r, so one tangent column along r replaces the d Jacobian columns.
     */
    private boolean directional(int outputs) {
        return outputs == 1 && directionCount == 0 && gradientWeight > 0;
    }

    /**
     * The first-order Sobolev loss of a single-output network by reverse-over-reverse (double
     * backpropagation), at six layer products per layer whatever d instead of 3(1 + d): a forward pass, the
     * reverse pass for the input gradient (uₗ = σ′(zₗ)āₗ, āₗ₋₁ = Wₗᵀuₗ, ā₀ = ∇ₓy), then its adjoint for a fixed
     * r = ∂L/∂ā₀, which is a tangent pass along r (ûₗ = Wₗâₗ₋₁, âₗ = σ′ûₗ, â₀ = r, contributing σ″āₗûₗ to the
     * pre-activation adjoint), and the reverse sweep of the values (z̄ₗ = σ′ā^pₗ + σ″āₗûₗ). Both uses of Wₗ
     * meet in the weight gradient W̄ₗ = uₗâₗ₋₁ᵀ + z̄ₗaₗ₋₁ᵀ.
     *
     * <p>Rows of B columns: aₗ in {@code act}, âₗ in {@code hat}, āₗ in {@code pre}, uₗ in {@code u}, z̄ₗ in
     * {@code adj}, σ′ and σ″ (times the dropout mask) in {@code d1}, {@code d2}; {@code d3} receives the layer
     * products (zₗ, ûₗ, then ā^pₗ).
     */
    private double evaluateDirectional(Mlp mlp, double[] theta, double[] x, double[] y, double[] dydx, int[] rows,
                                       int from, int b, int total, double[] grad, Scratch s) {
        int d = mlp.inputs();
        int layers = mlp.layers();
        for (int j = 0; j < d; j++) {
            RowKernels.gather(x, rows, from, b, d, j, s.act[0][j]);
        }
        // forward: aₗ = σ(Wₗaₗ₋₁ + bₗ), thinned by the dropout mask on hidden layers
        for (int l = 1; l <= layers; l++) {
            forwardRows(mlp, theta, l, b, s);
        }
        // reverse pass of the input gradient: ā_L = 1, uₗ = σ′āₗ, āₗ₋₁ = Wₗᵀuₗ
        Arrays.fill(s.pre[layers][0], 0, b, 1.0);
        for (int l = layers; l >= 1; l--) {
            inputGradientRows(mlp, theta, l, b, s);
        }
        // loss; r = ∂L/∂(∇ₓy) seeds the tangent pass
        double loss = directionalLoss(y, dydx, rows, from, b, total, d, s.act[layers][0], s.pre[0], s.outputBar,
                s.hat[0]);
        // tangent along r: ûₗ = Wₗâₗ₋₁, âₗ = σ′ûₗ; the pre-activation adjoint starts at σ″āₗûₗ
        for (int l = 1; l <= layers; l++) {
            tangentRows(mlp, theta, l, b, s);
        }
        // reverse sweep of the values: z̄ₗ += σ′ā^pₗ, then W̄ₗ, b̄ₗ and ā^pₗ₋₁ = Wₗᵀz̄ₗ
        for (int l = layers; l >= 1; l--) {
            sweepRows(mlp, theta, l, b, grad, s);
        }
        return loss;
    }

    /*
     * The directional form one layer at a time. Each sweep of a layer is a method of its own, so the driver
     * above has no hot loop (no on-stack-replacement compiles of it) and C2 compiles these small methods
     * early (docs/DESIGN.md "Warm-up").
     */

    /** Forward through layer l: zₗ = Wₗaₗ₋₁ (into d3), aₗ, σ′ and σ″, thinned by dropout on hidden layers. */
    private void forwardRows(Mlp mlp, double[] theta, int l, int b, Scratch s) {
        TrainingProducts.multiply(mlp, theta, l, s.act[l - 1], s.d3[l], b);
        Activation act = mlp.activation(l);
        boolean dropping = dropout > 0 && s.dropoutRng != null && l < mlp.layers();
        int b0 = mlp.biasOffset(l);
        for (int i = 0; i < mlp.width(l); i++) {
            double[] a = s.act[l][i];
            double[] d1 = s.d1[l][i];
            double[] d2 = s.d2[l][i];
            act.firstTwo(s.d3[l][i], theta[b0 + i], b, a, d1, d2, s.tmp);
            if (dropping) {
                RowKernels.thin(s.dropoutRng, dropout, 1 / (1 - dropout), a, d1, d2, b);
            }
        }
    }

    /** The input gradient's reverse pass through layer l: uₗ = σ′āₗ, āₗ₋₁ = Wₗᵀuₗ. */
    private static void inputGradientRows(Mlp mlp, double[] theta, int l, int b, Scratch s) {
        for (int i = 0; i < mlp.width(l); i++) {
            RowKernels.product(s.d1[l][i], s.pre[l][i], s.u[l][i], b);
        }
        TrainingProducts.multiplyTransposed(mlp, theta, l, s.u[l], s.pre[l - 1], b);
    }

    /** The tangent pass through layer l: ûₗ = Wₗâₗ₋₁ (into d3), âₗ = σ′ûₗ, z̄ₗ = σ″āₗûₗ. */
    private static void tangentRows(Mlp mlp, double[] theta, int l, int b, Scratch s) {
        TrainingProducts.multiply(mlp, theta, l, s.hat[l - 1], s.d3[l], b);
        for (int i = 0; i < mlp.width(l); i++) {
            RowKernels.tangent(s.d1[l][i], s.d2[l][i], s.pre[l][i], s.d3[l][i], s.hat[l][i], s.adj[l][i], b);
        }
    }

    /** The values' reverse sweep through layer l: z̄ₗ += σ′ā^pₗ, b̄ₗ, W̄ₗ = uₗâₗ₋₁ᵀ + z̄ₗaₗ₋₁ᵀ, ā^pₗ₋₁ = Wₗᵀz̄ₗ. */
    private static void sweepRows(Mlp mlp, double[] theta, int l, int b, double[] grad, Scratch s) {
        int n = mlp.width(l);
        int p = mlp.width(l - 1);
        int b0 = mlp.biasOffset(l);
        for (int i = 0; i < n; i++) {
            grad[b0 + i] += RowKernels.addProductAndSum(s.adj[l][i], s.d1[l][i],
                    l == mlp.layers() ? s.outputBar : s.d3[l][i], b);
        }
        s.addWeightGradient(l, s.u[l], s.hat[l - 1], n, p, b);
        s.addWeightGradient(l, s.adj[l], s.act[l - 1], n, p, b);
        if (l > 1) {
            TrainingProducts.multiplyTransposed(mlp, theta, l, s.adj[l], s.d3[l - 1], b);
        }
    }

    /**
     * The directional form's share of the loss over a shard, and the seeds of its reverse sweeps:
     * outputBar[q] = ∂L/∂y and rBar[j][q] = rⱼ = ∂L/∂(∂y/∂xⱼ) per sample.
     *
     * @param out  the network's outputs y (B columns)
     * @param grad the input gradient rows ā₀ (d rows of B columns)
     */
    private double directionalLoss(double[] y, double[] dydx, int[] rows, int from, int b, int total, int d,
                                   double[] out, double[][] grad, double[] outputBar, double[][] rBar) {
        double cv = valueWeight / total;
        double cg = gradientWeight / ((double) total * d);
        double loss = 0;
        for (int q = 0; q < b; q++) {
            int row = rows[from + q];
            double e = out[q] - y[row];
            loss += cv * e * e;
            outputBar[q] = 2 * cv * e;
            for (int j = 0; j < d; j++) {
                double eg = grad[j][q] - dydx[row * d + j];
                double w = cg * lambdaSquared[j];
                loss += w * eg * eg;
                rBar[j][q] = 2 * w * eg;
            }
        }
        return loss;
    }

    /** The Jacobian-column form (any number of outputs, second-order term); see the class comment. */
    private double evaluateJacobian(Mlp mlp, double[] theta, double[] x, double[] y, double[] dydx, double[] hv,
                                    int[] rows, int from, int b, int total, double[] grad, Scratch s) {
        int d = mlp.inputs();
        int m = mlp.outputs();
        int t = usesGradients() ? d : 0;
        int k = directionCount;
        int stride = stride(d);
        int cols = b * stride;
        int layers = mlp.layers();
        for (int j = 0; j < d; j++) {
            double[] a0 = s.act[0][j];
            for (int q = 0; q < b; q++) {
                int c = q * stride;
                a0[c] = x[rows[from + q] * d + j];
                for (int i = 1; i < stride; i++) {
                    a0[c + i] = i <= t && i - 1 == j ? 1.0 : 0.0;
                }
            }
        }
        for (int l = 1; l <= layers; l++) {
            forwardLayer(mlp, theta, l, b, stride, t, cols, s);
        }
        double loss = 0;
        double cv = valueWeight / ((double) total * m);
        double cg = gradientWeight / ((double) total * m * d);
        double ch = k > 0 ? secondOrderWeight / ((double) total * k * d) : 0;
        for (int o = 0; o < m; o++) {
            double[] out = s.act[layers][o];
            double[] adjOut = s.adj[layers][o];
            for (int q = 0; q < b; q++) {
                int row = rows[from + q];
                int c = q * stride;
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
            backwardLayer(mlp, theta, l, b, stride, t, cols, grad, s);
        }
        return loss;
    }

    private void forwardLayer(Mlp mlp, double[] theta, int l, int b, int stride, int t, int cols, Scratch s) {
        int n = mlp.width(l);
        int d = mlp.inputs();
        int b0 = mlp.biasOffset(l);
        TrainingProducts.multiply(mlp, theta, l, s.act[l - 1], s.pre[l], cols);
        Activation act = mlp.activation(l);
        double[] tmp = s.tmp;
        int k = directionCount;
        boolean dropping = dropout > 0 && s.dropoutRng != null && l < mlp.layers();
        double keepScale = 1 / (1 - dropout);
        for (int i = 0; i < n; i++) {
            double[] z = s.pre[l][i];
            double[] a = s.act[l][i];
            double bias = theta[b0 + i];
            for (int q = 0; q < b; q++) {
                int c = q * stride;
                z[c] += bias;
                act.derivatives(z[c], tmp);
                a[c] = tmp[0];
                s.d1[l][i][q] = tmp[1];
                s.d2[l][i][q] = tmp[2];
                s.d3[l][i][q] = tmp[3];
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
                    s.mask[l][i][q] = mk;
                    for (int r = 0; r < stride; r++) {
                        a[c + r] *= mk;
                    }
                }
            }
        }
    }

    private void backwardLayer(Mlp mlp, double[] theta, int l, int b, int stride, int t, int cols, double[] grad,
                               Scratch s) {
        int n = mlp.width(l);
        int d = mlp.inputs();
        int b0 = mlp.biasOffset(l);
        int k = directionCount;
        double[] zv = s.zv;
        double[] zvBar = s.zvBar;
        boolean dropping = dropout > 0 && s.dropoutRng != null && l < mlp.layers();
        // adjoints of the pre-activation columns, in place
        for (int i = 0; i < n; i++) {
            double[] adj = s.adj[l][i];
            double[] z = s.pre[l][i];
            for (int q = 0; q < b; q++) {
                int c = q * stride;
                if (dropping) {
                    double mk = s.mask[l][i][q];
                    for (int r = 0; r < stride; r++) {
                        adj[c + r] *= mk;
                    }
                }
                double d1 = s.d1[l][i][q];
                double d2 = s.d2[l][i][q];
                double d3 = s.d3[l][i][q];
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
        s.addWeightGradient(l, s.adj[l], s.act[l - 1], n, mlp.width(l - 1), cols);
        if (l > 1) {
            TrainingProducts.multiplyTransposed(mlp, theta, l, s.adj[l], s.adj[l - 1], cols);
        }
    }
}
