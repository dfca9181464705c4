package dev.sobolev.pruning.interval;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import dev.sobolev.surrogate.nn.Activation;

/**
 * Interval enclosures of an {@link Activation} σ and of its first and second derivatives σ′, σ″ over an interval:
 * for every x ∈ [x], σ⁽ᵏ⁾(x) ∈ {@code enclosure(k, [x])}. σ′ drives the interval adjoint
 * [z̄] = [σ′]([z])·[ā] of the interval-adjoint significance analysis (Kichler, Afghan &amp; Naumann, "Towards
 * Sobolev Pruning"); σ″ is there for second-order (gamma-protecting) significance.
 *
 * <p><b>Method.</b> Each σ⁽ᵏ⁾ is continuous (σ′ of ReLU excepted, which is monotone) and monotone between the zeros
 * of σ⁽ᵏ⁺¹⁾, its critical points, which are known analytically for every activation here (the list per
 * activation is in the source). Over [a, b] the range is therefore the hull of σ⁽ᵏ⁾(a), σ⁽ᵏ⁾(b) and of the values
 * at the critical points inside [a, b]; infinite endpoints contribute the limits at ±∞. Each of these values is
 * enclosed by evaluating a closed form in outward-rounded {@link Interval} arithmetic on the point (built from
 * exp/expm1/log1p within 1 ulp, and Commons Math erfc for GELU with the margin documented in {@link Rounding}), so
 * the result is tight to a few ulps and free of the dependency problem of a naive interval extension.
 *
 * <p>The critical points c are irrational; the code holds the nearest double c̃ (mpmath, 50 digits), and the
 * tests certify |c − c̃| ≤ 10⁻¹² by a sign change of σ⁽ᵏ⁺¹⁾ across c̃ ± 10⁻¹². An extremum counts when
 * [c̃ − 10⁻¹², c̃ + 10⁻¹²] meets [a, b], and its value is the enclosure at c̃ widened by one more ulp, which covers
 * |σ⁽ᵏ⁾(c) − σ⁽ᵏ⁾(c̃)| ≤ ½·max|σ⁽ᵏ⁺²⁾|·10⁻²⁴ since every extremal value here exceeds 0.036 in magnitude.
 *
 * <p>Conventions: ReLU′ over an interval containing 0 is [0, 1] (the Clarke generalised derivative; the point
 * convention of {@link Activation} is σ′(0) = 0, inside it); ReLU″ and identity″ are 0 (the Dirac mass of ReLU″ at
 * 0 is not represented, as in {@link Activation}).
 */
public final class IntervalActivation {
    /** Half-width of the band around a stored critical point inside which the extremum is included. */
    static final double BAND = 1e-12;

    private static final Interval TWO = Interval.point(2);
    private static final Interval RELU_KINK = Interval.of(0, 1);
    private static final Interval INV_SQRT2 = around(0.7071067811865476);
    private static final Interval INV_SQRT_2PI = around(0.3989422804014327);

    // Critical points c̃ (zeros of σ⁽ᵏ⁺¹⁾), mpmath at 50 digits, rounded to nearest.
    /** SiLU: 1 + x(1 − s(x)) = 0, x* = −1 − W(1/e); minimum value x* + 1. */
    static final double SILU_MIN = -1.2784645427610737;
    /** SiLU′ extrema: x·tanh(x/2) = 2. */
    static final double SILU_D1 = 2.3993572805154675;
    /** SiLU″ extrema besides 0: x(3tanh²(x/2) − 1) = 6tanh(x/2). */
    static final double SILU_D2 = 3.435840993535111;
    /** GELU: Φ(x) + xφ(x) = 0. */
    static final double GELU_MIN = -0.7517915246935645;
    /** GELU′ extrema: 2 − x² = 0. */
    static final double SQRT2 = 1.4142135623730951;
    /** tanh″ extrema: tanh² = 1/3, x = ln(2 + √3)/2. */
    static final double TANH_D2 = 0.6584789484624084;
    /** σ″ extrema of the logistic sigmoid: x = ln(2 + √3). */
    static final double SIGMOID_D2 = 1.3169578969248168;

    private static final double[] NONE = {};
    private static final Map<Activation, IntervalActivation> ALL = new EnumMap<>(Activation.class);

    static {
        for (Activation a : Activation.values()) {
            ALL.put(a, new IntervalActivation(a));
        }
    }

    private final Activation kind;
    private final double[][] critical;

    private IntervalActivation(Activation kind) {
        this.kind = kind;
        this.critical = switch (kind) {
            case IDENTITY, RELU -> new double[][] {NONE, NONE, NONE};
            case TANH -> new double[][] {NONE, {0}, {-TANH_D2, TANH_D2}};
            case SIGMOID -> new double[][] {NONE, {0}, {-SIGMOID_D2, SIGMOID_D2}};
            case SOFTPLUS -> new double[][] {NONE, NONE, {0}};
            case SILU -> new double[][] {{SILU_MIN}, {-SILU_D1, SILU_D1}, {-SILU_D2, 0, SILU_D2}};
            case GELU -> new double[][] {{GELU_MIN}, {-SQRT2, SQRT2}, {-2, 0, 2}};
        };
    }

    /** The enclosures of {@code kind}. */
    public static IntervalActivation of(Activation kind) {
        return ALL.get(Objects.requireNonNull(kind, "kind"));
    }

    /** The activation enclosed. */
    public Activation kind() {
        return kind;
    }

    /** An enclosure of σ([x]) = {σ(x) : x ∈ [x]}. */
    public Interval value(Interval x) {
        return enclosure(0, x);
    }

    /** An enclosure of σ′([x]). */
    public Interval firstDerivative(Interval x) {
        return enclosure(1, x);
    }

    /** An enclosure of σ″([x]). */
    public Interval secondDerivative(Interval x) {
        return enclosure(2, x);
    }

    /**
     * An enclosure of σ⁽ᵏ⁾([x]) for k = {@code order} ∈ {0, 1, 2}.
     *
     * @throws IllegalArgumentException if the order is not 0, 1 or 2
     */
    public Interval enclosure(int order, Interval x) {
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("derivative order must be 0, 1 or 2, got " + order);
        }
        Objects.requireNonNull(x, "x");
        if (kind == Activation.IDENTITY && order == 0) {
            return x;
        }
        double lo;
        double hi;
        if (x.lo() == Double.NEGATIVE_INFINITY) {
            lo = limit(order, false);
            hi = lo;
        } else {
            Interval p = point(order, x.lo());
            lo = p.lo();
            hi = p.hi();
        }
        if (x.hi() != x.lo()) {
            if (x.hi() == Double.POSITIVE_INFINITY) {
                double l = limit(order, true);
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            } else {
                Interval p = point(order, x.hi());
                lo = Math.min(lo, p.lo());
                hi = Math.max(hi, p.hi());
            }
        }
        for (double c : critical[order]) {
            if (c - BAND <= x.hi() && c + BAND >= x.lo()) {
                Interval p = point(order, c);
                lo = Math.min(lo, Math.nextDown(p.lo()));
                hi = Math.max(hi, Math.nextUp(p.hi()));
            }
        }
        return new Interval(lo, hi);
    }

    /** A copy of the stored critical points of σ⁽ᵏ⁾ (for the certification tests). */
    double[] criticalPoints(int order) {
        return critical[order].clone();
    }

    /** lim σ⁽ᵏ⁾(x) for x → +∞ ({@code plus}) or −∞. */
    private double limit(int order, boolean plus) {
        if (order == 2) {
            return 0;
        }
        if (order == 1) {
            return switch (kind) {
                case IDENTITY -> 1;
                case TANH, SIGMOID -> 0;
                default -> plus ? 1 : 0;
            };
        }
        return switch (kind) {
            case IDENTITY -> plus ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case TANH -> plus ? 1 : -1;
            case SIGMOID -> plus ? 1 : 0;
            default -> plus ? Double.POSITIVE_INFINITY : 0;
        };
    }

    /** An enclosure of σ⁽ᵏ⁾(x) at a finite point, from closed forms in interval arithmetic. */
    Interval point(int order, double x) {
        return switch (kind) {
            case IDENTITY -> order == 0 ? Interval.point(x) : order == 1 ? Interval.ONE : Interval.ZERO;
            case RELU -> order == 0 ? Interval.point(Math.max(x, 0))
                    : order == 1 ? (x > 0 ? Interval.ONE : x < 0 ? Interval.ZERO : RELU_KINK) : Interval.ZERO;
            case TANH -> tanh(order, x);
            case SIGMOID -> sigmoid(order, x);
            case SOFTPLUS -> order == 0 ? softplus(x) : sigmoid(order - 1, x);
            case SILU -> silu(order, x);
            case GELU -> gelu(order, x);
        };
    }

    /** [nextDown(d), nextUp(d)] for a constant whose correctly rounded value is d. */
    private static Interval around(double d) {
        return Interval.of(Math.nextDown(d), Math.nextUp(d));
    }

    /** e^{−u} for u ≥ 0 (u = +∞ allowed). */
    private static Interval expNeg(double u) {
        return Interval.of(Rounding.expDown(-u), Rounding.expUp(-u));
    }

    /** 1 − e^{−u} = −expm1(−u) for u ≥ 0, accurate for small u. */
    private static Interval oneMinusExpNeg(double u) {
        return Interval.of(-Rounding.expm1Up(-u), -Rounding.expm1Down(-u));
    }

    /**
     * tanh and its derivatives from e = e^{−2|x|} and d = 1 − e: tanh|x| = d/(1 + e), sech² = 4e/(1 + e)²,
     * tanh″ = −2·tanh·sech² = ∓8ed/(1 + e)³; no cancellation in either tail.
     */
    private static Interval tanh(int order, double x) {
        double u = 2 * Math.abs(x);
        Interval e = expNeg(u);
        Interval den = Interval.ONE.add(e);
        if (order == 1) {
            return e.multiply(4).divide(den.square());
        }
        Interval d = oneMinusExpNeg(u);
        Interval v = order == 0 ? clamp(d.divide(den), 0, 1)
                : d.multiply(e).multiply(-8).divide(den.square().multiply(den));
        return x < 0 ? v.negate() : v;
    }

    /** [x] ∩ [a, b] for a range fact a ≤ f ≤ b of the function enclosed (never empty for a sound [x]). */
    private static Interval clamp(Interval x, double a, double b) {
        return Interval.of(Math.max(x.lo(), a), Math.min(x.hi(), b));
    }

    /**
     * The logistic s and its derivatives from e = e^{−|x|} and d = 1 − e: s = 1/(1 + e) (x ≥ 0) or e/(1 + e),
     * s′ = e/(1 + e)², s″ = s′(1 − 2s) = ∓ed/(1 + e)³.
     */
    private static Interval sigmoid(int order, double x) {
        double u = Math.abs(x);
        Interval e = expNeg(u);
        Interval den = Interval.ONE.add(e);
        if (order == 0) {
            return clamp(x >= 0 ? Interval.ONE.divide(den) : e.divide(den), 0, 1);
        }
        if (order == 1) {
            return e.divide(den.square());
        }
        Interval v = e.multiply(oneMinusExpNeg(u)).divide(den.square().multiply(den));
        return x > 0 ? v.negate() : v;
    }

    /** softplus x = max(x, 0) + log1p(e^{−|x|}). */
    private static Interval softplus(double x) {
        Interval e = expNeg(Math.abs(x));
        Interval l = Interval.of(Rounding.log1pDown(e.lo()), Rounding.log1pUp(e.hi()));
        return Interval.point(Math.max(x, 0)).add(l);
    }

    /** SiLU x·s, s + x·s′, 2s′ + x·s″. */
    private static Interval silu(int order, double x) {
        Interval px = Interval.point(x);
        return switch (order) {
            case 0 -> px.multiply(sigmoid(0, x));
            case 1 -> sigmoid(0, x).add(px.multiply(sigmoid(1, x)));
            default -> sigmoid(1, x).multiply(2).add(px.multiply(sigmoid(2, x)));
        };
    }

    /** GELU x·Φ, Φ + x·φ, φ·(2 − x²) with Φ(x) = erfc(−x/√2)/2 and φ(x) = e^{−x²/2}/√(2π). */
    private static Interval gelu(int order, double x) {
        Interval px = Interval.point(x);
        if (order == 2) {
            if (Math.abs(x) >= 64) {
                // |φ(x)(2 − x²)| ≤ x²e^{−x²/2} < 2⁻¹⁰⁷⁴ and negative; x² would overflow for huge x
                return Interval.of(-Double.MIN_VALUE, 0);
            }
            return phi(px).multiply(TWO.subtract(px.square()));
        }
        Interval t = px.negate().multiply(INV_SQRT2);
        Interval cdf = Interval.of(Rounding.erfcDown(t.hi()), Rounding.erfcUp(t.lo())).multiply(0.5);
        return order == 0 ? px.multiply(cdf) : cdf.add(px.multiply(phi(px)));
    }

    private static Interval phi(Interval px) {
        return px.square().multiply(-0.5).exp().multiply(INV_SQRT_2PI);
    }
}
