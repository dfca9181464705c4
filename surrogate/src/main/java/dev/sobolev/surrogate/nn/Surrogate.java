package dev.sobolev.surrogate.nn;

import java.util.Objects;

/**
 * A trained surrogate in the units of its data: y = μ_y + σ_y·net((x − μₓ)/σₓ). The single-point calls are
 * thread-safe (each thread gets its own evaluator and workspace) and allocate nothing after a thread's first
 * call. Trading systems use it through {@code dev.sobolev.surrogate.api.Pricer}, which adds input checks and
 * the training domain. Values and gradients go through a {@link PointEvaluator} of the
 * provider chosen at construction (by default {@link PointEvaluators#preferred()}: the SIMD kernel of the
 * {@code sobolev-simd} module when the JVM offers the Vector API, else the scalar passes of {@link Mlp});
 * Hessian–vector products through {@link Mlp#hessianVector}.
 *
 * <p>The scaling multiplies by 1/σₓ and by σ_y/σₓⱼ, both formed once here, instead of dividing per call: a
 * division costs several multiplications, and a 7-input value-and-gradient call would need fourteen.
 */
public final class Surrogate {
    private final Mlp net;
    private final Normalisation norm;
    private final PointEvaluatorProvider provider;
    private final ThreadLocal<Buffers> buffers;
    /** 1/σₓⱼ. */
    private final double[] inverseXStd;
    /** σ_y,k/σₓⱼ at [k·d + j]: the factor from a normalised gradient to data units. */
    private final double[] gradientScale;
    /** The all-ones direction of {@link #gamma}. */
    private final double[] ones;

    /** Points a batch call scales and evaluates at a time (the size of its per-thread buffers). */
    private static final int CHUNK = 64;

    private static final class Buffers {
        final PointEvaluator eval;
        final Mlp.Workspace ws;
        final double[] x;
        final double[] v;
        final double[] g;
        /** A batch chunk: inputs, values and gradients of {@link #CHUNK} points, made on the first batch call. */
        double[] chunkX;
        double[] chunkY;
        double[] chunkG;

        Buffers(Mlp net, PointEvaluatorProvider provider) {
            eval = provider.create(net);
            ws = net.newWorkspace();
            x = new double[net.inputs()];
            v = new double[net.inputs()];
            g = new double[net.inputs()];
        }
    }

    /**
     * @param net  the network in normalised units
     * @param norm the scaling of its inputs and outputs
     */
    public Surrogate(Mlp net, Normalisation norm) {
        this(net, norm, PointEvaluators.preferred());
    }

    /**
     * @param net      the network in normalised units
     * @param norm     the scaling of its inputs and outputs
     * @param provider the single-point evaluator (must be {@link PointEvaluatorProvider#available() available})
     * @throws IllegalArgumentException if the provider is not available in this JVM, or the scaling does not
     *                                  match the network
     */
    public Surrogate(Mlp net, Normalisation norm, PointEvaluatorProvider provider) {
        this.net = Objects.requireNonNull(net, "net");
        this.norm = Objects.requireNonNull(norm, "norm");
        if (norm.inputs() != net.inputs() || norm.outputs() != net.outputs()) {
            throw new IllegalArgumentException("normalisation does not match the network's " + net.inputs()
                    + " inputs and " + net.outputs() + " outputs");
        }
        this.provider = Objects.requireNonNull(provider, "provider");
        if (!provider.available()) {
            throw new IllegalArgumentException("point evaluator " + provider.name() + " is not available in this JVM");
        }
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(net, provider));
        int d = net.inputs();
        inverseXStd = new double[d];
        gradientScale = new double[net.outputs() * d];
        ones = new double[d];
        java.util.Arrays.fill(ones, 1.0);
        for (int j = 0; j < d; j++) {
            inverseXStd[j] = 1 / norm.xStd(j);
            for (int k = 0; k < net.outputs(); k++) {
                gradientScale[k * d + j] = norm.yStd(k) / norm.xStd(j);
            }
        }
    }

    /** The name of the single-point evaluator in use ({@link PointEvaluatorProvider#name()}). */
    public String evaluator() {
        return provider.name();
    }

    /** The network (normalised units). */
    public Mlp network() {
        return net;
    }

    /** The scaling. */
    public Normalisation normalisation() {
        return norm;
    }

    /** Input dimension. */
    public int inputs() {
        return net.inputs();
    }

    /** Output dimension. */
    public int outputs() {
        return net.outputs();
    }

    private Buffers load(double[] x, int k) {
        if (k < 0 || k >= net.outputs()) {
            throw new IllegalArgumentException("output index k must be in [0, " + net.outputs() + "), got " + k);
        }
        if (x.length != net.inputs()) {
            throw new IllegalArgumentException("input has " + x.length + " entries, the model takes " + net.inputs());
        }
        Buffers b = buffers.get();
        scaleInput(x, 0, b.x, 0);
        return b;
    }

    /** dst[to + j] = (src[from + j] − μₓⱼ)/σₓⱼ for j &lt; d (by the reciprocal). */
    private void scaleInput(double[] src, int from, double[] dst, int to) {
        for (int j = 0; j < inverseXStd.length; j++) {
            dst[to + j] = (src[from + j] - norm.xMean(j)) * inverseXStd[j];
        }
    }

    /** μ_y,k + σ_y,k·y: output k of the network in data units. */
    private double toData(double y, int k) {
        return norm.yMean(k) + norm.yStd(k) * y;
    }

    /** dst[to + j] = src[from + j]·σ_y,k/σₓⱼ for j &lt; d: a gradient of output k in data units. */
    private void scaleGradient(double[] src, int from, int k, double[] dst, int to) {
        int d = inverseXStd.length;
        for (int j = 0; j < d; j++) {
            dst[to + j] = src[from + j] * gradientScale[k * d + j];
        }
    }

    /** Output 0 at x. */
    public double value(double[] x) {
        return value(x, 0);
    }

    /** Output k at x. */
    public double value(double[] x, int k) {
        Buffers b = load(x, k);
        return toData(b.eval.value(b.x, k), k);
    }

    /**
     * Output k and its gradient ∂y_k/∂x in data units.
     *
     * @param x    input
     * @param k    output
     * @param grad receives d partial derivatives
     * @return y_k(x)
     */
    public double valueAndGradient(double[] x, int k, double[] grad) {
        Buffers b = load(x, k);
        if (grad.length < x.length) {
            throw new IllegalArgumentException("grad has " + grad.length + " entries, needs " + x.length);
        }
        double y = b.eval.valueAndGradient(b.x, k, b.g);
        scaleGradient(b.g, 0, k, grad, 0);
        return toData(y, k);
    }

    /**
     * Output k and its gradient at many points, in data units: a book of positions revalued and hedged in one
     * call. Per point the same bits as {@link #valueAndGradient(double[], int, double[])}; the SIMD evaluator
     * takes V points at a time in its lanes, bound by throughput rather than by one point's latency chain
     * (benchmarks/RESULTS.md). Thread-safe; no allocation after a thread's first batch call, whatever the
     * number of points.
     *
     * @param xs     points row by row (n × d), not modified
     * @param k      output
     * @param values receives y_k(xₚ) at [p] (length ≥ n)
     * @param grads  receives ∂y_k/∂xⱼ at xₚ at [p·d + j] (length ≥ n·d), or null for the values alone
     * @throws IllegalArgumentException if xs is not a whole number of points, an output array is too short or
     *                                  k is out of range
     */
    public void valuesAndGradients(double[] xs, int k, double[] values, double[] grads) {
        int d = net.inputs();
        if (xs.length % d != 0) {
            throw new IllegalArgumentException("xs has " + xs.length + " entries, not a whole number of points of "
                    + d + " inputs");
        }
        valuesAndGradients(xs, xs.length / d, k, values, grads);
    }

    /**
     * As {@link #valuesAndGradients(double[], int, double[], double[])} for the first {@code points} rows of
     * {@code xs}, which may be longer (a reused buffer).
     *
     * @param xs     at least points × d inputs row by row, not modified
     * @param points number of points n ≥ 0
     * @param k      output
     * @param values receives y_k(xₚ) at [p] (length ≥ n)
     * @param grads  receives ∂y_k/∂xⱼ at xₚ at [p·d + j] (length ≥ n·d), or null for the values alone
     * @throws IllegalArgumentException if n &lt; 0, xs or an output array is too short or k is out of range
     */
    public void valuesAndGradients(double[] xs, int points, int k, double[] values, double[] grads) {
        int d = net.inputs();
        PointEvaluators.checkBatch(d, net.outputs(), xs, points, k, values, grads);
        Buffers b = buffers.get();
        if (b.chunkX == null) {
            b.chunkX = new double[CHUNK * d];
            b.chunkY = new double[CHUNK];
            b.chunkG = new double[CHUNK * d];
        }
        for (int p0 = 0; p0 < points; p0 += CHUNK) {
            int count = Math.min(CHUNK, points - p0);
            for (int q = 0; q < count; q++) {
                scaleInput(xs, (p0 + q) * d, b.chunkX, q * d);
            }
            b.eval.valuesAndGradients(b.chunkX, count, k, b.chunkY, grads == null ? null : b.chunkG);
            for (int q = 0; q < count; q++) {
                values[p0 + q] = toData(b.chunkY[q], k);
                if (grads != null) {
                    scaleGradient(b.chunkG, q * d, k, grads, (p0 + q) * d);
                }
            }
        }
    }

    /** Output 0 and its gradient. */
    public double valueAndGradient(double[] x, double[] grad) {
        return valueAndGradient(x, 0, grad);
    }

    /**
     * H·v of output k in data units.
     *
     * @param x   input
     * @param v   direction
     * @param k   output
     * @param out receives H·v
     * @return y_k(x)
     */
    public double hessianVector(double[] x, double[] v, int k, double[] out) {
        Buffers b = load(x, k);
        if (v.length != b.v.length) {
            throw new IllegalArgumentException("direction has " + v.length + " entries, the model takes " + b.v.length);
        }
        if (out.length < v.length) {
            throw new IllegalArgumentException("out has " + out.length + " entries, needs " + v.length);
        }
        for (int j = 0; j < v.length; j++) {
            b.v[j] = v[j] * inverseXStd[j];
        }
        double y = net.hessianVector(b.x, b.v, k, b.g, b.ws);
        scaleGradient(b.g, 0, k, out, 0);
        return toData(y, k);
    }

    /** H·v of output 0. */
    public double hessianVector(double[] x, double[] v, double[] out) {
        return hessianVector(x, v, 0, out);
    }

    /**
     * The gamma 1ᵀH1 = Σᵢⱼ ∂²y_k/∂xᵢ∂xⱼ of output k in data units: the second derivative along a parallel shift of
     * all inputs, the figure a test set's {@code gamma} labels hold. One forward-over-reverse sweep
     * ({@link #hessianVector} along the all-ones vector), summed in input order.
     *
     * @param x   input
     * @param k   output
     * @param hv  receives H·1 (length ≥ d)
     * @return 1ᵀH1
     */
    public double gamma(double[] x, int k, double[] hv) {
        hessianVector(x, ones, k, hv);
        double s = 0;
        for (int j = 0; j < ones.length; j++) {
            s += hv[j];
        }
        return s;
    }
}
