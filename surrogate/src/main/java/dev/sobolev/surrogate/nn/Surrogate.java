package dev.sobolev.surrogate.nn;

import java.util.Objects;

/**
 * A trained surrogate in the units of its data: y = μ_y + σ_y·net((x − μₓ)/σₓ). The single-point calls are
 * thread-safe (each thread gets its own evaluator and workspace) and allocate nothing after a thread's first
 * call: the library API for trading systems. Values and gradients go through a {@link PointEvaluator} of the
 * provider chosen at construction (by default {@link PointEvaluators#preferred()}: the SIMD kernel of the
 * {@code sobolev-simd} module when the JVM offers the Vector API, else the scalar passes of {@link Mlp});
 * Hessian–vector products through {@link Mlp#hessianVector}.
 *
 * <p>The scaling multiplies by 1/σₓ and by σ_y/σₓⱼ, both formed once here, instead of dividing per call: the
 * fourteen divisions of a 7-input value-and-gradient call were ≈ 20 ns of its ≈ 330 (docs/DESIGN.md "simd").
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

    private static final class Buffers {
        final PointEvaluator eval;
        final Mlp.Workspace ws;
        final double[] x;
        final double[] v;
        final double[] g;

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
        if (norm.toArrays()[0].length != net.inputs() || norm.toArrays()[2].length != net.outputs()) {
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
        for (int j = 0; j < x.length; j++) {
            b.x[j] = (x[j] - norm.xMean(j)) * inverseXStd[j];
        }
        return b;
    }

    /** Output 0 at x. */
    public double value(double[] x) {
        return value(x, 0);
    }

    /** Output k at x. */
    public double value(double[] x, int k) {
        Buffers b = load(x, k);
        return norm.yMean(k) + norm.yStd(k) * b.eval.value(b.x, k);
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
        int d = b.g.length;
        for (int j = 0; j < d; j++) {
            grad[j] = b.g[j] * gradientScale[k * d + j];
        }
        return norm.yMean(k) + norm.yStd(k) * y;
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
        int d = v.length;
        for (int j = 0; j < d; j++) {
            b.v[j] = v[j] * inverseXStd[j];
        }
        double y = net.hessianVector(b.x, b.v, k, b.g, b.ws);
        for (int j = 0; j < d; j++) {
            out[j] = b.g[j] * gradientScale[k * d + j];
        }
        return norm.yMean(k) + norm.yStd(k) * y;
    }

    /** H·v of output 0. */
    public double hessianVector(double[] x, double[] v, double[] out) {
        return hessianVector(x, v, 0, out);
    }
}
