package dev.sobolev.pruning.interval;

import java.util.Optional;

/**
 * A closed interval [lo, hi] of real numbers with sound, outward-rounded arithmetic: for every operation ∘ and
 * all x ∈ [x], y ∈ [y], the exact real x ∘ y lies in [x] ∘ [y]. This is the inclusion property behind the
 * fundamental theorem of interval arithmetic (Moore, Kearfott &amp; Cloud, <i>Introduction to Interval Analysis</i>,
 * SIAM 2009, ch. 5) that interval-adjoint significance analysis rests on (Kichler, Afghan &amp; Naumann, "Towards
 * Sobolev Pruning", slides "Interval Arithmetic" and "Interval Adjoints").
 *
 * <p>Endpoints are doubles, lo ≤ hi, neither NaN; lo may be −∞ and hi +∞ (the whole line is
 * {@link #ENTIRE}), but every interval holds at least one real, so lo &lt; +∞ and hi &gt; −∞. A −0.0 endpoint is
 * stored as +0.0. Rounding: each computed endpoint is moved outward with {@link Math#nextDown}/{@link Math#nextUp}
 * (one step for the correctly rounded +, −, ×, ÷, √; two for {@code exp}/{@code log}, which Java specifies within
 * 1 ulp); endpoints that are exact by construction (a factor 0, a summand 0) are not moved. The activations and
 * their derivatives live in {@link IntervalActivation}.
 *
 * @param lo lower endpoint
 * @param hi upper endpoint
 */
public record Interval(double lo, double hi) {
    /** The whole real line [−∞, +∞]. */
    public static final Interval ENTIRE = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    /** [0, 0]. */
    public static final Interval ZERO = new Interval(0, 0);
    /** [1, 1]. */
    public static final Interval ONE = new Interval(1, 1);

    /**
     * Validates and normalises the endpoints.
     *
     * @throws IllegalArgumentException if an endpoint is NaN, lo &gt; hi, lo = +∞ or hi = −∞; the message names
     *                                  both values
     */
    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException("interval endpoints must not be NaN, got lo = " + lo + ", hi = " + hi);
        }
        if (lo > hi) {
            throw new IllegalArgumentException("interval needs lo <= hi, got lo = " + lo + " > hi = " + hi);
        }
        if (lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("an interval must hold a real number: lo must be < +Infinity and hi > "
                    + "-Infinity, got lo = " + lo + ", hi = " + hi);
        }
        lo += 0.0; // −0.0 + 0.0 = +0.0: one zero, so equals() and hull() never see two
        hi += 0.0;
    }

    /**
     * [lo, hi].
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Interval of(double lo, double hi) {
        return new Interval(lo, hi);
    }

    /**
     * The degenerate interval [x, x] of a finite constant.
     *
     * @throws IllegalArgumentException if x is NaN or infinite
     */
    public static Interval point(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a point interval needs a finite value, got " + x);
        }
        return new Interval(x, x);
    }

    /** hi − lo, rounded up (so a sound bound on the width); +∞ when unbounded; 0 for a point. */
    public double width() {
        return Rounding.widthUp(lo, hi);
    }

    /**
     * A double inside the interval near (lo + hi)/2: 0 for {@link #ENTIRE}, ∓{@link Double#MAX_VALUE} for
     * half-lines (the IEEE 1788 convention). Not rounded in any direction; for pivoting, not for bounds.
     */
    public double mid() {
        if (lo == Double.NEGATIVE_INFINITY) {
            return hi == Double.POSITIVE_INFINITY ? 0 : -Double.MAX_VALUE;
        }
        if (hi == Double.POSITIVE_INFINITY) {
            return Double.MAX_VALUE;
        }
        double m = 0.5 * (lo + hi);
        if (Double.isInfinite(m)) {
            m = 0.5 * lo + 0.5 * hi;
        }
        return Math.min(hi, Math.max(lo, m));
    }

    /** The magnitude max{|x| : x ∈ [lo, hi]} = max(|lo|, |hi|), exact. */
    public double magnitude() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }

    /** Whether lo ≤ x ≤ hi (false for NaN). */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    /** Whether {@code other} ⊆ this. */
    public boolean contains(Interval other) {
        return lo <= other.lo && other.hi <= hi;
    }

    /** Whether lo = hi. */
    public boolean isPoint() {
        return lo == hi;
    }

    /** Whether both endpoints are finite. */
    public boolean isBounded() {
        return lo != Double.NEGATIVE_INFINITY && hi != Double.POSITIVE_INFINITY;
    }

    /** The interval hull, the smallest interval holding both. */
    public Interval hull(Interval other) {
        return new Interval(Math.min(lo, other.lo), Math.max(hi, other.hi));
    }

    /** The intersection, empty when the intervals are disjoint. */
    public Optional<Interval> intersection(Interval other) {
        double l = Math.max(lo, other.lo);
        double h = Math.min(hi, other.hi);
        return l <= h ? Optional.of(new Interval(l, h)) : Optional.empty();
    }

    /** [x] + [y]. */
    public Interval add(Interval y) {
        return new Interval(Rounding.addDown(lo, y.lo), Rounding.addUp(hi, y.hi));
    }

    /** [x] − [y]. */
    public Interval subtract(Interval y) {
        return new Interval(Rounding.addDown(lo, -y.hi), Rounding.addUp(hi, -y.lo));
    }

    /** −[x], exact. */
    public Interval negate() {
        return new Interval(-hi, -lo);
    }

    /** [x]·[y]: the hull of the four endpoint products, each rounded outward; 0·∞ = 0. */
    public Interval multiply(Interval y) {
        double l = Math.min(Math.min(Rounding.mulDown(lo, y.lo), Rounding.mulDown(lo, y.hi)),
                Math.min(Rounding.mulDown(hi, y.lo), Rounding.mulDown(hi, y.hi)));
        double h = Math.max(Math.max(Rounding.mulUp(lo, y.lo), Rounding.mulUp(lo, y.hi)),
                Math.max(Rounding.mulUp(hi, y.lo), Rounding.mulUp(hi, y.hi)));
        return new Interval(l, h);
    }

    /** c·[x] for a finite constant c (two products instead of four). */
    public Interval multiply(double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("scale factor must be finite, got " + c);
        }
        return c >= 0 ? new Interval(Rounding.mulDown(c, lo), Rounding.mulUp(c, hi))
                : new Interval(Rounding.mulDown(c, hi), Rounding.mulUp(c, lo));
    }

    /**
     * [x]/[y]. When [y] contains 0 the result is {@link #ENTIRE} (sound; the two half-line case of extended
     * division is not used). Otherwise the hull of the four endpoint quotients, rounded outward; a quotient by an
     * infinite endpoint counts as its limit 0 (the endpoint of [y] nearest 0 is finite, and the quotients by it
     * dominate).
     */
    public Interval divide(Interval y) {
        if (y.lo <= 0 && y.hi >= 0) {
            return ENTIRE;
        }
        double l = Math.min(Math.min(Rounding.divDown(lo, y.lo), Rounding.divDown(lo, y.hi)),
                Math.min(Rounding.divDown(hi, y.lo), Rounding.divDown(hi, y.hi)));
        double h = Math.max(Math.max(Rounding.divUp(lo, y.lo), Rounding.divUp(lo, y.hi)),
                Math.max(Rounding.divUp(hi, y.lo), Rounding.divUp(hi, y.hi)));
        return new Interval(l, h);
    }

    /** [x]² = {x² : x ∈ [x]}, tight: [0, max(lo², hi²)] when the interval contains 0. */
    public Interval square() {
        if (lo >= 0) {
            return new Interval(Math.max(0, Rounding.mulDown(lo, lo)), Rounding.mulUp(hi, hi));
        }
        if (hi <= 0) {
            return new Interval(Math.max(0, Rounding.mulDown(hi, hi)), Rounding.mulUp(lo, lo));
        }
        double m = Math.max(-lo, hi);
        return new Interval(0, Rounding.mulUp(m, m));
    }

    /**
     * √[x] (monotone; √ is correctly rounded, one outward step).
     *
     * @throws IllegalArgumentException if lo &lt; 0, naming the interval
     */
    public Interval sqrt() {
        if (lo < 0) {
            throw new IllegalArgumentException("sqrt needs an interval inside [0, +Infinity), got " + this);
        }
        return new Interval(Rounding.sqrtDown(lo), Rounding.sqrtUp(hi));
    }

    /** exp[x] (monotone; two outward steps on {@link StrictMath#exp}, clamped at 0 below). */
    public Interval exp() {
        return new Interval(Rounding.expDown(lo), Rounding.expUp(hi));
    }

    /**
     * log[x] (monotone; two outward steps on {@link StrictMath#log}); log 0 = −∞.
     *
     * @throws IllegalArgumentException if lo &lt; 0 or hi = 0, naming the interval
     */
    public Interval log() {
        if (lo < 0 || hi == 0) {
            throw new IllegalArgumentException("log needs an interval inside [0, +Infinity) with hi > 0, got " + this);
        }
        return new Interval(Rounding.logDown(lo), Rounding.logUp(hi));
    }

    /** "[lo, hi]" with the shortest decimal that reads back to each double. */
    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}
