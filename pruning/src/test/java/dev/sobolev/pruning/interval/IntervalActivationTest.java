package dev.sobolev.pruning.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.sobolev.surrogate.nn.Activation;

/**
 * Soundness of the activation enclosures, in two tiers.
 *
 * <p>Tier 1 (exact): at the 459 points of the mpmath reference table, the true σ⁽ᵏ⁾(x) must lie in the enclosure
 * of 120 random intervals containing x (the point itself, one-sided, half-lines, the whole line, and intervals of
 * widths 10⁻¹⁶..3·max(1, |x|)): ≥ 5·10⁴ exact checks per activation and order (8·10⁵ in all), no tolerance.
 *
 * <p>Tier 2 (sampled): ≥ 10⁵ points per activation and order, sampled from random intervals (straddling 0, tiny,
 * huge, half-lines, around the SiLU and GELU minima and around the critical points of σ⁽ᵏ⁾), including the
 * endpoints and the doubles next to every critical point inside. The reference is {@link Activation#derivatives},
 * the double formulas the network itself evaluates, whose own rounding error is up to ≈ 10⁻¹⁶·(1 + |x|) (e.g. SiLU′
 * computes x·s(1 − s) with s(1 − s) absolutely accurate only); a sample counts as inside when it lies in the
 * enclosure widened by 2⁻⁴⁶·(1 + |x|) ≈ 1.4·10⁻¹⁴·(1 + |x|). The exact, ulp-level claims are tier 1's job.
 */
class IntervalActivationTest {
    private static final int INTERVALS_PER_POINT = 120;
    private static final int SAMPLES = 100_000;
    private static final double TOL = 0x1p-46;

    /** Extreme values (mpmath, 50 digits) at the critical points: {kind, order, point, value, +1 max / −1 min}. */
    private static final Object[][] EXTREMA = {
        {Activation.SILU, 0, IntervalActivation.SILU_MIN, "-0.27846454276107379510935873902298015543947748861975", -1},
        {Activation.SILU, 1, -IntervalActivation.SILU_D1, "-0.099839320128866916958184924320570972130729394209304", -1},
        {Activation.SILU, 1, IntervalActivation.SILU_D1, "1.0998393201288669169581849243205709721307293942093", 1},
        {Activation.SILU, 2, -IntervalActivation.SILU_D2, "-0.03691437319989318563829177977224228645239202824404", -1},
        {Activation.SILU, 2, IntervalActivation.SILU_D2, "-0.03691437319989318563829177977224228645239202824404", -1},
        {Activation.SILU, 2, 0.0, "0.5", 1},
        {Activation.GELU, 0, IntervalActivation.GELU_MIN, "-0.16997120747990366169386847098243392283285239241824", -1},
        {Activation.GELU, 1, -IntervalActivation.SQRT2, "-0.12890414518515478634074444226197331233248701395279", -1},
        {Activation.GELU, 1, IntervalActivation.SQRT2, "1.1289041451851547863407444422619733123324870139528", 1},
        {Activation.GELU, 2, 0.0, "0.79788456080286535587989211986876373695171726232987", 1},
        {Activation.GELU, 2, 2.0, "-0.10798193302637610390112840082142716347962908089372", -1},
        {Activation.GELU, 2, -2.0, "-0.10798193302637610390112840082142716347962908089372", -1},
        {Activation.TANH, 1, 0.0, "1", 1},
        {Activation.TANH, 2, -IntervalActivation.TANH_D2, "0.76980035891950101934553170733594327419680233502684", 1},
        {Activation.TANH, 2, IntervalActivation.TANH_D2, "-0.76980035891950101934553170733594327419680233502684", -1},
        {Activation.SIGMOID, 1, 0.0, "0.25", 1},
        {Activation.SIGMOID, 2, -IntervalActivation.SIGMOID_D2, "0.096225044864937627418191463416992909274600291878355",
            1},
        {Activation.SIGMOID, 2, IntervalActivation.SIGMOID_D2, "-0.096225044864937627418191463416992909274600291878355",
            -1},
        {Activation.SOFTPLUS, 2, 0.0, "0.25", 1},
    };

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    private static double logUniform(UniformRandomProvider rng, double minExp, double maxExp) {
        return Math.pow(10, minExp + (maxExp - minExp) * rng.nextDouble());
    }

    /** An interval containing x, of one of several shapes (see the class comment). */
    static Interval containing(double x, int r, UniformRandomProvider rng) {
        double scale = Math.max(1, Math.abs(x));
        switch (r) {
            case 0:
                return Interval.point(x);
            case 1:
                return Interval.of(x, x + scale * logUniform(rng, -16, 0.5));
            case 2:
                return Interval.of(x - scale * logUniform(rng, -16, 0.5), x);
            case 3:
                return Interval.of(x, Double.POSITIVE_INFINITY);
            case 4:
                return Interval.of(Double.NEGATIVE_INFINITY, x);
            case 5:
                return Interval.ENTIRE;
            default:
                double d1 = rng.nextInt(10) == 0 ? 0 : scale * logUniform(rng, -16, 0.5);
                double d2 = rng.nextInt(10) == 0 ? 0 : scale * logUniform(rng, -16, 0.5);
                return Interval.of(x - d1, x + d2);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TANH", "SIGMOID", "SOFTPLUS", "SILU", "GELU"})
    void enclosuresContainExactValuesAtReferencePoints(Activation kind) {
        IntervalActivation ia = IntervalActivation.of(kind);
        UniformRandomProvider rng = rng(1000L + kind.ordinal());
        for (int order = 0; order <= 2; order++) {
            int o = order;
            long checks = checkColumn(ExactReference.column(kind.label(), order), rng, box -> box,
                    box -> ia.enclosure(o, box), kind + " order " + order);
            assertTrue(checks >= SAMPLES / 2, kind + " order " + order + ": only " + checks + " exact checks");
        }
    }

    @Test
    void intervalExpAndLogContainExactValuesAtReferencePoints() {
        UniformRandomProvider rng = rng(77);
        long checks = checkColumn(ExactReference.column("exp"), rng, box -> box, Interval::exp, "exp");
        checks += checkColumn(ExactReference.column("log"), rng,
                box -> box.intersection(Interval.of(0, Double.POSITIVE_INFINITY)).orElseThrow(), Interval::log, "log");
        assertTrue(checks >= 75_000, "only " + checks + " checks");
    }

    /**
     * For every point x of an exact reference column, {@link #INTERVALS_PER_POINT} random boxes containing x
     * (restricted to the function's domain) whose enclosures must contain the exact value's bracket.
     *
     * @return the number of checks made
     */
    private static long checkColumn(ExactReference.Column c, UniformRandomProvider rng, UnaryOperator<Interval> domain,
                                    UnaryOperator<Interval> enclosure, String what) {
        long checks = 0;
        for (int i = 0; i < c.size(); i++) {
            if (Double.isNaN(c.lo()[i])) {
                continue;
            }
            double x = c.x()[i];
            for (int r = 0; r < INTERVALS_PER_POINT; r++) {
                Interval box = domain.apply(containing(x, r, rng));
                Interval e = enclosure.apply(box);
                if (!(e.lo() <= c.lo()[i] && e.hi() >= c.hi()[i])) {
                    fail(what + " over " + box + " gives " + e + ", missing the exact value " + c.name() + "(" + x
                            + ") in [" + c.lo()[i] + ", " + c.hi()[i] + "]");
                }
                checks++;
            }
        }
        return checks;
    }

    /** Every critical point stored for any activation (and the SiLU/GELU minima), for targeted sampling. */
    private static double[] allCriticalPoints() {
        List<Double> all = new ArrayList<>();
        for (Activation a : Activation.values()) {
            for (int k = 0; k <= 2; k++) {
                for (double c : IntervalActivation.of(a).criticalPoints(k)) {
                    all.add(c);
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Interval around(double c, UniformRandomProvider rng) {
        double d1 = logUniform(rng, -15, 0.3);
        double d2 = logUniform(rng, -15, 0.3);
        return switch (rng.nextInt(4)) {
            case 0 -> Interval.of(c, c + d2);
            case 1 -> Interval.of(c - d1, c);
            case 2 -> Interval.of(c + d1 * 1e-3, c + d1 * 1e-3 + d2); // just beside c: the band must not hurt soundness
            default -> Interval.of(c - d1, c + d2);
        };
    }

    /** Random interval of the tier-2 mix; {@code near} are the critical points of the function under test. */
    private static Interval randomInterval(UniformRandomProvider rng, double[] near) {
        int t = rng.nextInt(10);
        double c = rng.nextDouble(-8, 8);
        switch (t) {
            case 0:
            case 1: {
                double h = logUniform(rng, -6, 1);
                return Interval.of(c - h * rng.nextDouble(), c + h * rng.nextDouble());
            }
            case 2:
                return Interval.of(-logUniform(rng, -10, 1), logUniform(rng, -10, 1));
            case 3:
                return Interval.of(c, c + Math.max(1, Math.abs(c)) * logUniform(rng, -16, -8));
            case 4:
                return rng.nextBoolean() ? Interval.of(-logUniform(rng, 1, 6), logUniform(rng, 1, 6))
                        : Interval.of(c, c + logUniform(rng, 2, 8));
            case 5:
                return around(IntervalActivation.SILU_MIN, rng);
            case 6:
                return around(IntervalActivation.GELU_MIN, rng);
            case 7:
                return near.length == 0 ? Interval.of(c, c + 1) : around(near[rng.nextInt(near.length)], rng);
            case 8:
                return Interval.point(c);
            default:
                return switch (rng.nextInt(3)) {
                    case 0 -> Interval.of(Double.NEGATIVE_INFINITY, c);
                    case 1 -> Interval.of(c, Double.POSITIVE_INFINITY);
                    default -> Interval.ENTIRE;
                };
        }
    }

    /** Sample points of an interval: finite endpoints, doubles at and next to critical points inside, uniform. */
    private static int samplePoints(Interval box, double[] critical, UniformRandomProvider rng, double[] out) {
        int n = 0;
        if (Double.isFinite(box.lo())) {
            out[n++] = box.lo();
        }
        if (Double.isFinite(box.hi()) && box.hi() != box.lo()) {
            out[n++] = box.hi();
        }
        for (double c : critical) {
            for (double x : new double[] {c, Math.nextDown(c), Math.nextUp(c)}) {
                if (box.contains(x) && n < out.length) {
                    out[n++] = x;
                }
            }
        }
        double from = Double.isFinite(box.lo()) ? box.lo() : Math.min(box.hi(), 0) - logUniform(rng, 0, 3);
        double to = Double.isFinite(box.hi()) ? box.hi() : Math.max(box.lo(), 0) + logUniform(rng, 0, 3);
        while (n < out.length) {
            double x = from + (to - from) * rng.nextDouble();
            out[n++] = Math.min(to, Math.max(from, x));
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void enclosuresContainSampledValuesOverRandomIntervals(Activation kind) {
        IntervalActivation ia = IntervalActivation.of(kind);
        UniformRandomProvider rng = rng(2000L + kind.ordinal());
        double[] critical = allCriticalPoints();
        double[] xs = new double[10];
        double[] d = new double[4];
        for (int order = 0; order <= 2; order++) {
            double[] near = ia.criticalPoints(order);
            long samples = 0;
            while (samples < SAMPLES) {
                Interval box = randomInterval(rng, near);
                Interval e = ia.enclosure(order, box);
                int n = samplePoints(box, critical, rng, xs);
                for (int s = 0; s < n; s++) {
                    double x = xs[s];
                    kind.derivatives(x, d);
                    double v = d[order];
                    double tol = TOL * (1 + Math.abs(x));
                    if (!(v >= e.lo() - tol && v <= e.hi() + tol)) {
                        fail(kind + " order " + order + " over " + box + " gives " + e + " but at x = " + x
                                + " the value is " + v);
                    }
                }
                samples += n;
            }
        }
    }

    @Test
    void knownExtremaAreEnclosedAndNotOverestimated() {
        for (Object[] row : EXTREMA) {
            Activation kind = (Activation) row[0];
            int order = (Integer) row[1];
            double c = (Double) row[2];
            double[] value = ExactReference.bracket(new BigDecimal((String) row[3]));
            boolean max = (Integer) row[4] > 0;
            // 10⁻¹³: GELU's erfc margin (2⁻⁴⁴ absolute for Φ near √2) is the loosest part
            for (double h : new double[] {0, 1e-15, 1e-9, 1e-3, 0.5}) {
                Interval box = Interval.of(c - h, c + h);
                Interval e = IntervalActivation.of(kind).enclosure(order, box);
                String what = kind + " order " + order + " over " + box + " = " + e;
                if (max) {
                    assertTrue(e.hi() >= value[1], what + " misses the maximum " + row[3]);
                    if (h <= 1e-9) {
                        assertTrue(e.hi() - value[1] <= 1e-13, what + " overestimates the maximum " + row[3]);
                    }
                } else {
                    assertTrue(e.lo() <= value[0], what + " misses the minimum " + row[3]);
                    if (h <= 1e-9) {
                        assertTrue(value[0] - e.lo() <= 1e-13, what + " overestimates the minimum " + row[3]);
                    }
                }
            }
        }
    }

    /**
     * Each stored critical point c̃ of σ⁽ᵏ⁾ is within {@link IntervalActivation#BAND} of a true zero of σ⁽ᵏ⁺¹⁾:
     * σ⁽ᵏ⁺¹⁾ has strictly opposite signs at c̃ ± BAND. For k ≤ 1 the signs come from our own (sound) point
     * enclosures; for k = 2 from the double σ‴ of {@link Activation}, which is there ≈ 10⁻¹³ in magnitude against a
     * rounding error of ≈ 10⁻¹⁶.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void criticalPointsAreCertifiedBySignChange(Activation kind) {
        IntervalActivation ia = IntervalActivation.of(kind);
        double[] d = new double[4];
        for (int order = 0; order <= 2; order++) {
            for (double c : ia.criticalPoints(order)) {
                double left = c - IntervalActivation.BAND;
                double right = c + IntervalActivation.BAND;
                if (order < 2) {
                    Interval l = ia.point(order + 1, left);
                    Interval r = ia.point(order + 1, right);
                    boolean change = (l.hi() < 0 && r.lo() > 0) || (l.lo() > 0 && r.hi() < 0);
                    assertTrue(change, kind + " order " + order + ": no certified sign change of the next derivative "
                            + "around " + c + ": " + l + " vs " + r);
                } else {
                    kind.derivatives(left, d);
                    double l = d[3];
                    kind.derivatives(right, d);
                    double r = d[3];
                    assertTrue(Math.abs(l) > 1e-14 && Math.abs(r) > 1e-14 && Math.signum(l) != Math.signum(r),
                            kind + " third derivative around " + c + ": " + l + " vs " + r);
                }
            }
        }
    }

    /**
     * The stored lists are complete on [−30, 30]: every sign change of σ⁽ᵏ⁺¹⁾ on a 10⁻³ grid has a stored critical
     * point between the two grid points and vice versa. Beyond |x| = 30 every σ⁽ᵏ⁺¹⁾ here keeps its sign (each is an
     * exponentially decaying term times a polynomial without further real zeros, or constant).
     */
    @ParameterizedTest
    @EnumSource(names = {"TANH", "SIGMOID", "SOFTPLUS", "SILU", "GELU"})
    void criticalPointListsAreComplete(Activation kind) {
        IntervalActivation ia = IntervalActivation.of(kind);
        double[] d = new double[4];
        for (int order = 0; order <= 2; order++) {
            double[] stored = ia.criticalPoints(order);
            boolean[] seen = new boolean[stored.length];
            double prevX = Double.NaN;
            double prevSign = 0;
            for (int g = -30_000; g <= 30_000; g++) {
                double x = g * 1e-3;
                kind.derivatives(x, d);
                double v = d[order + 1];
                if (Math.abs(v) < 1e-12) {
                    continue; // sign not trustworthy in double; a crossing is still seen between its neighbours
                }
                double sign = Math.signum(v);
                if (prevSign != 0 && sign != prevSign) {
                    boolean found = false;
                    for (int s = 0; s < stored.length; s++) {
                        if (stored[s] >= prevX && stored[s] <= x) {
                            seen[s] = true;
                            found = true;
                        }
                    }
                    assertTrue(found, kind + " order " + order + ": unlisted critical point in [" + prevX + ", " + x
                            + "]");
                }
                prevX = x;
                prevSign = sign;
            }
            for (int s = 0; s < stored.length; s++) {
                assertTrue(seen[s], kind + " order " + order + ": no sign change at stored point " + stored[s]);
            }
        }
    }

    @Test
    void reluAndIdentityAreExact() {
        IntervalActivation relu = IntervalActivation.of(Activation.RELU);
        assertEquals(Interval.of(0, 2), relu.value(Interval.of(-1, 2)));
        assertEquals(Interval.of(0, 0), relu.value(Interval.of(-3, -1)));
        assertEquals(Interval.of(0, 1), relu.firstDerivative(Interval.of(-1, 2)));
        assertEquals(Interval.of(0, 1), relu.firstDerivative(Interval.of(-1, 0)), "Clarke derivative at the kink");
        assertEquals(Interval.ZERO, relu.firstDerivative(Interval.of(-2, -1)));
        assertEquals(Interval.ONE, relu.firstDerivative(Interval.of(0.5, Double.POSITIVE_INFINITY)));
        assertEquals(Interval.ZERO, relu.secondDerivative(Interval.ENTIRE));
        IntervalActivation id = IntervalActivation.of(Activation.IDENTITY);
        Interval x = Interval.of(-3, 7);
        assertEquals(x, id.value(x));
        assertEquals(Interval.ENTIRE, id.value(Interval.ENTIRE));
        assertEquals(Interval.ONE, id.firstDerivative(Interval.ENTIRE));
        assertEquals(Interval.ZERO, id.secondDerivative(x));
    }

    @Test
    void unboundedIntervalsUseTheLimits() {
        assertEquals(Interval.of(-1, 1), IntervalActivation.of(Activation.TANH).value(Interval.ENTIRE));
        assertEquals(Interval.of(0, 1), IntervalActivation.of(Activation.SIGMOID).value(Interval.ENTIRE));
        Interval silu = IntervalActivation.of(Activation.SILU).value(Interval.ENTIRE);
        assertTrue(silu.lo() < -0.27846454276107379 && silu.lo() > -0.27846454276107379 - 1e-15, silu.toString());
        assertEquals(Double.POSITIVE_INFINITY, silu.hi());
        Interval gelu1 = IntervalActivation.of(Activation.GELU).firstDerivative(Interval.ENTIRE);
        assertTrue(gelu1.lo() < -0.128904145185154 && gelu1.hi() > 1.128904145185154, gelu1.toString());
        // within GELU's erfc margin (2⁻⁴⁴ absolute on Φ for x > 0, see Rounding)
        assertTrue(gelu1.lo() > -0.128904145185155 - 1e-13 && gelu1.hi() < 1.128904145185155 + 1e-13,
                gelu1.toString());
        Interval left = IntervalActivation.of(Activation.SOFTPLUS).value(Interval.of(Double.NEGATIVE_INFINITY, 0));
        assertEquals(0, left.lo());
        assertTrue(left.contains(Math.log(2)) && left.hi() < Math.log(2) + 1e-15, left.toString());
        for (Activation a : Activation.values()) {
            Interval d2 = IntervalActivation.of(a).secondDerivative(Interval.of(40, Double.POSITIVE_INFINITY));
            assertTrue(d2.magnitude() < 1e-15, a + " second derivative on [40, inf] = " + d2);
        }
    }

    @Test
    void rejectsOrdersOtherThanZeroToTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntervalActivation.of(Activation.SILU).enclosure(3, Interval.ONE));
        assertEquals("derivative order must be 0, 1 or 2, got 3", e.getMessage());
    }
}
