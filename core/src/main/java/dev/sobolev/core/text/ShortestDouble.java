package dev.sobolev.core.text;

import java.math.BigInteger;

/**
 * Writes a {@code double} as ASCII bytes: the text {@link Double#toString(double)} of JDK 19 and later
 * writes, without allocating.
 *
 * <p>The digits are the shortest decimal {@code d·10^e} that rounds back to {@code v} (round half even); of
 * several of that length the one closest to {@code v}, and of two equally close the even one. They are found
 * with the Schubfach algorithm: R. Giulietti, "The Schubfach way to render doubles" (2020, revised 2022),
 * figures 7 and 9 (one 126-bit power of ten per decimal exponent, three 64×128-bit products rounded to odd,
 * section 9.9). The layout is that of {@code Double.toString}: plain notation with at least one digit on each
 * side of the point for 10⁻³ ≤ |v| &lt; 10⁷ ({@code 0.001}, {@code 123.45}, {@code 1234567.0}), otherwise
 * computerized scientific notation {@code d.ddd E n} with at least one digit after the point and a signed
 * decimal exponent without leading zeros ({@code 1.0E7}, {@code 4.9E-324}); {@code NaN}, {@code Infinity},
 * {@code -Infinity}, {@code 0.0} and {@code -0.0} for the special values.
 *
 * <p>This is an independent implementation written from the paper (the algorithm also ships in the JDK 19+
 * {@code jdk.internal.math.DoubleToDecimal} and in jackson-core's {@code io.schubfach} package, which the
 * tests use as the oracle on Java 17). The table of powers of ten is computed exactly with {@link BigInteger}
 * when the class is initialised. Stateless and thread-safe.
 */
public final class ShortestDouble {
    /** Longest text written, in bytes: {@code -d.ddddddddddddddddE-ddd} (17 digits, sign, point, exponent). */
    public static final int MAX_LENGTH = 24;

    /** Bits of precision of a double, hidden bit included. */
    private static final int P = 53;
    /** Binary exponent q of the subnormals, and of the smallest normals: v = c·2^q. */
    private static final int Q_MIN = -1074;
    /** Smallest normal significand, 2^(P-1). */
    private static final long C_MIN = 1L << (P - 1);
    /** Mask of the 52 stored significand bits. */
    private static final long T_MASK = C_MIN - 1;
    /** Subnormal significands below this are scaled by ten first so the algorithm has two digits to work on. */
    private static final long C_TINY = 3;
    /** Range of the decimal exponent k of the scaling power 10^-k (paper, section 8). */
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    /** Most significant digits a shortest double needs (paper, section 8.1). */
    private static final int H = 17;

    /*
     * floor(log10(2^e)), floor(log10(3/4·2^e)) and floor(log2(10^e)) by fixed-point multiplication, exact over
     * the exponents used here (paper, section 6.2; the test checks every exponent against BigInteger).
     * 661_971_961_083 = floor(log10(2)·2^41), -274_743_187_321 = floor(log10(3/4)·2^41),
     * 913_124_641_741 = floor(log2(10)·2^38).
     */
    private static final long LOG10_2_Q41 = 661_971_961_083L;
    private static final long LOG10_3_4_Q41 = -274_743_187_321L;
    private static final long LOG2_10_Q38 = 913_124_641_741L;

    private static final long MASK_63 = Long.MAX_VALUE;

    /** g(k) = floor(10^-k·2^(125 - floor(log2 10^-k))) + 1 as 63-bit halves: G[2(k-K_MIN)] high, then low. */
    private static final long[] G = powersOfTen();

    /** 10^i for 0 ≤ i ≤ 18. */
    private static final long[] POW10 = new long[19];
    /** The two ASCII digits of 0..99, tens then units. */
    private static final byte[] PAIRS = new byte[200];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private ShortestDouble() {
    }

    /**
     * Writes {@code v} into {@code dst} from {@code off} on, exactly as {@code Double.toString(v)} of JDK 19+
     * spells it, one ASCII byte per character, and returns the offset after the last byte written. At most
     * {@link #MAX_LENGTH} bytes are written; bytes outside them are left alone. No allocation.
     *
     * @param v   any double, NaN and infinities included
     * @param dst the buffer; needs room for the text at {@code off} (MAX_LENGTH bytes always suffice)
     * @param off where the first byte goes
     * @return {@code off} plus the length of the text
     * @throws ArrayIndexOutOfBoundsException if the text does not fit
     */
    public static int write(double v, byte[] dst, int off) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & 0x7FF;
        if (bq == 0x7FF) {
            if (t != 0) {
                return ascii("NaN", dst, off);
            }
            return ascii(bits > 0 ? "Infinity" : "-Infinity", dst, off);
        }
        int pos = off;
        if (bits < 0) {
            dst[pos++] = '-';
        }
        if (bq != 0) {
            int q = bq - 1075;
            long c = C_MIN | t;
            // Integers below 2^53 with a fractional exponent: the integer itself is exact and shortest
            // (paper, section 8.3).
            if (q < 0 && q > -P) {
                long f = c >> -q;
                if (f << -q == c) {
                    return layout(f, 0, dst, pos);
                }
            }
            return schubfach(q, c, 0, dst, pos);
        }
        if (t != 0) {
            return t < C_TINY ? schubfach(Q_MIN, 10 * t, -1, dst, pos) : schubfach(Q_MIN, t, 0, dst, pos);
        }
        dst[pos] = '0';
        dst[pos + 1] = '.';
        dst[pos + 2] = '0';
        return pos + 3;
    }

    /**
     * The shortest decimal in the rounding interval of c·2^q (paper, figure 7 with the computations of figure
     * 9), written by {@link #layout}; {@code dk} corrects the decimal exponent when c was scaled by ten.
     */
    private static int schubfach(int q, long c, int dk, byte[] dst, int pos) {
        int out = (int) c & 1; // the interval is closed when c is even (round half even reads back to c)
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // At a power of two the lower neighbour is half as far away as the upper one.
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        int gi = (k - K_MIN) << 1;
        long g1 = G[gi];
        long g0 = G[gi + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);

        long s = vb >> 2;
        if (s >= 100) {
            // One digit fewer: are 10·floor(s/10) or the next multiple of ten inside the interval?
            long sp10 = 10 * (s / 10);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return layout(upin ? sp10 : tp10, k, dst, pos);
            }
        }
        long sp = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (sp << 2) + out <= vbr;
        if (uin != win) {
            return layout(uin ? s : sp, k + dk, dst, pos);
        }
        // Both candidates read back to v: the closer one, the even one on a tie.
        long cmp = vb - ((s + sp) << 1);
        return layout(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : sp, k + dk, dst, pos);
    }

    /** cp·g·2^-127 rounded to odd, where g = g1·2^63 + g0 (paper, section 9.9 and figure 8). */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** Writes f·10^e (f &gt; 0) in the layout of {@code Double.toString}. */
    private static int layout(long f, int e, byte[] dst, int pos) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = digitCount(f);
        int exp = e + n; // v = 0.d1...dn · 10^exp
        if (exp > 0 && exp <= 7) {
            if (n <= exp) {
                digits(f, dst, pos + n);
                pos += n;
                for (int i = n; i < exp; i++) {
                    dst[pos++] = '0';
                }
                dst[pos] = '.';
                dst[pos + 1] = '0';
                return pos + 2;
            }
            // Digits first, then the fraction moved one place right to make room for the point.
            int end = pos + n;
            digits(f, dst, end);
            int point = pos + exp;
            for (int i = end; i > point; i--) {
                dst[i] = dst[i - 1];
            }
            dst[point] = '.';
            return end + 1;
        }
        if (exp <= 0 && exp > -3) {
            dst[pos++] = '0';
            dst[pos++] = '.';
            for (int i = exp; i < 0; i++) {
                dst[pos++] = '0';
            }
            digits(f, dst, pos + n);
            return pos + n;
        }
        // d.ddd E exp-1: the digits one place right, then the leading digit moved in front of the point.
        digits(f, dst, pos + 1 + n);
        dst[pos] = dst[pos + 1];
        dst[pos + 1] = '.';
        pos += 1 + n;
        if (n == 1) {
            dst[pos++] = '0';
        }
        dst[pos++] = 'E';
        int x = exp - 1;
        if (x < 0) {
            dst[pos++] = '-';
            x = -x;
        }
        if (x >= 100) {
            dst[pos++] = (byte) ('0' + x / 100);
            x %= 100;
            dst[pos++] = PAIRS[2 * x];
            dst[pos++] = PAIRS[2 * x + 1];
        } else if (x >= 10) {
            dst[pos++] = PAIRS[2 * x];
            dst[pos++] = PAIRS[2 * x + 1];
        } else {
            dst[pos++] = (byte) ('0' + x);
        }
        return pos;
    }

    /** Number of decimal digits of 0 &lt; f &lt; 10^18. */
    private static int digitCount(long f) {
        int n = flog10pow2(Long.SIZE - Long.numberOfLeadingZeros(f)); // 10^(n-1) <= f < 10^(n+1)
        return f >= POW10[n] ? n + 1 : n;
    }

    /** Writes the decimal digits of f &gt; 0 so that the last one lands at {@code end - 1}. */
    private static void digits(long f, byte[] dst, int end) {
        int i = end;
        while (f >= 100_000_000L) {
            long hi = f / 100_000_000L;
            i = digits8((int) (f - hi * 100_000_000L), dst, i);
            f = hi;
        }
        int r = (int) f;
        while (r >= 100) {
            int hi = r / 100;
            int d = (r - hi * 100) << 1;
            dst[--i] = PAIRS[d + 1];
            dst[--i] = PAIRS[d];
            r = hi;
        }
        if (r >= 10) {
            dst[--i] = PAIRS[2 * r + 1];
            dst[--i] = PAIRS[2 * r];
        } else {
            dst[--i] = (byte) ('0' + r);
        }
    }

    /** Writes exactly eight digits of 0 ≤ r &lt; 10^8 ending before {@code end}; returns the first index. */
    private static int digits8(int r, byte[] dst, int end) {
        int i = end;
        for (int j = 0; j < 4; j++) {
            int hi = r / 100;
            int d = (r - hi * 100) << 1;
            dst[--i] = PAIRS[d + 1];
            dst[--i] = PAIRS[d];
            r = hi;
        }
        return i;
    }

    private static int ascii(String s, byte[] dst, int off) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            dst[off + i] = (byte) s.charAt(i);
        }
        return off + n;
    }

    /** floor(log10(2^e)) for |e| ≤ 5456721. */
    static int flog10pow2(int e) {
        return (int) (e * LOG10_2_Q41 >> 41);
    }

    /** floor(log10(3/4·2^e)) for -2956395 ≤ e ≤ 2500325. */
    static int flog10threeQuartersPow2(int e) {
        return (int) (e * LOG10_2_Q41 + LOG10_3_4_Q41 >> 41);
    }

    /** floor(log2(10^e)) for |e| ≤ 1838394. */
    static int flog2pow10(int e) {
        return (int) (e * LOG2_10_Q38 >> 38);
    }

    /**
     * For K_MIN ≤ k ≤ K_MAX: 10^-k = β·2^r with 2^125 ≤ β &lt; 2^126, g = floor(β) + 1 split into its high
     * and low 63 bits (paper, section 9.8.3). Exact: BigInteger arithmetic, once.
     */
    private static long[] powersOfTen() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        BigInteger low63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int shift = 125 - flog2pow10(-k); // β = 10^-k · 2^shift
            BigInteger beta;
            if (k <= 0) {
                BigInteger p = BigInteger.TEN.pow(-k);
                beta = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
            } else {
                beta = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
            }
            BigInteger gk = beta.add(BigInteger.ONE);
            int i = (k - K_MIN) << 1;
            g[i] = gk.shiftRight(63).longValueExact();
            g[i + 1] = gk.and(low63).longValueExact();
        }
        return g;
    }
}
