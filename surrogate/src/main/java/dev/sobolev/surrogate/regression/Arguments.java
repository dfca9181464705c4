package dev.sobolev.surrogate.regression;

import dev.sobolev.core.InvalidParameterException;

/** The argument checks the bases and regressions share. */
final class Arguments {
    private Arguments() {
    }

    /**
     * @param lower left end, finite
     * @param upper right end, finite and &gt; lower
     */
    static void interval(double lower, double upper) {
        interval("lower", lower, "upper", upper);
    }

    static void interval(String lowerName, double lower, String upperName, double upper) {
        if (!Double.isFinite(lower)) {
            throw new InvalidParameterException(lowerName, "must be finite, got " + lower);
        }
        if (!(Double.isFinite(upper) && upper > lower)) {
            throw new InvalidParameterException(upperName, "must be finite and > " + lowerName + " = " + lower
                    + ", got " + upper);
        }
    }

    /**
     * @param name  the penalty's parameter name ({@code lambda1}, {@code lambda2}, {@code weight})
     * @param value the penalty, finite and ≥ 0
     */
    static void penalty(String name, double value) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new InvalidParameterException(name, "must be finite and >= 0, got " + value);
        }
    }
}
