package dev.sobolev.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * {@link ShortestDouble} against jackson-core's port of the same algorithm (the text JDK 19+
 * {@code Double.toString} writes; on Java 17 the JDK's own method still uses the older, sometimes longer
 * digits), and against {@code Double.parseDouble} for the round trip.
 */
class ShortestDoubleTest {
    private static final byte FILL = (byte) '#';

    /** Writes v at an offset inside a filled buffer, checks the rest is untouched and returns the text. */
    private static String text(double v) {
        byte[] buf = new byte[3 + ShortestDouble.MAX_LENGTH + 5];
        Arrays.fill(buf, FILL);
        int end = ShortestDouble.write(v, buf, 3);
        assertTrue(end - 3 <= ShortestDouble.MAX_LENGTH, "length of " + v);
        for (int i = 0; i < buf.length; i++) {
            if (i < 3 || i >= end) {
                assertEquals(FILL, buf[i], "byte " + i + " touched writing " + v);
            }
        }
        return new String(buf, 3, end - 3, StandardCharsets.US_ASCII);
    }

    private static void check(double v) {
        String ours = text(v);
        assertEquals(DoubleToDecimal.toString(v), ours, () -> "bits 0x" + Long.toHexString(Double.doubleToRawLongBits(v)));
        if (!Double.isNaN(v)) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(ours)), ours);
        }
    }

    private static void checkWithNeighbours(double v) {
        check(v);
        check(-v);
        check(Math.nextUp(v));
        check(Math.nextDown(v));
        check(-Math.nextUp(v));
    }

    @Test
    void specialValuesAreSpelledLikeDoubleToString() {
        assertEquals("NaN", text(Double.NaN));
        assertEquals("NaN", text(Double.longBitsToDouble(0xFFF8_0000_0000_0001L)));
        assertEquals("Infinity", text(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", text(Double.NEGATIVE_INFINITY));
        assertEquals("0.0", text(0.0));
        assertEquals("-0.0", text(-0.0));
    }

    @Test
    void examplesFromTheJavadocOfDoubleToString() {
        // 2.0E-3 is JDK-4511638's example: the JDK 17 algorithm writes 0.0020, one digit too many.
        assertEquals("0.002", text(2e-3));
        assertEquals("1.0E23", text(1e23));
        assertEquals("0.001", text(0.001));
        assertEquals("9.999999999999998E-4", text(Math.nextDown(0.001)));
        assertEquals("1.0E7", text(1e7));
        assertEquals("9999999.999999998", text(Math.nextDown(1e7)));
        assertEquals("4.9E-324", text(Double.MIN_VALUE));
        assertEquals("1.7976931348623157E308", text(Double.MAX_VALUE));
        assertEquals("2.2250738585072014E-308", text(Double.MIN_NORMAL));
        assertEquals("0.1", text(0.1));
        assertEquals("100.0", text(100.0));
        assertEquals("-123.456", text(-123.456));
    }

    @Test
    void randomBitPatternsAgreeWithTheOracle() {
        SplittableRandom rng = new SplittableRandom(20261207L);
        for (int i = 0; i < 1_000_000; i++) {
            check(Double.longBitsToDouble(rng.nextLong()));
        }
    }

    @Test
    void randomValuesInEveryLayoutAgreeWithTheOracle() {
        // Bit patterns are mostly far from 1; these land near the plain/scientific boundaries and the
        // magnitudes a pricer writes.
        SplittableRandom rng = new SplittableRandom(7L);
        for (int i = 0; i < 300_000; i++) {
            double scale = Math.pow(10, rng.nextInt(-6, 10));
            check(rng.nextDouble() * scale);
        }
    }

    @Test
    void powersOfTenAndTheirNeighboursAgreeWithTheOracle() {
        for (int e = -324; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            if (p != 0 && !Double.isInfinite(p)) {
                checkWithNeighbours(p);
            }
        }
    }

    @Test
    void powersOfTwoAndTheirNeighboursAgreeWithTheOracle() {
        // The irregular spacing below a power of two takes its own branch of the algorithm.
        for (int e = -1074; e <= 1023; e++) {
            checkWithNeighbours(Math.scalb(1.0, e));
        }
    }

    @Test
    void layoutBoundariesAgreeWithTheOracle() {
        for (double b : new double[] {1e-3, 1e7, 1e-4, 1e6, 1.0, 9.999999e6, 0.00099999}) {
            checkWithNeighbours(b);
            double x = b;
            for (int i = 0; i < 50; i++) {
                x = Math.nextUp(x);
                check(x);
            }
        }
    }

    @Test
    void subnormalsMinAndMaxAgreeWithTheOracle() {
        checkWithNeighbours(Double.MIN_VALUE);
        checkWithNeighbours(Double.MAX_VALUE);
        checkWithNeighbours(Double.MIN_NORMAL);
        for (long bits = 1; bits < 10_000; bits++) {
            check(Double.longBitsToDouble(bits));
        }
        SplittableRandom rng = new SplittableRandom(11L);
        for (int i = 0; i < 100_000; i++) {
            check(Double.longBitsToDouble(rng.nextLong(1L, 1L << 52)));
        }
    }

    @Test
    void integersUpToTwoToThe53AgreeWithTheOracle() {
        for (long n = 0; n < 100_000; n++) {
            check(n);
        }
        SplittableRandom rng = new SplittableRandom(13L);
        for (int i = 0; i < 200_000; i++) {
            check(rng.nextLong(1L << 53));
        }
        for (int e = 0; e <= 53; e++) {
            long p = 1L << e;
            check(p - 1);
            check(p);
            check(p + 1);
        }
        for (int e = 0; e <= 15; e++) {
            long p = BigInteger.TEN.pow(e).longValueExact();
            check(p - 1);
            check(p + 1);
        }
    }

    @Test
    void theLogarithmApproximationsAreExactOverEveryExponentUsed() {
        for (int e = -1100; e <= 1100; e++) {
            BigDecimal pow2 = e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
            assertEquals(floorLog10(pow2), ShortestDouble.flog10pow2(e), "flog10pow2(" + e + ")");
            BigDecimal threeQuarters = pow2.multiply(new BigDecimal("0.75"));
            assertEquals(floorLog10(threeQuarters), ShortestDouble.flog10threeQuartersPow2(e), "flog10threeQuartersPow2(" + e + ")");
        }
        for (int e = -400; e <= 400; e++) {
            // 10^n is a power of two only for n = 0, so floor(log2(10^-n)) = -ceil(log2(10^n)) = -bitLength(10^n).
            int n = Math.abs(e);
            BigInteger p = BigInteger.TEN.pow(n);
            int expected = e >= 0 ? p.bitLength() - 1 : -p.bitLength();
            assertEquals(expected, ShortestDouble.flog2pow10(e), "flog2pow10(" + e + ")");
        }
    }

    /** floor(log10(x)) for an exact x &gt; 0: the position of its leading digit. */
    private static int floorLog10(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }
}
