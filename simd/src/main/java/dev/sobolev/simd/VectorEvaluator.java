package dev.sobolev.simd;

import java.util.Arrays;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.PointEvaluator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-point value and input gradient of an {@link Mlp} on SIMD registers (the JDK Vector API, incubating
 * in Java 17): the same forward sweep zₗ = Wₗaₗ₋₁ + bₗ, aₗ = σ(zₗ) and reverse sweep z̄ₗ = σ′(zₗ)⊙āₗ,
 * āₗ₋₁ = Wₗᵀz̄ₗ as {@link Mlp#valueAndGradient}, with V = {@link DoubleVector#SPECIES_PREFERRED} units of a
 * layer per instruction (V = 8 with AVX-512, 4 with AVX2).
 *
 * <p>Each layer's weights are packed twice, zero-padded to a multiple of V units: column-major for the
 * forward sweep (unit chunk += Wₗ[chunk, i]·aₗ₋₁,ᵢ, one broadcast fused multiply-add per input i) and
 * row-major for the reverse sweep (input chunk += Wₗ[j, chunk]·z̄ₗ,ⱼ); when every layer fits one register
 * the sweeps run straight-line code with the product in registers. Four accumulators per chunk break the
 * dependency chain of the multiply-adds, which is what bounds a 7→8×6→1 net: the sweeps are one chain
 * through the layers, each layer a chain of fused multiply-adds and, for the logistic family, one vector
 * exponential ({@link VectorMath}, the same bits in the interpreter and the JIT) and one division. The
 * activations are those of {@link Activation#valueAndFirst(double, double[])} on lanes, with relative
 * accuracy kept in both tails (see {@link #activate}); tanh and GELU go lane by lane through the scalar form.
 * Results agree with the scalar passes to rounding: sums run in another order and the vector exponential is
 * within 2 ulps of {@link Math#exp}.
 *
 * <p>Not thread-safe: an instance owns its packed weights and buffers and is confined to one thread;
 * {@link dev.sobolev.surrogate.nn.Surrogate} gives each thread its own. No allocation per call: no vector
 * crosses a method boundary, so the JIT keeps them all in registers (checked with JMH {@code -prof gc}).
 */
final class VectorEvaluator implements PointEvaluator {
    private static final VectorSpecies<Double> S = VectorMath.S;
    private static final int V = S.length();

    private final int[] n;
    private final int[] p;
    private final Activation[] act;
    private final double[][] fwd;
    private final double[][] bwd;
    private final double[][] bias;
    private final double[][] a;
    private final double[][] d1;
    private final double[] zb;
    private final double[] adjA;
    private final double[] adjB;
    private final double[] lane = new double[2];
    private final double[] ex;
    /** Every layer fits one register (nₗ ≤ V): the straight-line sweeps of {@link #forwardNarrow}. */
    private final boolean narrow;

    private VectorEvaluator(Mlp net) {
        n = net.widths();
        int layers = n.length - 1;
        p = new int[n.length];
        int widest = 0;
        for (int l = 0; l < n.length; l++) {
            p[l] = (n[l] + V - 1) / V * V;
            widest = Math.max(widest, p[l]);
        }
        act = new Activation[layers + 1];
        fwd = new double[layers + 1][];
        bwd = new double[layers + 1][];
        bias = new double[layers + 1][];
        a = new double[layers + 1][];
        d1 = new double[layers + 1][];
        a[0] = new double[p[0]];
        for (int l = 1; l <= layers; l++) {
            act[l] = net.activation(l);
            int out = n[l];
            int in = n[l - 1];
            fwd[l] = new double[in * p[l]];
            bwd[l] = new double[out * p[l - 1]];
            bias[l] = new double[p[l]];
            int w = net.weightOffset(l);
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    double wji = net.parameter(w + j * in + i);
                    fwd[l][i * p[l] + j] = wji;
                    bwd[l][j * p[l - 1] + i] = wji;
                }
                bias[l][j] = net.parameter(net.biasOffset(l) + j);
            }
            a[l] = new double[p[l]];
            d1[l] = new double[p[l]];
        }
        narrow = widest == V;
        ex = new double[widest];
        zb = new double[widest];
        adjA = new double[widest];
        adjB = new double[widest];
    }

    /** An evaluator of the network for the calling thread. */
    static PointEvaluator of(Mlp net) {
        return new VectorEvaluator(net);
    }

    /** Register width in bits of the species in use. */
    static int laneBits() {
        return S.vectorBitSize();
    }

    @Override
    public double value(double[] x, int k) {
        forward(x, k);
        return a[n.length - 1][k];
    }

    @Override
    public double valueAndGradient(double[] x, int k, double[] grad) {
        forward(x, k);
        int last = n.length - 1;
        // output layer: only z̄_k = σ′(z_k) is non-zero, so āₗ₋₁ = z̄_k·(row k of W)
        double[] cur = adjA;
        DoubleVector zk = DoubleVector.broadcast(S, d1[last][k]);
        int pin = p[last - 1];
        for (int c = 0; c < pin; c += V) {
            DoubleVector.fromArray(S, bwd[last], k * pin + c).mul(zk).intoArray(cur, c);
        }
        if (narrow) {
            DoubleVector ad = DoubleVector.fromArray(S, cur, 0);
            for (int l = last - 1; l >= 1; l--) {
                ad.mul(DoubleVector.fromArray(S, d1[l], 0)).intoArray(zb, 0);
                double[] m = bwd[l];
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = DoubleVector.zero(S);
                DoubleVector s2 = DoubleVector.zero(S);
                DoubleVector s3 = DoubleVector.zero(S);
                int j = 0;
                for (; j + 3 < n[l]; j += 4) {
                    s0 = DoubleVector.fromArray(S, m, j * V).fma(DoubleVector.broadcast(S, zb[j]), s0);
                    s1 = DoubleVector.fromArray(S, m, (j + 1) * V).fma(DoubleVector.broadcast(S, zb[j + 1]), s1);
                    s2 = DoubleVector.fromArray(S, m, (j + 2) * V).fma(DoubleVector.broadcast(S, zb[j + 2]), s2);
                    s3 = DoubleVector.fromArray(S, m, (j + 3) * V).fma(DoubleVector.broadcast(S, zb[j + 3]), s3);
                }
                for (; j < n[l]; j++) {
                    s0 = DoubleVector.fromArray(S, m, j * V).fma(DoubleVector.broadcast(S, zb[j]), s0);
                }
                ad = s0.add(s1).add(s2.add(s3));
            }
            ad.intoArray(cur, 0);
            System.arraycopy(cur, 0, grad, 0, n[0]);
            return a[last][k];
        }
        for (int l = last - 1; l >= 1; l--) {
            int pout = p[l];
            for (int c = 0; c < pout; c += V) {
                DoubleVector.fromArray(S, cur, c).mul(DoubleVector.fromArray(S, d1[l], c)).intoArray(zb, c);
            }
            double[] next = cur == adjA ? adjB : adjA;
            multiplyAdd(bwd[l], p[l - 1], zb, n[l], null, next);
            cur = next;
        }
        System.arraycopy(cur, 0, grad, 0, n[0]);
        return a[last][k];
    }

    private void forward(double[] x, int k) {
        if (x.length != n[0]) {
            throw new IllegalArgumentException("input has " + x.length + " entries, the model takes " + n[0]);
        }
        if (k < 0 || k >= n[n.length - 1]) {
            throw new IllegalArgumentException("output index k must be in [0, " + n[n.length - 1] + "), got " + k);
        }
        System.arraycopy(x, 0, a[0], 0, n[0]);
        if (narrow) {
            forwardNarrow();
            return;
        }
        for (int l = 1; l < n.length; l++) {
            multiplyAdd(fwd[l], p[l], a[l - 1], n[l - 1], bias[l], a[l]);
            activate(act[l], a[l], d1[l], p[l]);
        }
    }

    /**
     * The forward sweep when every layer is one register: the product in four registers from the bias load
     * to the store of zₗ, written out in this method because a vector passed to or returned from a call the
     * JIT does not inline is boxed on the heap (a shared helper made this path twice as slow).
     */
    private void forwardNarrow() {
        for (int l = 1; l < n.length; l++) {
            double[] m = fwd[l];
            double[] in = a[l - 1];
            int count = n[l - 1];
            DoubleVector s0 = DoubleVector.fromArray(S, bias[l], 0);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            int i = 0;
            for (; i + 3 < count; i += 4) {
                s0 = DoubleVector.fromArray(S, m, i * V).fma(DoubleVector.broadcast(S, in[i]), s0);
                s1 = DoubleVector.fromArray(S, m, (i + 1) * V).fma(DoubleVector.broadcast(S, in[i + 1]), s1);
                s2 = DoubleVector.fromArray(S, m, (i + 2) * V).fma(DoubleVector.broadcast(S, in[i + 2]), s2);
                s3 = DoubleVector.fromArray(S, m, (i + 3) * V).fma(DoubleVector.broadcast(S, in[i + 3]), s3);
            }
            for (; i < count; i++) {
                s0 = DoubleVector.fromArray(S, m, i * V).fma(DoubleVector.broadcast(S, in[i]), s0);
            }
            s0.add(s1).add(s2.add(s3)).intoArray(a[l], 0);
            activate(act[l], a[l], d1[l], V);
        }
    }

    /**
     * out[c..c+V) = b[c..c+V) + Σᵢ m[i·stride + c..]·s[i] for every chunk c &lt; stride, i &lt; count (b null:
     * no bias): the packed matrix–vector product of both sweeps, four accumulation chains per chunk.
     */
    private static void multiplyAdd(double[] m, int stride, double[] s, int count, double[] b, double[] out) {
        for (int c = 0; c < stride; c += V) {
            DoubleVector s0 = b == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, b, c);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            int i = 0;
            for (; i + 3 < count; i += 4) {
                int o = i * stride + c;
                s0 = DoubleVector.fromArray(S, m, o).fma(DoubleVector.broadcast(S, s[i]), s0);
                s1 = DoubleVector.fromArray(S, m, o + stride).fma(DoubleVector.broadcast(S, s[i + 1]), s1);
                s2 = DoubleVector.fromArray(S, m, o + 2 * stride).fma(DoubleVector.broadcast(S, s[i + 2]), s2);
                s3 = DoubleVector.fromArray(S, m, o + 3 * stride).fma(DoubleVector.broadcast(S, s[i + 3]), s3);
            }
            for (; i < count; i++) {
                s0 = DoubleVector.fromArray(S, m, i * stride + c).fma(DoubleVector.broadcast(S, s[i]), s0);
            }
            s0.add(s1).add(s2.add(s3)).intoArray(out, c);
        }
    }

    /**
     * a, d1 ← σ(z), σ′(z) in place over the padded width (z arrives in a), the kind decided once per layer.
     * The logistic family uses one exponential per lane. For σ and SiLU it is e = e^{−z}: σ = 1/(1 + e) and
     * 1 − σ = e·σ are then both free of cancellation, so σ′ = σ(1 − σ) keeps its relative accuracy in both
     * tails; where e overflows (z &lt; −709.78) σ = 0 and 1 − σ is taken as 1. Softplus needs ln(1 + e^{−|z|})
     * and takes e = e^{−|z|} ≤ 1. Tanh and GELU run lane by lane on the scalar forms: a vector tanh needs
     * expm1 for small |z| and GELU an erfc, and neither activation is in the papers' recipes.
     */
    private void activate(Activation f, double[] za, double[] d, int width) {
        switch (f) {
            case IDENTITY -> Arrays.fill(d, 0, width, 1.0);
            case RELU -> {
                for (int c = 0; c < width; c += V) {
                    DoubleVector z = DoubleVector.fromArray(S, za, c);
                    DoubleVector.zero(S).blend(1.0, z.compare(VectorOperators.GT, 0.0)).intoArray(d, c);
                    z.max(0.0).intoArray(za, c);
                }
            }
            case SIGMOID, SILU -> {
                boolean silu = f == Activation.SILU;
                for (int c = 0; c < width; c += V) {
                    DoubleVector z = DoubleVector.fromArray(S, za, c);
                    z.neg().intoArray(ex, c);
                    VectorMath.exp(ex, c, ex, c);
                    DoubleVector e = DoubleVector.fromArray(S, ex, c);
                    DoubleVector s = DoubleVector.broadcast(S, 1.0).div(e.add(1.0));
                    DoubleVector t = e.mul(s).blend(1.0, e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
                    if (silu) {
                        z.mul(s).intoArray(za, c);
                        z.fma(t, DoubleVector.broadcast(S, 1.0)).mul(s).intoArray(d, c);
                    } else {
                        s.intoArray(za, c);
                        s.mul(t).intoArray(d, c);
                    }
                }
            }
            case SOFTPLUS -> {
                for (int c = 0; c < width; c += V) {
                    DoubleVector z = DoubleVector.fromArray(S, za, c);
                    z.abs().neg().intoArray(ex, c);
                    VectorMath.exp(ex, c, ex, c);
                    DoubleVector e = DoubleVector.fromArray(S, ex, c);
                    DoubleVector t = e.div(e.add(1.0));
                    t.blend(t.neg().add(1.0), z.compare(VectorOperators.GE, 0.0)).intoArray(d, c);
                    VectorMath.log1pUnit(ex, c, ex, c);
                    z.max(0.0).add(DoubleVector.fromArray(S, ex, c)).intoArray(za, c);
                }
            }
            default -> {
                for (int q = 0; q < width; q++) {
                    f.valueAndFirst(za[q], lane);
                    za[q] = lane[0];
                    d[q] = lane[1];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "VectorEvaluator" + Arrays.toString(n) + " on " + V + " lanes";
    }
}
