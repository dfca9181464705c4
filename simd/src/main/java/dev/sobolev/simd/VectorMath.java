package dev.sobolev.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The two elementary functions of the logistic activations on vector lanes, from additions, multiplications,
 * fused multiply-adds, one division and bit moves only. The Vector API's own {@code EXP} and {@code LOG1P}
 * are not used because their results depend on the compilation state: the JIT calls Intel's SVML routines
 * while the interpreter and C1 call {@link Math} lane by lane, and the two differ in the last bit, so one
 * input could give two answers in one run. IEEE arithmetic is the same in every mode, which makes these
 * deterministic; they are within 2 ulps of {@link Math#exp} and 1 ulp of {@link Math#log1p} (tested on 10⁶ points).
 */
final class VectorMath {
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
     * Σᵢ c[i]·rⁱ for 14 coefficients by Estrin's scheme: pairs c[2i] + c[2i+1]·r, then combined with r², r⁴, r⁸,
     * a dependency chain of five multiply-adds where Horner's rule has thirteen (the chain is what a single-point
     * evaluation waits on).
     */
    private static DoubleVector estrin(DoubleVector r, double[] c) {
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = pair(r, c, 0);
        DoubleVector q1 = pair(r, c, 2);
        DoubleVector q2 = pair(r, c, 4);
        DoubleVector q3 = pair(r, c, 6);
        DoubleVector q4 = pair(r, c, 8);
        DoubleVector q5 = pair(r, c, 10);
        DoubleVector q6 = pair(r, c, 12);
        DoubleVector low = q1.fma(r2, q0).add(q3.fma(r2, q2).mul(r4));
        DoubleVector high = q5.fma(r2, q4).add(q6.mul(r4));
        return high.fma(r8, low);
    }

    private static DoubleVector pair(DoubleVector r, double[] c, int i) {
        return r.fma(DoubleVector.broadcast(r.species(), c[i + 1]), DoubleVector.broadcast(r.species(), c[i]));
    }

    /**
     * eˣ on lanes (NaN stays NaN): x = k·ln2 + r with k = round(x/ln2), eʳ by its Taylor polynomial, then 2ᵏ
     * applied as two factors 2^⌊k/2⌋·2^(k−⌊k/2⌋), so that subnormal results round once, x &lt; −745 gives 0 and
     * x &gt; 709.78 gives +∞ (x is clamped to [−750, 750] first, which keeps k within the exponent field).
     */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(-750.0).min(750.0);
        DoubleVector shifted = xc.fma(DoubleVector.broadcast(x.species(), LOG2_E), DoubleVector.broadcast(x.species(), SHIFTER));
        DoubleVector k = shifted.sub(SHIFTER);
        DoubleVector r = k.neg().fma(DoubleVector.broadcast(x.species(), LN2_HI), xc);
        r = k.neg().fma(DoubleVector.broadcast(x.species(), LN2_LO), r);
        DoubleVector p = estrin(r, EXP_TAYLOR);
        LongVector kl = shifted.reinterpretAsLongs().sub(SHIFTER_BITS);
        LongVector k1 = kl.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = kl.sub(k1);
        DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /**
     * ln(1 + e) for lanes 0 ≤ e ≤ 1 as 2·atanh(s) = 2s + 2s³(1/3 + s²/5 + …), s = e/(2 + e) ≤ 1/3. The quotient
     * is carried as s + ρ (ρ its rounding error, from the exact remainder of the fused multiply-add and the
     * rounding error of 2 + e), so the leading term 2s is exact and the result is within an ulp.
     */
    static DoubleVector log1pUnit(DoubleVector e) {
        DoubleVector u = e.add(2.0);
        DoubleVector uErr = DoubleVector.broadcast(e.species(), 2.0).sub(u).add(e);
        DoubleVector s = e.div(u);
        DoubleVector rho = s.neg().fma(u, e).sub(s.mul(uErr)).div(u);
        DoubleVector s2 = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(e.species(), ATANH_SERIES[0]);
        for (int i = 1; i < ATANH_SERIES.length; i++) {
            p = p.fma(s2, DoubleVector.broadcast(e.species(), ATANH_SERIES[i]));
        }
        return s.fma(s2.mul(p), rho).add(s).mul(2.0);
    }
}
