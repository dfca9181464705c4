package dev.sobolev.surrogate.schema;

import java.util.Locale;
import java.util.Objects;

/**
 * One input of a model: its name and unit, the box of its training data [lower, upper] and the mean and standard
 * deviation of its training values. A model whose training data are unknown (a version-1 model file) has the box
 * (−∞, +∞), so no point lies outside it, and NaN moments.
 *
 * @param name  the input's name, non-blank (e.g. {@code S1})
 * @param unit  its unit, empty when none is known (e.g. {@code price})
 * @param lower the smallest training value, or −∞ when unknown
 * @param upper the largest training value (≥ lower), or +∞ when unknown
 * @param mean  the mean of the training values, or NaN when unknown
 * @param sd    their standard deviation (≥ 0, population form √(Σ(x − mean)²/n)), or NaN when unknown
 */
public record InputSpec(String name, String unit, double lower, double upper, double mean, double sd) {
    /**
     * Validates the spec.
     *
     * @param name  the input's name
     * @param unit  its unit
     * @param lower the smallest training value, or −∞
     * @param upper the largest training value, or +∞
     * @param mean  the training mean, or NaN
     * @param sd    the training standard deviation, or NaN
     * @throws IllegalArgumentException if the name is blank, the unit null, a bound NaN or +∞/−∞ on the wrong side,
     *                                  lower &gt; upper, the mean infinite or the deviation infinite or negative
     */
    public InputSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("input name must be non-blank, got '" + name + "'");
        }
        Objects.requireNonNull(unit, "unit");
        if (Double.isNaN(lower) || lower == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("input " + name + ": lower must be a number or -infinity, got " + lower);
        }
        if (Double.isNaN(upper) || upper == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("input " + name + ": upper must be a number or +infinity, got " + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("input " + name + ": lower must be <= upper, got [" + lower + ", "
                    + upper + "]");
        }
        if (Double.isInfinite(mean)) {
            throw new IllegalArgumentException("input " + name + ": mean must be finite or NaN (unknown), got " + mean);
        }
        if (Double.isInfinite(sd) || sd < 0) {
            throw new IllegalArgumentException("input " + name + ": sd must be finite and >= 0 or NaN (unknown), got "
                    + sd);
        }
    }

    /**
     * An input whose training data are unknown: box (−∞, +∞), NaN moments.
     *
     * @param name the input's name
     * @param unit its unit
     * @return the spec
     */
    public static InputSpec unknown(String name, String unit) {
        return new InputSpec(name, unit, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN);
    }

    /**
     * Tells whether the training box of this input is known.
     *
     * @return true if both bounds are finite
     */
    public boolean bounded() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /**
     * Tells whether a value lies in the training box.
     *
     * @param x a value in this input's unit
     * @return lower ≤ x ≤ upper (false for NaN)
     */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    /**
     * The nearest value of the training box.
     *
     * @param x a finite value
     * @return x moved into [lower, upper]
     */
    public double clamp(double x) {
        return Math.min(upper, Math.max(lower, x));
    }

    /**
     * The box as text, e.g. {@code [0.35, 1.62]}.
     *
     * @return the interval in Java's shortest round-trip form
     */
    public String box() {
        return String.format(Locale.ROOT, "[%s, %s]", lower, upper);
    }
}
