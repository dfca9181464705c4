package dev.sobolev.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two elementary functions of the logistic activations on vector lanes, from additions, multiplications,
 * fused multiply-adds, one division and bit moves only. The Vector API's own {@code EXP} and {@code LOG1P}
 * are not used because their results depend on the compilation state: the JIT calls Intel's SVML routines
 * while the interpreter and C1 call {@link Math} lane by lane, and the two differ in the last bit, so one
 * input could give two answers in one run. IEEE arithmetic is the same in every mode, which makes these
 * deterministic; they are within 2 ulps of {@link Math#exp} and 1 ulp of {@link Math#log1p} (tested on 10⁶ points).
 */
final class VectorMath {
    /** The evaluator's species: V = {@link DoubleVector#SPECIES_PREFERRED} lanes per call. */
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split as in fdlibm: the high part has 21 trailing zero bits, so k·LN2_HI is exact for |k| &lt; 2¹¹. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** 1/i! for i = 0 to 13: the Taylor polynomial of eʳ, |r| ≤ ln2/2, truncation below 5·10⁻¹⁸. */
    private static final double[] EXP_TAYLOR = taylor();
    /** 1/(2i + 1) for i = 16 down to 1: (atanh(s) − s)/s³ in powers of s², s ≤ 1/3, truncation below 2·10⁻¹⁷. */
    private static final double[] ATANH_SERIES = atanhSeries();

    private VectorMath() {
    }

    private static double[] taylor() {
        double[] c = new double[14];
        double f = 1;
        for (int i = 0; i < c.length; i++) {
            c[i] = 1 / f;
            f *= i + 1;
        }
        return c;
    }

    private static double[] atanhSeries() {
        double[] c = new double[16];
        for (int i = 0; i < c.length; i++) {
            c[c.length - 1 - i] = 1.0 / (2 * i + 3);
        }
        return c;
    }

    /**
     * out[o..o+V) = e^{x[c..c+V)} (NaN stays NaN): x = k·ln2 + r with k = round(x/ln2), eʳ by its Taylor
     * polynomial in Estrin's scheme (pairs c₂ᵢ + c₂ᵢ₊₁r combined with r², r⁴, r⁸: a dependency chain of five
     * multiply-adds where Horner's rule has thirteen), then 2ᵏ applied as two factors 2^⌊k/2⌋·2^(k−⌊k/2⌋), so
     * that subnormal results round once, x &lt; −745 gives 0 and x &gt; 709.78 gives +∞ (x is clamped to
     * [−750, 750] first, which keeps k within the exponent field). Arrays in and out, not vectors: a vector
     * passed to or returned from a call the JIT does not inline is boxed on the heap.
     */
    static void exp(double[] x, int c, double[] out, int o) {
        DoubleVector xc = DoubleVector.fromArray(S, x, c).max(-750.0).min(750.0);
        DoubleVector shifted = xc.fma(DoubleVector.broadcast(S, LOG2_E), DoubleVector.broadcast(S, SHIFTER));
        DoubleVector k = shifted.sub(SHIFTER);
        DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), xc);
        r = k.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
        double[] cf = EXP_TAYLOR;
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = r.fma(DoubleVector.broadcast(S, cf[1]), DoubleVector.broadcast(S, cf[0]));
        DoubleVector q1 = r.fma(DoubleVector.broadcast(S, cf[3]), DoubleVector.broadcast(S, cf[2]));
        DoubleVector q2 = r.fma(DoubleVector.broadcast(S, cf[5]), DoubleVector.broadcast(S, cf[4]));
        DoubleVector q3 = r.fma(DoubleVector.broadcast(S, cf[7]), DoubleVector.broadcast(S, cf[6]));
        DoubleVector q4 = r.fma(DoubleVector.broadcast(S, cf[9]), DoubleVector.broadcast(S, cf[8]));
        DoubleVector q5 = r.fma(DoubleVector.broadcast(S, cf[11]), DoubleVector.broadcast(S, cf[10]));
        DoubleVector q6 = r.fma(DoubleVector.broadcast(S, cf[13]), DoubleVector.broadcast(S, cf[12]));
        DoubleVector low = q1.fma(r2, q0).add(q3.fma(r2, q2).mul(r4));
        DoubleVector high = q5.fma(r2, q4).add(q6.mul(r4));
        DoubleVector p = high.fma(r8, low);
        LongVector kl = shifted.reinterpretAsLongs().sub(SHIFTER_BITS);
        LongVector k1 = kl.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = kl.sub(k1);
        DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        p.mul(s1).mul(s2).intoArray(out, o);
    }

    /**
     * out[o..o+V) = ln(1 + e) for lanes 0 ≤ e[c..c+V) ≤ 1 as 2·atanh(s) = 2s + 2s³(1/3 + s²/5 + …),
     * s = e/(2 + e) ≤ 1/3. The quotient is carried as s + ρ (ρ its rounding error, from the exact remainder of
     * the fused multiply-add and the rounding error of 2 + e), so the leading term 2s is exact and the result
     * is within an ulp.
     */
    static void log1pUnit(double[] in, int c, double[] out, int o) {
        DoubleVector e = DoubleVector.fromArray(S, in, c);
        DoubleVector u = e.add(2.0);
        DoubleVector uErr = DoubleVector.broadcast(S, 2.0).sub(u).add(e);
        DoubleVector s = e.div(u);
        DoubleVector rho = s.neg().fma(u, e).sub(s.mul(uErr)).div(u);
        DoubleVector s2 = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(S, ATANH_SERIES[0]);
        for (int i = 1; i < ATANH_SERIES.length; i++) {
            p = p.fma(s2, DoubleVector.broadcast(S, ATANH_SERIES[i]));
        }
        s.fma(s2.mul(p), rho).add(s).mul(2.0).intoArray(out, o);
    }
}
