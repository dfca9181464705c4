package dev.sobolev.surrogate.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fully connected network x ↦ y with widths n₀ = d, n₁, …, n_L, n_{L+1} = m: zₗ = Wₗaₗ₋₁ + bₗ,
 * aₗ = σ(zₗ) for hidden layers and y = σ_out(z_{L+1}). Immutable: the parameters are one flat vector θ
 * (layer by layer, Wₗ row-major nₗ×nₗ₋₁ then bₗ), copied on the way in and out.
 *
 * <p>Single-point evaluation ({@link #value}, {@link #valueAndGradient}, {@link #hessianVector}) runs in a
 * caller-owned {@link Workspace} and allocates nothing; the input gradient is one reverse sweep and the
 * Hessian–vector product H·v = ∂/∂ε ∇ₓy(x + εv) one forward-over-reverse sweep (tangents of the forward
 * pass along v, then of the reverse pass), both for any input dimension at the cost of about two
 * evaluations.
 */
public final class Mlp {
    private final int[] widths;
    private final Activation hidden;
    private final Activation output;
    private final double[] params;
    private final int[] weightOffset;
    private final int[] biasOffset;
    /**
     * The weights laid out for the single-point passes, built on their first use: training makes a network
     * per mini-batch and reads it only through {@link #parameterArray}, so it never pays for this copy.
     */
    private volatile Layout layout;

    /**
     * @param widths n₀..n_{L+1}, at least input and output, each ≥ 1
     * @param hidden activation of the hidden layers
     * @param output activation of the output layer (identity or softplus for positive outputs)
     * @param params θ of length {@link #parameterCount(int[])}, finite
     */
    public Mlp(int[] widths, Activation hidden, Activation output, double[] params) {
        this.widths = checkWidths(widths);
        this.hidden = Objects.requireNonNull(hidden, "hidden");
        this.output = Objects.requireNonNull(output, "output");
        int[][] offsets = offsets(this.widths);
        weightOffset = offsets[0];
        biasOffset = offsets[1];
        int count = offsets[2][0];
        if (params.length != count) {
            throw new IllegalArgumentException("architecture " + Arrays.toString(widths) + " has " + count
                    + " parameters, got " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new IllegalArgumentException("parameter " + i + " must be finite, got " + params[i]);
            }
        }
        this.params = params.clone();
    }

    /** {offset of Wₗ, offset of bₗ (both indexed by l = 1..L+1), {parameter count}} in θ. */
    private static int[][] offsets(int[] widths) {
        int layers = widths.length - 1;
        int[] weight = new int[layers + 1];
        int[] bias = new int[layers + 1];
        int off = 0;
        for (int l = 1; l <= layers; l++) {
            weight[l] = off;
            off += widths[l] * widths[l - 1];
            bias[l] = off;
            off += widths[l];
        }
        return new int[][] {weight, bias, {off}};
    }

    /** Wₗ as rows (rows[l][i][j]) and as columns (cols[l][j][i]), and bₗ. */
    private record Layout(double[][][] rows, double[][][] cols, double[][] bias) {
    }

    /** The single-point layout (a benign race may build it twice; both copies are equal). */
    private Layout layout() {
        Layout l = layout;
        if (l == null) {
            int layers = widths.length - 1;
            double[][][] rows = new double[layers + 1][][];
            double[][][] cols = new double[layers + 1][][];
            double[][] bias = new double[layers + 1][];
            for (int k = 1; k <= layers; k++) {
                int n = widths[k];
                int p = widths[k - 1];
                rows[k] = new double[n][p];
                cols[k] = new double[p][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < p; j++) {
                        rows[k][i][j] = params[weightOffset[k] + i * p + j];
                        cols[k][j][i] = rows[k][i][j];
                    }
                }
                bias[k] = Arrays.copyOfRange(params, biasOffset[k], biasOffset[k] + n);
            }
            l = new Layout(rows, cols, bias);
            layout = l;
        }
        return l;
    }

    /** Wₗ as rows, [i][j] (the single-point layout, shared: callers must not modify it). */
    double[][] weightRows(int l) {
        return layout().rows()[l];
    }

    /** Wₗ as columns, [j][i] (shared, as {@link #weightRows}). */
    double[][] weightColumns(int l) {
        return layout().cols()[l];
    }

    /** bₗ (shared, as {@link #weightRows}). */
    double[] biasRow(int l) {
        return layout().bias()[l];
    }

    /**
     * out[i] = b[i] + Σⱼ m[i][j]·x[j] for i &lt; n (b null: no bias), four rows at a time: four independent
     * accumulation chains share each load of x[j], which keeps a scalar core busy on the short rows of small
     * nets (C2 does not vectorise loops of 8 iterations).
     */
    private static void dots(double[][] m, double[] b, double[] x, int n, int p, double[] out) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double[] r0 = m[i];
            double[] r1 = m[i + 1];
            double[] r2 = m[i + 2];
            double[] r3 = m[i + 3];
            double s0 = b == null ? 0 : b[i];
            double s1 = b == null ? 0 : b[i + 1];
            double s2 = b == null ? 0 : b[i + 2];
            double s3 = b == null ? 0 : b[i + 3];
            for (int j = 0; j < p; j++) {
                double xj = x[j];
                s0 += r0[j] * xj;
                s1 += r1[j] * xj;
                s2 += r2[j] * xj;
                s3 += r3[j] * xj;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < n; i++) {
            double[] r = m[i];
            double s = b == null ? 0 : b[i];
            for (int j = 0; j < p; j++) {
                s += r[j] * x[j];
            }
            out[i] = s;
        }
    }

    private static int[] checkWidths(int[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("layer " + i + " width must be >= 1, got " + widths[i]);
            }
        }
        return widths.clone();
    }

    /** Number of parameters of an architecture: Σₗ nₗ(nₗ₋₁ + 1). */
    public static int parameterCount(int[] widths) {
        long n = 0;
        for (int l = 1; l < widths.length; l++) {
            n += (long) widths[l] * (widths[l - 1] + 1);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("architecture " + Arrays.toString(widths) + " has too many parameters");
        }
        return (int) n;
    }

    /** Input dimension d. */
    public int inputs() {
        return widths[0];
    }

    /** Output dimension m. */
    public int outputs() {
        return widths[widths.length - 1];
    }

    /** Number of weight layers L + 1. */
    public int layers() {
        return widths.length - 1;
    }

    /** A copy of the widths n₀..n_{L+1}. */
    public int[] widths() {
        return widths.clone();
    }

    /** Width nₗ. */
    public int width(int l) {
        return widths[l];
    }

    /** The largest width, inputs and outputs included: the row length of a transposed layer input. */
    int widestLayer() {
        int widest = 0;
        for (int w : widths) {
            widest = Math.max(widest, w);
        }
        return widest;
    }

    /**
     * Whether training keeps layer l's weight gradient transposed, W̄ₗᵀ as nₗ₋₁ rows of nₗ, with the layer's
     * units in the vector lanes: when nₗ₋₁ &lt; nₗ (e.g. 7 inputs into 20 units: rows of 20 instead of 7, which
     * C2 leaves scalar for lack of a full register of 8). Each entry is the same sum of the same products in the
     * same order either way.
     */
    boolean weightGradientByUnit(int l) {
        return widths[l - 1] < widths[l];
    }

    /** Hidden activation. */
    public Activation hiddenActivation() {
        return hidden;
    }

    /** Output activation. */
    public Activation outputActivation() {
        return output;
    }

    /** Number of parameters. */
    public int parameterCount() {
        return params.length;
    }

    /** A copy of θ. */
    public double[] parameters() {
        return params.clone();
    }

    /** θ itself, not a copy: for {@link SobolevLoss}, which only reads it. */
    double[] parameterArray() {
        return params;
    }

    /** Offset of Wₗ (row-major nₗ×nₗ₋₁) in θ, l = 1..L+1: for the batch kernels of this package. */
    int weightOffset(int l) {
        return weightOffset[l];
    }

    /** Offset of bₗ in θ: for the batch kernels of this package. */
    int biasOffset(int l) {
        return biasOffset[l];
    }

    /**
     * One weight of the network.
     *
     * @param layer weight layer l, 1..L+1 (layer l maps the nₗ₋₁ units below to the nₗ units above)
     * @param unit  unit i of layer l, 0 ≤ i &lt; nₗ
     * @param input unit j of layer l − 1 (an input of the network for l = 1), 0 ≤ j &lt; nₗ₋₁
     * @return Wₗ[i][j]
     * @throws IllegalArgumentException if an index is out of range
     */
    public double weight(int layer, int unit, int input) {
        checkUnit(widths, layer, unit);
        checkIndex("input", input, widths[layer - 1], layer - 1);
        return params[weightOffset[layer] + unit * widths[layer - 1] + input];
    }

    /**
     * One bias of the network.
     *
     * @param layer weight layer l, 1..L+1
     * @param unit  unit i of layer l, 0 ≤ i &lt; nₗ
     * @return bₗ[i]
     * @throws IllegalArgumentException if an index is out of range
     */
    public double bias(int layer, int unit) {
        checkUnit(widths, layer, unit);
        return params[biasOffset[layer] + unit];
    }

    /**
     * The weight matrix of one layer.
     *
     * @param layer weight layer l, 1..L+1
     * @return a copy of Wₗ, nₗ rows of nₗ₋₁ entries: [i][j] is the weight from unit j below to unit i
     * @throws IllegalArgumentException if the layer is out of range
     */
    public double[][] weights(int layer) {
        checkLayer(widths, layer);
        int n = widths[layer];
        int p = widths[layer - 1];
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            int row = weightOffset[layer] + i * p;
            w[i] = Arrays.copyOfRange(params, row, row + p);
        }
        return w;
    }

    /**
     * The bias vector of one layer.
     *
     * @param layer weight layer l, 1..L+1
     * @return a copy of bₗ (length nₗ)
     * @throws IllegalArgumentException if the layer is out of range
     */
    public double[] biases(int layer) {
        checkLayer(widths, layer);
        return Arrays.copyOfRange(params, biasOffset[layer], biasOffset[layer] + widths[layer]);
    }

    private static void checkLayer(int[] widths, int layer) {
        if (layer < 1 || layer >= widths.length) {
            throw new IllegalArgumentException("layer must be in 1.." + (widths.length - 1) + ", got " + layer);
        }
    }

    private static void checkUnit(int[] widths, int layer, int unit) {
        checkLayer(widths, layer);
        checkIndex("unit", unit, widths[layer], layer);
    }

    private static void checkIndex(String name, int index, int width, int layer) {
        if (index < 0 || index >= width) {
            throw new IllegalArgumentException(name + " must be in 0.." + (width - 1) + " (layer " + layer
                    + " has " + width + " units), got " + index);
        }
    }

    /**
     * A builder of a network of this architecture that starts from this network's parameters: change some
     * weights or biases, then {@link Builder#build()}.
     *
     * @return a new builder holding a copy of θ
     */
    public Builder toBuilder() {
        return new Builder(widths, hidden, output, params);
    }

    /**
     * A builder of a network whose parameters all start at zero.
     *
     * @param widths n₀..n_{L+1}, at least input and output, each ≥ 1
     * @param hidden activation of the hidden layers
     * @param output activation of the output layer
     * @return a new builder
     * @throws IllegalArgumentException if a width is &lt; 1 or there are fewer than two
     */
    public static Builder builder(int[] widths, Activation hidden, Activation output) {
        int[] w = checkWidths(widths);
        return new Builder(w, hidden, output, new double[parameterCount(w)]);
    }

    /**
     * Sets weights and biases by layer and unit, so that callers never compute offsets into θ. Not
     * thread-safe; {@link #build()} copies, so a builder can make several networks.
     */
    public static final class Builder {
        private final int[] widths;
        private final Activation hidden;
        private final Activation output;
        private final double[] theta;
        private final int[] weightOffset;
        private final int[] biasOffset;

        private Builder(int[] widths, Activation hidden, Activation output, double[] theta) {
            this.widths = widths.clone();
            this.hidden = Objects.requireNonNull(hidden, "hidden");
            this.output = Objects.requireNonNull(output, "output");
            this.theta = theta.clone();
            int[][] offsets = offsets(widths);
            weightOffset = offsets[0];
            biasOffset = offsets[1];
        }

        /**
         * Sets one weight.
         *
         * @param layer weight layer l, 1..L+1
         * @param unit  unit i of layer l
         * @param input unit j of layer l − 1
         * @param value the new Wₗ[i][j] (checked finite by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException if an index is out of range
         */
        public Builder weight(int layer, int unit, int input, double value) {
            checkUnit(widths, layer, unit);
            checkIndex("input", input, widths[layer - 1], layer - 1);
            theta[weightOffset[layer] + unit * widths[layer - 1] + input] = value;
            return this;
        }

        /**
         * Sets one bias.
         *
         * @param layer weight layer l, 1..L+1
         * @param unit  unit i of layer l
         * @param value the new bₗ[i] (checked finite by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException if an index is out of range
         */
        public Builder bias(int layer, int unit, double value) {
            checkUnit(widths, layer, unit);
            theta[biasOffset[layer] + unit] = value;
            return this;
        }

        /**
         * The network of the parameters set so far.
         *
         * @return a new immutable network
         * @throws IllegalArgumentException if a parameter is not finite
         */
        public Mlp build() {
            return new Mlp(widths, hidden, output, theta);
        }
    }

    /** The same architecture with other parameters. */
    public Mlp withParameters(double[] theta) {
        return new Mlp(widths, hidden, output, theta);
    }

    /** The activation of weight layer l (1..L+1). */
    public Activation activation(int l) {
        return l == widths.length - 1 ? output : hidden;
    }

    /** Per-thread scratch buffers for single-point evaluation. */
    public Workspace newWorkspace() {
        return new Workspace(widths);
    }

    /** Scratch buffers sized for one architecture; not thread-safe, reusable across calls. */
    public static final class Workspace {
        final double[][] z;
        final double[][] a;
        final double[][] d1;
        final double[][] d2;
        final double[][] zDot;
        final double[][] aDot;
        final double[][] adj;
        final double[][] adjDot;
        final double[][] zBar;
        final double[][] zBarDot;
        final double[] tmp = new double[4];
        private final int[] shape;

        Workspace(int[] widths) {
            shape = widths.clone();
            z = buffers(widths);
            a = buffers(widths);
            d1 = buffers(widths);
            d2 = buffers(widths);
            zDot = buffers(widths);
            aDot = buffers(widths);
            adj = buffers(widths);
            adjDot = buffers(widths);
            zBar = buffers(widths);
            zBarDot = buffers(widths);
        }

        private static double[][] buffers(int[] widths) {
            double[][] b = new double[widths.length][];
            for (int l = 0; l < widths.length; l++) {
                b[l] = new double[widths[l]];
            }
            return b;
        }

        boolean fits(int[] widths) {
            return Arrays.equals(shape, widths);
        }
    }

    private void check(double[] x, Workspace ws) {
        if (x.length != widths[0]) {
            throw new IllegalArgumentException("input has " + x.length + " entries, the model takes " + widths[0]);
        }
        if (!ws.fits(widths)) {
            throw new IllegalArgumentException("workspace was made for another architecture");
        }
    }

    /**
     * Forward pass storing zₗ, aₗ, σ′(zₗ) and, if {@code second}, σ″(zₗ) in the workspace. The dot products use
     * four independent accumulators (a floating-point reduction is not vectorised by the JIT; four chains keep
     * the multiply-add units busy).
     */
    private void forward(double[] x, Workspace ws, boolean second) {
        Layout w = layout();
        System.arraycopy(x, 0, ws.a[0], 0, x.length);
        double[] tmp = ws.tmp;
        for (int l = 1; l < widths.length; l++) {
            int n = widths[l];
            double[] z = ws.z[l];
            dots(w.rows()[l], w.bias()[l], ws.a[l - 1], n, widths[l - 1], z);
            Activation act = activation(l);
            double[] a = ws.a[l];
            double[] d1 = ws.d1[l];
            if (!second) {
                act.valueAndFirst(z, n, a, d1, tmp);
                continue;
            }
            for (int i = 0; i < n; i++) {
                act.derivatives(z[i], tmp);
                a[i] = tmp[0];
                d1[i] = tmp[1];
                ws.d2[l][i] = tmp[2];
            }
        }
    }

    /**
     * All outputs at x.
     *
     * @param x   input (length d)
     * @param out receives the m outputs
     * @param ws  workspace of this architecture
     */
    public void values(double[] x, double[] out, Workspace ws) {
        check(x, ws);
        forward(x, ws, false);
        System.arraycopy(ws.a[widths.length - 1], 0, out, 0, outputs());
    }

    /** Output {@code k} at x. */
    public double value(double[] x, int k, Workspace ws) {
        check(x, ws);
        forward(x, ws, false);
        return ws.a[widths.length - 1][k];
    }

    /** Reverse sweep for output k after a forward pass: ws.adj[l] = ∂y_k/∂aₗ, ws.zBar[l] = ∂y_k/∂zₗ. */
    private void reverse(int k, Workspace ws) {
        Layout w = layout();
        int last = widths.length - 1;
        Arrays.fill(ws.adj[last], 0.0);
        ws.adj[last][k] = 1.0;
        for (int l = last; l >= 1; l--) {
            int n = widths[l];
            double[] zb = ws.zBar[l];
            for (int i = 0; i < n; i++) {
                zb[i] = ws.d1[l][i] * ws.adj[l][i];
            }
            dots(w.cols()[l], null, zb, widths[l - 1], n, ws.adj[l - 1]);
        }
    }

    /**
     * Output k and its input gradient ∂y_k/∂x at x (one forward, one reverse sweep; no allocation).
     *
     * @param x    input
     * @param k    output index
     * @param grad receives the d partial derivatives
     * @param ws   workspace
     * @return y_k(x)
     */
    public double valueAndGradient(double[] x, int k, double[] grad, Workspace ws) {
        check(x, ws);
        forward(x, ws, false);
        reverse(k, ws);
        System.arraycopy(ws.adj[0], 0, grad, 0, widths[0]);
        return ws.a[widths.length - 1][k];
    }

    /**
     * The hidden units' activations and their adjoints at x: {@code act[l][i]} = aₗ,ᵢ(x) and
     * {@code adj[l][i]} = ∂y_k/∂aₗ,ᵢ(x) for l = 0..L+1 (l = 0 the inputs, L+1 the outputs), as pruning
     * saliencies need them (one forward and one reverse sweep; no allocation).
     *
     * @param x   input
     * @param k   output index
     * @param act receives the activations, act[l].length ≥ nₗ
     * @param adj receives the adjoints, same shape
     * @param ws  workspace
     * @return y_k(x)
     */
    public double unitSensitivities(double[] x, int k, double[][] act, double[][] adj, Workspace ws) {
        check(x, ws);
        forward(x, ws, false);
        reverse(k, ws);
        for (int l = 0; l < widths.length; l++) {
            System.arraycopy(ws.a[l], 0, act[l], 0, widths[l]);
            System.arraycopy(ws.adj[l], 0, adj[l], 0, widths[l]);
        }
        return ws.a[widths.length - 1][k];
    }

    /**
     * Hessian–vector product H·v of output k at x, H = ∂²y_k/∂x², by forward-over-reverse: the tangents along
     * v of the forward pass (żₗ = Wₗȧₗ₋₁, ȧₗ = σ′żₗ) and of the reverse pass
     * (z̄̇ₗ = σ″żₗāₗ + σ′ā̇ₗ, ā̇ₗ₋₁ = Wₗᵀz̄̇ₗ). No allocation.
     *
     * @param x   input
     * @param v   direction (length d)
     * @param k   output index
     * @param out receives H·v (length d)
     * @param ws  workspace
     * @return y_k(x)
     */
    public double hessianVector(double[] x, double[] v, int k, double[] out, Workspace ws) {
        check(x, ws);
        if (v.length != widths[0]) {
            throw new IllegalArgumentException("direction has " + v.length + " entries, the model takes " + widths[0]);
        }
        forward(x, ws, true);
        int last = widths.length - 1;
        Layout w = layout();
        // forward tangents along v: żₗ = Wₗȧₗ₋₁, ȧₗ = σ′(zₗ)żₗ, ȧ₀ = v
        System.arraycopy(v, 0, ws.aDot[0], 0, v.length);
        for (int l = 1; l <= last; l++) {
            int n = widths[l];
            dots(w.rows()[l], null, ws.aDot[l - 1], n, widths[l - 1], ws.zDot[l]);
            for (int i = 0; i < n; i++) {
                ws.aDot[l][i] = ws.d1[l][i] * ws.zDot[l][i];
            }
        }
        // reverse sweep and its tangent: z̄ₗ = σ′āₗ, z̄̇ₗ = σ″żₗāₗ + σ′ā̇ₗ, āₗ₋₁ = Wₗᵀz̄ₗ, ā̇ₗ₋₁ = Wₗᵀz̄̇ₗ
        Arrays.fill(ws.adj[last], 0.0);
        Arrays.fill(ws.adjDot[last], 0.0);
        ws.adj[last][k] = 1.0;
        for (int l = last; l >= 1; l--) {
            int n = widths[l];
            double[] zb = ws.zBar[l];
            double[] zbDot = ws.zBarDot[l];
            for (int i = 0; i < n; i++) {
                double abar = ws.adj[l][i];
                zb[i] = ws.d1[l][i] * abar;
                zbDot[i] = ws.d2[l][i] * ws.zDot[l][i] * abar + ws.d1[l][i] * ws.adjDot[l][i];
            }
            dots(w.cols()[l], null, zb, widths[l - 1], n, ws.adj[l - 1]);
            dots(w.cols()[l], null, zbDot, widths[l - 1], n, ws.adjDot[l - 1]);
        }
        System.arraycopy(ws.adjDot[0], 0, out, 0, widths[0]);
        return ws.a[last][k];
    }
}
