package dev.sobolev.simd;

import java.util.Arrays;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.PointEvaluator;
import dev.sobolev.surrogate.nn.PointEvaluators;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
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
 * row-major for the reverse sweep (input chunk += Wₗ[j, chunk]·z̄ₗ,ⱼ). Four accumulators per chunk break
 * the dependency chain of the multiply-adds, which is what bounds a 7→8×6→1 net: the sweeps are one chain
 * through the layers, each layer a chain of fused multiply-adds and, for the logistic family, one vector
 * exponential (the same bits in the interpreter and the JIT) and one division (softplus: three). The
 * activations are those of {@link Activation#valueAndFirst(double, double[])} on lanes, with relative accuracy
 * kept in both tails (see {@link #forwardLayers}); tanh and GELU go lane by lane through the scalar form.
 * Results agree with the scalar passes to rounding, not bitwise: sums run in another order, with fused
 * multiply-adds (one rounding) where the scalar passes round the product and the sum, and the vector
 * exponential is within 2 ulps of {@link Math#exp}.
 *
 * <p>Not thread-safe: an instance owns its packed weights and buffers and is confined to one thread;
 * {@link dev.sobolev.surrogate.nn.Surrogate} gives each thread its own. No allocation per call: no vector
 * crosses a method boundary, so the JIT keeps them all in registers (checked with JMH {@code -prof gc}).
 */
final class VectorEvaluator implements PointEvaluator {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final double LOG2_E = 1.4426950408889634;
    /** −ln 2 split as in fdlibm: the high part has 21 trailing zero bits, so k·LN2_HI is exact for |k| &lt; 2¹¹. */
    private static final double NEG_LN2_HI = -6.93147180369123816490e-01;
    private static final double NEG_LN2_LO = -1.90821492927058770002e-10;
    private static final long SIGN_BIT = Long.MIN_VALUE;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /*
     * Eᵢ = 1/i! for i = 0..13: the Taylor polynomial of eʳ, |r| ≤ ln2/2, truncation below 5·10⁻¹⁸. Fields, not
     * an array: the JIT takes a static final double as a constant, while an array's entries are loads that it
     * keeps in registers across the layer, which would push the layer's sum out to the stack and back on the
     * dependency chain.
     */
    private static final double E0 = inverseFactorial(0);
    private static final double E1 = inverseFactorial(1);
    private static final double E2 = inverseFactorial(2);
    private static final double E3 = inverseFactorial(3);
    private static final double E4 = inverseFactorial(4);
    private static final double E5 = inverseFactorial(5);
    private static final double E6 = inverseFactorial(6);
    private static final double E7 = inverseFactorial(7);
    private static final double E8 = inverseFactorial(8);
    private static final double E9 = inverseFactorial(9);
    private static final double E10 = inverseFactorial(10);
    private static final double E11 = inverseFactorial(11);
    private static final double E12 = inverseFactorial(12);
    private static final double E13 = inverseFactorial(13);
    /** 1/(2i + 3) for i = 15 down to 0: (atanh(s) − s)/s³ in powers of s², s ≤ 1/3, truncation below 2·10⁻¹⁷. */
    private static final double[] ATANH = atanhSeries();

    private final int[] n;
    private final int[] p;
    private final Activation[] act;
    private final double[][] fwd;
    private final double[][] bwd;
    private final double[][] bias;
    /** Single point: aₗ for l ≥ 1 (the first layer reads the caller's input, not a copy of it). */
    private final double[][] a;
    private final double[][] d1;
    private final double[] adjA;
    private final double[] adjB;
    /**
     * Single point, reverse sweep: whether the step at layer l (āₗ₋₁ = Wₗᵀz̄ₗ) runs on registers, which needs 8
     * lanes, 8 units in layer l and at most 8 inputs, so that āₗ and āₗ₋₁ are one register each.
     */
    private final boolean[] inRegister;
    private final double[] lane = new double[2];
    /** Batch mode (V points in the lanes): aₗ and σ′(zₗ) at [u·V + q] for unit u, point q; made on first use. */
    private double[][] batchA;
    private double[][] batchD1;
    /** bₗ,ᵤ in all V lanes of unit u, the start of a batch's sums. */
    private double[][] batchBias;
    private double[] batchAdjA;
    private double[] batchAdjB;

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
        for (int l = 1; l <= layers; l++) {
            act[l] = net.activation(l);
            int out = n[l];
            int in = n[l - 1];
            fwd[l] = new double[in * p[l]];
            bwd[l] = new double[out * p[l - 1]];
            bias[l] = new double[p[l]];
            double[][] w = net.weights(l);
            double[] b = net.biases(l);
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    double wji = w[j][i];
                    fwd[l][i * p[l] + j] = wji;
                    bwd[l][j * p[l - 1] + i] = wji;
                }
                bias[l][j] = b[j];
            }
            a[l] = new double[p[l]];
            d1[l] = new double[p[l]];
        }
        adjA = new double[widest];
        adjB = new double[widest];
        inRegister = new boolean[layers + 1];
        for (int l = 1; l < layers; l++) {
            inRegister[l] = V == 8 && n[l] == 8 && p[l - 1] == 8;
        }
    }

    /** 1/i!, with i! exact in a double for i ≤ 18. */
    private static double inverseFactorial(int i) {
        double f = 1;
        for (int j = 2; j <= i; j++) {
            f *= j;
        }
        return 1 / f;
    }

    private static double[] atanhSeries() {
        double[] c = new double[16];
        for (int i = 0; i < c.length; i++) {
            c[c.length - 1 - i] = 1.0 / (2 * i + 3);
        }
        return c;
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
        System.arraycopy(reverse(k, false), 0, grad, 0, n[0]);
        return a[n.length - 1][k];
    }

    /**
     * V points at a time in the lanes (docs/DESIGN.md "simd", "Books of points"): the same operations per lane as
     * {@link #valueAndGradient}, so the same bits per point; a last block of fewer points repeats its last point
     * in the spare lanes.
     */
    @Override
    public void valuesAndGradients(double[] x, int count, int k, double[] values, double[] grads) {
        int d = n[0];
        int last = n.length - 1;
        PointEvaluators.checkBatch(d, n[last], x, count, k, values, grads);
        if (batchA == null) {
            allocateBatch();
        }
        double[] in = batchA[0];
        for (int p0 = 0; p0 < count; p0 += V) {
            int lanes = Math.min(V, count - p0);
            for (int q = 0; q < V; q++) {
                int row = (p0 + Math.min(q, lanes - 1)) * d;
                for (int i = 0; i < d; i++) {
                    in[i * V + q] = x[row + i];
                }
            }
            forwardLayers(true, in);
            System.arraycopy(batchA[last], k * V, values, p0, lanes);
            if (grads != null) {
                double[] g = reverse(k, true);
                for (int q = 0; q < lanes; q++) {
                    for (int i = 0; i < d; i++) {
                        grads[(p0 + q) * d + i] = g[i * V + q];
                    }
                }
            }
        }
    }

    private void allocateBatch() {
        int widest = 0;
        batchA = new double[n.length][];
        batchD1 = new double[n.length][];
        for (int l = 0; l < n.length; l++) {
            batchA[l] = new double[n[l] * V];
            batchD1[l] = new double[n[l] * V];
            widest = Math.max(widest, n[l]);
        }
        batchAdjA = new double[widest * V];
        batchAdjB = new double[widest * V];
        batchBias = new double[n.length][];
        for (int l = 1; l < n.length; l++) {
            batchBias[l] = new double[n[l] * V];
            for (int u = 0; u < n[l]; u++) {
                Arrays.fill(batchBias[l], u * V, (u + 1) * V, bias[l][u]);
            }
        }
    }

    /**
     * The reverse sweep for output k after a forward sweep: āₗ₋₁ = Wₗᵀz̄ₗ, z̄ₗ = āₗ⊙σ′(zₗ), from the output
     * layer, where only z̄_k = σ′(z_k) is non-zero (āₗ₋₁ = z̄_k·row k of W), down to ā₀, which it returns (one of
     * two scratch arrays; the single point's lanes are the inputs, a batch's [i·V + q]). For a single point
     * with 8 lanes, a layer of exactly 8 units whose inputs fit one register keeps āₗ in a register from the
     * step before and broadcasts each lane of z̄ₗ out of it, so the store of āₗ and the reload of each lane as a
     * broadcast stay off the dependency chain. The lanes are extracted ({@code lane(j)}, a constant index) and
     * broadcast, not permuted: on JDK 17 every {@code rearrange} checks its shuffle's indexes at run time, nine
     * vector and scalar instructions per permutation even for a constant shuffle, where an extraction needs no
     * check.
     */
    private double[] reverse(int k, boolean batch) {
        int last = n.length - 1;
        double[] cur = batch ? batchAdjA : adjA;
        double[] other = batch ? batchAdjB : adjB;
        int pin = p[last - 1];
        // single point: āₗ in a register, set by the step before a step on registers
        DoubleVector held = DoubleVector.zero(S);
        if (batch) {
            DoubleVector zk = DoubleVector.fromArray(S, batchD1[last], k * V);
            for (int i = 0; i < n[last - 1]; i++) {
                zk.mul(bwd[last][k * pin + i]).intoArray(cur, i * V);
            }
        } else {
            DoubleVector zk = DoubleVector.broadcast(S, d1[last][k]);
            for (int c = 0; c < pin; c += V) {
                held = DoubleVector.fromArray(S, bwd[last], k * pin + c).mul(zk);
                held.intoArray(cur, c);
            }
        }
        for (int l = last - 1; l >= 1; l--) {
            if (batch) {
                transposedBatch(fwd[l], p[l], cur, batchD1[l], n[l], other, n[l - 1]);
            } else if (inRegister[l]) {
                // transposedProduct's sums for 8 units into one register, āₗ taken from the register held:
                // z̄ₗ = āₗ⊙σ′(zₗ) as a vector product (per lane the product transposedProduct broadcasts), each
                // lane extracted and broadcast; the same operations in the same order, so the same bits
                DoubleVector zbar = held.mul(DoubleVector.fromArray(S, d1[l], 0));
                double z0 = zbar.lane(0);
                double z1 = zbar.lane(1);
                double z2 = zbar.lane(2);
                double z3 = zbar.lane(3);
                double z4 = zbar.lane(4);
                double z5 = zbar.lane(5);
                double z6 = zbar.lane(6);
                double z7 = zbar.lane(7);
                double[] m = bwd[l];
                DoubleVector zero = DoubleVector.zero(S);
                DoubleVector s0 = DoubleVector.fromArray(S, m, 0).fma(DoubleVector.broadcast(S, z0), zero);
                DoubleVector s1 = DoubleVector.fromArray(S, m, 8).fma(DoubleVector.broadcast(S, z1), zero);
                DoubleVector s2 = DoubleVector.fromArray(S, m, 16).fma(DoubleVector.broadcast(S, z2), zero);
                DoubleVector s3 = DoubleVector.fromArray(S, m, 24).fma(DoubleVector.broadcast(S, z3), zero);
                s0 = DoubleVector.fromArray(S, m, 32).fma(DoubleVector.broadcast(S, z4), s0);
                s1 = DoubleVector.fromArray(S, m, 40).fma(DoubleVector.broadcast(S, z5), s1);
                s2 = DoubleVector.fromArray(S, m, 48).fma(DoubleVector.broadcast(S, z6), s2);
                s3 = DoubleVector.fromArray(S, m, 56).fma(DoubleVector.broadcast(S, z7), s3);
                held = s0.add(s1).add(s2.add(s3));
                held.intoArray(other, 0);
            } else {
                // held for a next step on registers; loaded whatever the next step, since a vector assigned
                // in a branch of its own here is boxed by C2 (384 B a call of the 20×4 net, measured)
                transposedProduct(bwd[l], p[l - 1], cur, d1[l], n[l], other);
                held = DoubleVector.fromArray(S, other, 0);
            }
            double[] t = cur;
            cur = other;
            other = t;
        }
        return cur;
    }

    private void forward(double[] x, int k) {
        if (x.length != n[0]) {
            throw new IllegalArgumentException("input has " + x.length + " entries, the model takes " + n[0]);
        }
        if (k < 0 || k >= n[n.length - 1]) {
            throw new IllegalArgumentException("output index k must be in [0, " + n[n.length - 1] + "), got " + k);
        }
        forwardLayers(false, x);
    }

    /**
     * The forward sweep, layer by layer: aₗ, σ′(zₗ) from aₗ₋₁, V units at a time (single point) or one unit at V
     * points (batch): the product in four registers from the bias load on, then the activation on the same
     * registers. One method on purpose, for both modes: a vector passed to or returned from a call the JIT does
     * not inline is boxed on the heap (eˣ in a helper method would allocate 1,152 bytes a call of the
     * 433-parameter net), and handing vectors over through arrays puts a store and a reload on the chain. The
     * two modes differ only in which array gives the register operand and which the broadcast one,
     * set before the loop, because a test of the mode inside the loop lengthens the single point's chain (by
     * 10–30 ns a call, measured). The loop over the layers is in this method too, one call a sweep. The first
     * layer takes its inputs from {@code input} (the caller's point, or the batch's interleaved block), with no
     * copy in between.
     *
     * <p>The logistic family takes one exponential per lane, eˣ by range reduction x = k·ln2 + r,
     * k = round(x/ln2) (the fdlibm split of ln 2; x = −|z| by setting the sign bit, and e = 0 where x &lt; −750),
     * the Taylor polynomial of eʳ to degree 13 in Estrin's scheme (after r, a dependency chain of three
     * multiplications and one multiply-add where Horner's rule has thirteen multiply-adds) and 2ᵏ formed as the
     * product of 2^⌊k/2⌋ and 2^(k−⌊k/2⌋) beside the polynomial (exact down to 2⁻¹⁰⁷⁴), so that the result takes
     * one multiplication after the polynomial, subnormal results round once and x &lt; −745 gives 0: within 2 ulps
     * of {@link Math#exp}, from IEEE operations only. The Vector API's own {@code EXP} is not
     * used: the JIT calls Intel SVML while the interpreter calls {@link Math#exp} lane by lane, and the two
     * differ in the last bit, so one input could give two answers in one run. With e = e^{−|z|} ≤ 1,
     * σ(|z|) = 1/(1 + e) and σ(−|z|) = e/(1 + e) are both free of cancellation, so σ, 1 − σ and
     * σ′ = σ(1 − σ) keep their relative accuracy in both tails, as in the scalar forms. Softplus adds
     * ln(1 + e) = 2·atanh(s) = 2s + 2s³(1/3 + s²/5 + …), s = e/(2 + e) ≤ 1/3, with the
     * quotient carried as s + ρ (ρ its rounding error, from the exact remainder of a fused multiply-add and the
     * rounding error of 2 + e) so that the leading term is exact: within an ulp. Tanh and GELU run lane by
     * lane on the scalar forms (a vector tanh needs expm1 for small |z|, GELU an erfc; neither is in the
     * papers' recipes).
     */
    private void forwardLayers(boolean batch, double[] input) {
        for (int l = 1; l < n.length; l++) {
            double[] m = fwd[l];
            double[] in = l == 1 ? input : batch ? batchA[l - 1] : a[l - 1];
            double[] b = bias[l];
            double[] out = batch ? batchA[l] : a[l];
            double[] d = batch ? batchD1[l] : d1[l];
            int stride = p[l];
            int count = n[l - 1];
            Activation f = act[l];
            // single point: register v holds units [vV, vV + V), a multiply-add takes a column of Wₗ (the
            // column-major packing) and broadcasts an input; batch: register v holds unit v at V points and takes
            // their input i, broadcasting Wₗ[v, i] from the row-major packing (row v read front to back)
            int registers = batch ? n[l] : stride / V;
            double[] vec = batch ? in : m;
            int vecStep = batch ? V : stride;
            double[] sca = batch ? bwd[l] : in;
            double[] start = batch ? batchBias[l] : b;
            for (int v = 0; v < registers; v++) {
                int c = v * V;
                int vecOff = batch ? 0 : c;
                int scaOff = batch ? v * p[l - 1] : 0;
                DoubleVector s0 = DoubleVector.fromArray(S, start, c);
                DoubleVector s1 = DoubleVector.zero(S);
                DoubleVector s2 = DoubleVector.zero(S);
                DoubleVector s3 = DoubleVector.zero(S);
                int i = 0;
                for (; i + 3 < count; i += 4) {
                    int o = i * vecStep + vecOff;
                    int q = scaOff + i;
                    s0 = DoubleVector.fromArray(S, vec, o).fma(DoubleVector.broadcast(S, sca[q]), s0);
                    s1 = DoubleVector.fromArray(S, vec, o + vecStep).fma(DoubleVector.broadcast(S, sca[q + 1]), s1);
                    s2 = DoubleVector.fromArray(S, vec, o + 2 * vecStep).fma(DoubleVector.broadcast(S, sca[q + 2]), s2);
                    s3 = DoubleVector.fromArray(S, vec, o + 3 * vecStep).fma(DoubleVector.broadcast(S, sca[q + 3]), s3);
                }
                for (; i < count; i++) {
                    s0 = DoubleVector.fromArray(S, vec, i * vecStep + vecOff)
                            .fma(DoubleVector.broadcast(S, sca[scaOff + i]), s0);
                }
                DoubleVector z = s0.add(s1).add(s2.add(s3));
                switch (f) {
                    case IDENTITY -> {
                        z.intoArray(out, c);
                        DoubleVector.broadcast(S, 1.0).intoArray(d, c);
                    }
                    case RELU -> {
                        DoubleVector.zero(S).blend(1.0, z.compare(VectorOperators.GT, 0.0)).intoArray(d, c);
                        z.max(0.0).intoArray(out, c);
                    }
                    case SIGMOID, SILU, SOFTPLUS -> {
                        // x = −|z| (the sign bit set); below −750 (where 2ᵏ leaves its range) e is set to 0 at the end
                        DoubleVector x = z.reinterpretAsLongs().or(SIGN_BIT).reinterpretAsDoubles();
                        VectorMask<Double> underflow = x.compare(VectorOperators.LT, -750.0);
                        DoubleVector shifted = x.fma(DoubleVector.broadcast(S, LOG2_E),
                                DoubleVector.broadcast(S, SHIFTER));
                        DoubleVector k = shifted.sub(SHIFTER);
                        DoubleVector r = k.fma(DoubleVector.broadcast(S, NEG_LN2_HI), x);
                        r = k.fma(DoubleVector.broadcast(S, NEG_LN2_LO), r);
                        LongVector kl = shifted.reinterpretAsLongs().sub(SHIFTER_BITS);
                        LongVector k1 = kl.lanewise(VectorOperators.ASHR, 1);
                        DoubleVector h1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                        DoubleVector h2 = kl.sub(k1).add(1023).lanewise(VectorOperators.LSHL, 52)
                                .reinterpretAsDoubles();
                        DoubleVector scale = h1.mul(h2);
                        DoubleVector r2 = r.mul(r);
                        DoubleVector r4 = r2.mul(r2);
                        DoubleVector q0 = r.fma(DoubleVector.broadcast(S, E1), DoubleVector.broadcast(S, E0));
                        DoubleVector q1 = r.fma(DoubleVector.broadcast(S, E3), DoubleVector.broadcast(S, E2));
                        DoubleVector q2 = r.fma(DoubleVector.broadcast(S, E5), DoubleVector.broadcast(S, E4));
                        DoubleVector q3 = r.fma(DoubleVector.broadcast(S, E7), DoubleVector.broadcast(S, E6));
                        DoubleVector q4 = r.fma(DoubleVector.broadcast(S, E9), DoubleVector.broadcast(S, E8));
                        DoubleVector q5 = r.fma(DoubleVector.broadcast(S, E11), DoubleVector.broadcast(S, E10));
                        DoubleVector q6 = r.fma(DoubleVector.broadcast(S, E13), DoubleVector.broadcast(S, E12));
                        DoubleVector low = q3.fma(r2, q2).fma(r4, q1.fma(r2, q0));
                        DoubleVector high = q6.fma(r4, q5.fma(r2, q4));
                        DoubleVector e = high.fma(r4.mul(r4), low).mul(scale).blend(0.0, underflow);
                        // e = e^{−|z|} ≤ 1: σ(|z|) = 1/(1 + e) and σ(−|z|) = e/(1 + e), both without cancellation
                        DoubleVector u = e.add(1.0);
                        VectorMask<Double> nonNegative = z.compare(VectorOperators.GE, 0.0);
                        if (f == Activation.SILU) {
                            // z·σ(z) as one quotient, z/(1 + e) or z·e/(1 + e): the layer's output first
                            z.mul(e).blend(z, nonNegative).div(u).intoArray(out, c);
                            DoubleVector q = DoubleVector.broadcast(S, 1.0).div(u);
                            DoubleVector t = e.mul(q);
                            z.mul(q.mul(t)).add(t.blend(q, nonNegative)).intoArray(d, c);
                        } else if (f == Activation.SIGMOID) {
                            e.blend(1.0, nonNegative).div(u).intoArray(out, c);
                            DoubleVector q = DoubleVector.broadcast(S, 1.0).div(u);
                            q.mul(e.mul(q)).intoArray(d, c);
                        } else {
                            DoubleVector q = DoubleVector.broadcast(S, 1.0).div(u);
                            e.mul(q).blend(q, nonNegative).intoArray(d, c);
                            DoubleVector w = e.add(2.0);
                            DoubleVector wErr = DoubleVector.broadcast(S, 2.0).sub(w).add(e);
                            DoubleVector sq = e.div(w);
                            DoubleVector rho = sq.neg().fma(w, e).sub(sq.mul(wErr)).div(w);
                            DoubleVector sq2 = sq.mul(sq);
                            DoubleVector poly = DoubleVector.broadcast(S, ATANH[0]);
                            for (int j = 1; j < ATANH.length; j++) {
                                poly = poly.fma(sq2, DoubleVector.broadcast(S, ATANH[j]));
                            }
                            z.max(0.0).add(sq.fma(sq2.mul(poly), rho).add(sq).mul(2.0)).intoArray(out, c);
                        }
                    }
                    default -> {
                        z.intoArray(out, c);
                        for (int q = c; q < c + V; q++) {
                            f.valueAndFirst(out[q], lane);
                            out[q] = lane[0];
                            d[q] = lane[1];
                        }
                    }
                }
            }
        }
    }

    /**
     * out[c..c+V) = Σⱼ m[j·stride + c..]·(s[j]·t[j]) for every chunk c &lt; stride, j &lt; count: āₗ₋₁ = Wₗᵀz̄ₗ
     * on the row-major packing with z̄ₗ,ⱼ = āₗ,ⱼ·σ′(zₗ,ⱼ) formed as the scalar that is broadcast (the same
     * product, rounded once, as a vector multiply would give, without storing z̄ₗ and loading it back: one
     * store-and-reload round trip less per layer on the chain), four accumulation chains per chunk.
     */
    private static void transposedProduct(double[] m, int stride, double[] s, double[] t, int count, double[] out) {
        for (int c = 0; c < stride; c += V) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            int j = 0;
            for (; j + 3 < count; j += 4) {
                int o = j * stride + c;
                s0 = DoubleVector.fromArray(S, m, o).fma(DoubleVector.broadcast(S, s[j] * t[j]), s0);
                s1 = DoubleVector.fromArray(S, m, o + stride).fma(DoubleVector.broadcast(S, s[j + 1] * t[j + 1]), s1);
                s2 = DoubleVector.fromArray(S, m, o + 2 * stride).fma(DoubleVector.broadcast(S, s[j + 2] * t[j + 2]), s2);
                s3 = DoubleVector.fromArray(S, m, o + 3 * stride).fma(DoubleVector.broadcast(S, s[j + 3] * t[j + 3]), s3);
            }
            for (; j < count; j++) {
                s0 = DoubleVector.fromArray(S, m, j * stride + c).fma(DoubleVector.broadcast(S, s[j] * t[j]), s0);
            }
            s0.add(s1).add(s2.add(s3)).intoArray(out, c);
        }
    }

    /**
     * The batch form of {@link #transposedProduct}: out[iV..iV + V) = Σⱼ Wₗ[j, i]·z̄ⱼ for every input i &lt;
     * inputs, Wₗ[j, i] = m[i·stride + j] from the column-major packing (column i read front to back), with s,
     * t and out holding unit j's V points at [jV..jV + V) and z̄ⱼ = s⊙t formed once per unit, in place of s;
     * per lane the same products and sums as the single point's. Alike in shape and kept apart:
     * the single point broadcasts z̄ⱼ as a scalar product (its latency chain), a batch loads it as a vector,
     * and a shared helper would pass vectors across a call.
     */
    private static void transposedBatch(double[] m, int stride, double[] s, double[] t, int count, double[] out,
                                        int inputs) {
        for (int j = 0; j < count; j++) {
            DoubleVector.fromArray(S, s, j * V).mul(DoubleVector.fromArray(S, t, j * V)).intoArray(s, j * V);
        }
        for (int i = 0; i < inputs; i++) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            int j = 0;
            for (; j + 3 < count; j += 4) {
                int o = i * stride + j;
                s0 = DoubleVector.fromArray(S, s, j * V).fma(DoubleVector.broadcast(S, m[o]), s0);
                s1 = DoubleVector.fromArray(S, s, (j + 1) * V).fma(DoubleVector.broadcast(S, m[o + 1]), s1);
                s2 = DoubleVector.fromArray(S, s, (j + 2) * V).fma(DoubleVector.broadcast(S, m[o + 2]), s2);
                s3 = DoubleVector.fromArray(S, s, (j + 3) * V).fma(DoubleVector.broadcast(S, m[o + 3]), s3);
            }
            for (; j < count; j++) {
                s0 = DoubleVector.fromArray(S, s, j * V).fma(DoubleVector.broadcast(S, m[i * stride + j]), s0);
            }
            s0.add(s1).add(s2.add(s3)).intoArray(out, i * V);
        }
    }

    @Override
    public String toString() {
        return "VectorEvaluator" + Arrays.toString(n) + " on " + V + " lanes";
    }
}
