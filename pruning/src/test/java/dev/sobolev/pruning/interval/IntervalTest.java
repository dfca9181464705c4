package dev.sobolev.pruning.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.Optional;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Soundness of the interval arithmetic against exact rational results: for ≥ 10⁵ sampled pairs x ∈ [x], y ∈ [y]
 * per operation (endpoints, 0 when inside, uniform interior points; intervals straddling 0, tiny, huge enough to
 * overflow, points, half-lines, the whole line), the exact x ∘ y must lie in [x] ∘ [y]. Exactness without decimals
 * where possible: the rounding error of x + y (TwoSum) and x·y (fma) is itself a double, and ÷, √ are correctly
 * rounded; overflow, underflow and the remaining cases are decided with {@link BigDecimal}.
 */
class IntervalTest {
    private static final int SAMPLES = 100_000;

    enum Op { ADD, SUBTRACT, MULTIPLY, SCALE, DIVIDE, NEGATE, SQUARE, SQRT, EXP, LOG }

    private static double logUniform(UniformRandomProvider rng, double minExp, double maxExp) {
        return Math.pow(10, minExp + (maxExp - minExp) * rng.nextDouble());
    }

    static Interval randomInterval(UniformRandomProvider rng) {
        double c = rng.nextDouble(-10, 10);
        switch (rng.nextInt(10)) {
            case 0:
            case 1: {
                double h = logUniform(rng, -8, 2);
                return Interval.of(c - h * rng.nextDouble(), c + h * rng.nextDouble());
            }
            case 2:
                return Interval.of(-logUniform(rng, -12, 3), logUniform(rng, -12, 3));
            case 3:
                return Interval.of(c, c + Math.max(1, Math.abs(c)) * logUniform(rng, -16, -10));
            case 4: {
                double big = logUniform(rng, 100, 308);
                return rng.nextBoolean() ? Interval.of(big * 0.5, big) : Interval.of(-big, big * rng.nextDouble());
            }
            case 5: {
                double small = logUniform(rng, -320, -100);
                return Interval.of(small, small * 2);
            }
            case 6:
                return Interval.point(rng.nextInt(4) == 0 ? 0 : c);
            case 7:
                return rng.nextBoolean() ? Interval.of(0, Math.abs(c)) : Interval.of(-Math.abs(c), 0);
            case 8:
                return switch (rng.nextInt(3)) {
                    case 0 -> Interval.of(Double.NEGATIVE_INFINITY, c);
                    case 1 -> Interval.of(c, Double.POSITIVE_INFINITY);
                    default -> Interval.ENTIRE;
                };
            default:
                return Interval.of(-Math.abs(c), Math.abs(c) * rng.nextDouble());
        }
    }

    /** A finite sample of [x]: an endpoint, 0 if inside, or a uniform point of the (finite part of the) interval. */
    static double sample(Interval x, UniformRandomProvider rng) {
        int k = rng.nextInt(6);
        if (k == 0 && Double.isFinite(x.lo())) {
            return x.lo();
        }
        if (k == 1 && Double.isFinite(x.hi())) {
            return x.hi();
        }
        if (k == 2 && x.contains(0)) {
            return 0;
        }
        double from = Double.isFinite(x.lo()) ? x.lo() : Math.min(x.hi(), 0) - logUniform(rng, 0, 300);
        double to = Double.isFinite(x.hi()) ? x.hi() : Math.max(x.lo(), 0) + logUniform(rng, 0, 300);
        double v = from + (to - from) * rng.nextDouble();
        if (!Double.isFinite(v)) {
            v = 0.5 * from + 0.5 * to;
        }
        return Math.min(to, Math.max(from, v));
    }

    private static BigDecimal big(double v) {
        return new BigDecimal(v);
    }

    /**
     * lo ≤ r + err ≤ hi for the exact value r + err, err the exact rounding error of r: between r and its
     * neighbour in the direction of err there is no double, so the comparison reduces to doubles.
     */
    private static boolean enclosesExactly(Interval e, double r, double err) {
        return e.lo() <= (err >= 0 ? r : Math.nextDown(r)) && e.hi() >= (err <= 0 ? r : Math.nextUp(r));
    }

    private static boolean enclosesBig(Interval e, BigDecimal exact) {
        boolean loOk = e.lo() == Double.NEGATIVE_INFINITY || big(e.lo()).compareTo(exact) <= 0;
        boolean hiOk = e.hi() == Double.POSITIVE_INFINITY || big(e.hi()).compareTo(exact) >= 0;
        return loOk && hiOk;
    }

    /** x + y exactly: TwoSum (Knuth) gives the rounding error unless the sum overflows. */
    private static boolean enclosesSum(Interval e, double x, double y) {
        double r = x + y;
        if (Double.isFinite(r)) {
            double bb = r - x;
            return enclosesExactly(e, r, (x - (r - bb)) + (y - bb));
        }
        return enclosesBig(e, big(x).add(big(y)));
    }

    /** x·y exactly: fma gives the rounding error unless the product over- or underflows. */
    private static boolean enclosesProduct(Interval e, double x, double y) {
        if (x == 0 || y == 0) {
            return enclosesExactly(e, 0, 0);
        }
        double r = x * y;
        if (Double.isFinite(r) && Math.abs(r) >= 0x1p-900) {
            return enclosesExactly(e, r, Math.fma(x, y, -r));
        }
        return enclosesBig(e, big(x).multiply(big(y)));
    }

    /** lo ≤ x/y ≤ hi exactly, by cross-multiplication (y ≠ 0). */
    private static boolean enclosesQuotient(Interval e, double x, double y) {
        double r = x / y;
        if (Double.isFinite(r) && e.lo() <= Math.nextDown(r) && e.hi() >= Math.nextUp(r)) {
            return true;
        }
        BigDecimal bx = big(x);
        BigDecimal by = big(y);
        int s = y > 0 ? 1 : -1; // multiplying by y < 0 flips the inequalities
        boolean loOk = e.lo() == Double.NEGATIVE_INFINITY || big(e.lo()).multiply(by).compareTo(bx) * s <= 0;
        boolean hiOk = e.hi() == Double.POSITIVE_INFINITY || big(e.hi()).multiply(by).compareTo(bx) * s >= 0;
        return loOk && hiOk;
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void operationsEncloseExactResults(Op op) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(300L + op.ordinal());
        int checks = 0;
        while (checks < SAMPLES) {
            Interval a = randomInterval(rng);
            Interval b = randomInterval(rng);
            if (op == Op.SQRT || op == Op.LOG) {
                Optional<Interval> pos = a.intersection(Interval.of(0, Double.POSITIVE_INFINITY));
                if (pos.isEmpty() || (op == Op.LOG && pos.get().hi() == 0)) {
                    continue;
                }
                a = pos.get();
            }
            double c = rng.nextInt(5) == 0 ? 0 : rng.nextDouble(-3, 3) * logUniform(rng, -5, 5);
            Interval e = switch (op) {
                case ADD -> a.add(b);
                case SUBTRACT -> a.subtract(b);
                case MULTIPLY -> a.multiply(b);
                case SCALE -> a.multiply(c);
                case DIVIDE -> a.divide(b);
                case NEGATE -> a.negate();
                case SQUARE -> a.square();
                case SQRT -> a.sqrt();
                case EXP -> a.exp();
                case LOG -> a.log();
            };
            for (int s = 0; s < 10; s++) {
                double x = sample(a, rng);
                double y = sample(b, rng);
                boolean ok = switch (op) {
                    case ADD -> enclosesSum(e, x, y);
                    case SUBTRACT -> enclosesSum(e, x, -y);
                    case MULTIPLY -> enclosesProduct(e, x, y);
                    case SCALE -> enclosesProduct(e, c, x);
                    case DIVIDE -> y == 0 || enclosesQuotient(e, x, y);
                    case NEGATE -> e.contains(-x);
                    case SQUARE -> enclosesProduct(e, x, x);
                    case SQRT -> {
                        double r = Math.sqrt(x);
                        if (e.lo() <= Math.max(0, Math.nextDown(r)) && e.hi() >= Math.nextUp(r)) {
                            yield true; // √ is correctly rounded
                        }
                        BigDecimal bx = big(x);
                        yield (e.lo() <= 0 || big(e.lo()).pow(2).compareTo(bx) <= 0)
                                && (e.hi() == Double.POSITIVE_INFINITY || big(e.hi()).pow(2).compareTo(bx) >= 0);
                    }
                    // within 1 ulp by the Java specification; exactness is checked against mpmath values in
                    // IntervalActivationTest.intervalExpAndLogContainExactValuesAtReferencePoints
                    case EXP -> e.contains(StrictMath.exp(x));
                    case LOG -> e.contains(StrictMath.log(x));
                };
                if (!ok) {
                    fail(op + " of " + a + (op.ordinal() < Op.NEGATE.ordinal() ? " and " + b : "") + " (c = " + c
                            + ") gives " + e + ", missing the exact result at x = " + x + ", y = " + y);
                }
                checks++;
            }
        }
    }

    @Test
    void divisionByAnIntervalContainingZeroIsTheWholeLine() {
        assertEquals(Interval.ENTIRE, Interval.of(1, 2).divide(Interval.of(-1, 1)));
        assertEquals(Interval.ENTIRE, Interval.of(1, 2).divide(Interval.of(0, 1)));
        assertEquals(Interval.ENTIRE, Interval.ZERO.divide(Interval.ZERO));
        Interval q = Interval.of(1, 2).divide(Interval.of(4, 8));
        assertTrue(q.contains(Interval.of(0.125, 0.5)) && q.width() < 0.375 + 1e-15, q.toString());
        Interval h = Interval.of(Double.NEGATIVE_INFINITY, 5).divide(Interval.of(1, Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, h.lo());
        assertTrue(h.hi() >= 5 && h.hi() < 5 + 1e-14, h.toString());
    }

    @Test
    void unboundedArithmeticFollowsSetSemantics() {
        assertEquals(Interval.ZERO, Interval.ENTIRE.multiply(Interval.ZERO), "0·x = 0 for every real x");
        assertEquals(Interval.ENTIRE, Interval.ENTIRE.add(Interval.ONE));
        assertEquals(Interval.ENTIRE, Interval.ENTIRE.subtract(Interval.ENTIRE));
        Interval half = Interval.of(1, Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, half.multiply(half).hi());
        assertTrue(half.multiply(half).lo() <= 1);
        assertEquals(Interval.of(0, Double.POSITIVE_INFINITY), Interval.ENTIRE.square());
        assertEquals(Interval.of(0, 1), Interval.of(Double.NEGATIVE_INFINITY, 0).exp());
        Interval big = Interval.of(1e308, Double.MAX_VALUE).add(Interval.of(1e308, 1e308));
        assertEquals(Double.POSITIVE_INFINITY, big.hi());
        assertEquals(Double.MAX_VALUE, big.lo(), "overflowing lower bound stays a finite lower bound");
    }

    @Test
    void squareIsTightAroundZero() {
        assertEquals(0, Interval.of(-2, 3).square().lo());
        assertTrue(Interval.of(-2, 3).square().contains(9));
        assertTrue(Interval.of(-2, 3).square().hi() <= Math.nextUp(9.0));
        Interval naive = Interval.of(-2, 3).multiply(Interval.of(-2, 3));
        assertTrue(naive.lo() <= -6, "the product does not know both factors are equal: " + naive);
        assertEquals(0, Interval.of(-1e-200, -1e-201).square().lo());
    }

    @Test
    void exactOperationsAreNotWidened() {
        assertEquals(Interval.of(3, 4), Interval.of(3, 4).add(Interval.ZERO));
        assertEquals(Interval.ZERO, Interval.of(-5, 7).multiply(0.0));
        assertEquals(Interval.ONE, Interval.ZERO.exp());
        assertEquals(Interval.ZERO, Interval.ONE.log());
        assertEquals(Interval.of(-4, -3), Interval.of(3, 4).negate());
    }

    @Test
    void widthMidMagnitudeAndSetOperations() {
        assertEquals(0, Interval.point(0.1).width());
        assertEquals(Double.POSITIVE_INFINITY, Interval.of(0, Double.POSITIVE_INFINITY).width());
        assertEquals(Double.POSITIVE_INFINITY, Interval.of(-Double.MAX_VALUE, Double.MAX_VALUE).width(),
                "overflowing width rounds up to +inf");
        double w = Interval.of(0.1, 0.7).width();
        assertTrue(big(w).compareTo(big(0.7).subtract(big(0.1))) >= 0 && w <= Math.nextUp(0.7 - 0.1));
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(9);
        for (int i = 0; i < 3_000; i++) {
            Interval x = randomInterval(rng);
            if (x.isBounded()) {
                BigDecimal exact = big(x.hi()).subtract(big(x.lo()));
                double wx = x.width();
                assertTrue(big(wx).compareTo(exact) >= 0, "width of " + x + " = " + wx);
                assertTrue(Double.isInfinite(wx) || big(Math.nextDown(wx)).compareTo(exact) < 0,
                        "width of " + x + " is not the tightest upper bound: " + wx);
            }
            assertTrue(x.contains(x.mid()), "mid of " + x);
        }
        assertEquals(2.5, Interval.of(2, 3).mid());
        assertEquals(0, Interval.ENTIRE.mid());
        assertEquals(-Double.MAX_VALUE, Interval.of(Double.NEGATIVE_INFINITY, 1).mid());
        assertEquals(Double.MAX_VALUE, Interval.of(1, Double.POSITIVE_INFINITY).mid());
        assertEquals(0.5 * 1e308 + 0.5 * Double.MAX_VALUE, Interval.of(1e308, Double.MAX_VALUE).mid());
        assertEquals(5, Interval.of(-5, 3).magnitude());
        assertEquals(Interval.of(-1, 4), Interval.of(-1, 0).hull(Interval.of(2, 4)));
        assertEquals(Optional.of(Interval.of(2, 3)), Interval.of(0, 3).intersection(Interval.of(2, 5)));
        assertEquals(Optional.empty(), Interval.of(0, 1).intersection(Interval.of(2, 5)));
        assertTrue(Interval.of(0, 3).contains(Interval.of(1, 2)));
        assertFalse(Interval.of(0, 3).contains(Interval.of(1, 4)));
        assertFalse(Interval.ENTIRE.contains(Double.NaN));
        assertTrue(Interval.point(4).isPoint());
        assertFalse(Interval.ENTIRE.isBounded());
        assertEquals(Interval.of(0, 0), Interval.of(-0.0, 0.0));
        assertEquals(0x0L, Double.doubleToRawLongBits(Interval.of(-0.0, 1).lo()), "-0.0 is stored as +0.0");
        assertEquals("[-1.5, 2.0]", Interval.of(-1.5, 2).toString());
    }

    @Test
    void validationNamesTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.of(2, 1));
        assertEquals("interval needs lo <= hi, got lo = 2.0 > hi = 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.of(Double.NaN, 1));
        assertEquals("interval endpoints must not be NaN, got lo = NaN, hi = 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.of(0, Double.NaN));
        assertEquals("interval endpoints must not be NaN, got lo = 0.0, hi = NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Interval.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertEquals("an interval must hold a real number: lo must be < +Infinity and hi > -Infinity, got lo = "
                + "Infinity, hi = Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.point(Double.NEGATIVE_INFINITY));
        assertEquals("a point interval needs a finite value, got -Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.of(-1, 4).sqrt());
        assertEquals("sqrt needs an interval inside [0, +Infinity), got [-1.0, 4.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.of(-1, 4).log());
        assertEquals("log needs an interval inside [0, +Infinity) with hi > 0, got [-1.0, 4.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.ZERO.log());
        assertEquals("log needs an interval inside [0, +Infinity) with hi > 0, got [0.0, 0.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interval.ONE.multiply(Double.NaN));
        assertEquals("scale factor must be finite, got NaN", e.getMessage());
    }
}
