package dev.sobolev.pruning.interval;

import java.util.Arrays;

import dev.sobolev.core.dataset.Dataset;

/**
 * The input domain of an interval pass: the box [lower₀, upper₀] × … × [lower_{d−1}, upper_{d−1}], the "trust
 * region" over which interval-adjoint significance is computed (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", slide
 * "Interval Arithmetic"). Immutable; the bounds are copied in and out.
 */
public final class InputBox {
    private final double[] lower;
    private final double[] upper;

    private InputBox(double[] lower, double[] upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * The box with the given per-input bounds.
     *
     * @param lower lower bounds, one per input, finite
     * @param upper upper bounds, same length, finite, upper[i] ≥ lower[i]
     * @throws IllegalArgumentException naming the input index and values on a NaN or infinite bound, lower &gt;
     *                                  upper, a length mismatch or an empty box
     */
    public static InputBox of(double[] lower, double[] upper) {
        if (lower == null || upper == null) {
            throw new IllegalArgumentException("input box needs lower and upper bounds, got " + (lower == null
                    ? "lower = null" : "upper = null"));
        }
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("input box has " + lower.length + " lower bounds but " + upper.length
                    + " upper bounds");
        }
        if (lower.length == 0) {
            throw new IllegalArgumentException("input box needs at least one input");
        }
        for (int i = 0; i < lower.length; i++) {
            if (!Double.isFinite(lower[i])) {
                throw new IllegalArgumentException("lower[" + i + "] must be finite, got " + lower[i]);
            }
            if (!Double.isFinite(upper[i])) {
                throw new IllegalArgumentException("upper[" + i + "] must be finite, got " + upper[i]);
            }
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("lower[" + i + "] = " + lower[i] + " must be <= upper[" + i + "] = "
                        + upper[i]);
            }
        }
        return new InputBox(lower.clone(), upper.clone());
    }

    /**
     * The smallest box holding every input row of a data set: per input, the least and the greatest value.
     *
     * @param dataset a data set with at least one row
     * @return the range of each input
     */
    public static InputBox range(Dataset dataset) {
        int d = dataset.inputDim();
        double[] x = dataset.xArray();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            lo[i % d] = Math.min(lo[i % d], x[i]);
            hi[i % d] = Math.max(hi[i % d], x[i]);
        }
        return of(lo, hi);
    }

    /** Number of inputs d. */
    public int dimension() {
        return lower.length;
    }

    /** Lower bound of input i. */
    public double lower(int i) {
        return lower[i];
    }

    /** Upper bound of input i. */
    public double upper(int i) {
        return upper[i];
    }

    /** Input i as an interval. */
    public Interval interval(int i) {
        return Interval.of(lower[i], upper[i]);
    }

    /** A copy of the lower bounds. */
    public double[] lower() {
        return lower.clone();
    }

    /** A copy of the upper bounds. */
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputBox b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("InputBox[");
        for (int i = 0; i < lower.length; i++) {
            s.append(i == 0 ? "" : " x ").append('[').append(lower[i]).append(", ").append(upper[i]).append(']');
        }
        return s.append(']').toString();
    }
}
