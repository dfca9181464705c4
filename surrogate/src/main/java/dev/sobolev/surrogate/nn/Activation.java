package dev.sobolev.surrogate.nn;

import java.util.Locale;

import org.apache.commons.math3.special.Erf;

import dev.sobolev.core.InvalidParameterException;

/**
 * Elementwise activations with their first three derivatives. The first derivative serves backpropagation
 * and input gradients, the second the parameter gradients of losses on input gradients (Sobolev training,
 * Czarnecki et al. 2017) and Hessian–vector products, the third the parameter gradients of losses on
 * Hessian–vector products. A closed family: the surrogates of the papers use tanh (McDonagh &amp; Chen), softplus
 * (Huge–Savine), SiLU (Kichler, Afghan &amp; Naumann).
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY,
    /** f(x) = tanh x. */
    TANH,
    /** f(x) = 1/(1 + e^{−x}). */
    SIGMOID,
    /** f(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^{−|x|}). */
    SOFTPLUS,
    /** f(x) = x·σ(x) (swish with β = 1). */
    SILU,
    /** f(x) = max(x, 0); derivatives 1{x &gt; 0}, 0, 0. */
    RELU,
    /** f(x) = x·Φ(x) (exact GELU, Hendrycks &amp; Gimpel 2016), Φ the standard normal CDF. */
    GELU;

    private static final double INV_SQRT_2PI = 0.3989422804014327;

    /**
     * Writes f(x), f′(x), f″(x), f‴(x) into {@code out[0..3]}.
     *
     * @param x   pre-activation
     * @param out array of length ≥ 4
     */
    public void derivatives(double x, double[] out) {
        switch (this) {
            case IDENTITY -> set(out, x, 1, 0, 0);
            case TANH -> {
                double t = Math.tanh(x);
                double d = 1 - t * t;
                set(out, t, d, -2 * t * d, d * (6 * t * t - 2));
            }
            case SIGMOID -> {
                double e = Math.exp(-Math.abs(x));
                double t = e / (1 + e);
                double d1 = t * (1 - t);
                double h = -Math.copySign(1 - 2 * t, x);
                double d2 = d1 * h;
                set(out, (x >= 0 ? 1 - t : t), d1, d2, d2 * h - 2 * d1 * d1);
            }
            case SOFTPLUS -> {
                double e = Math.exp(-Math.abs(x)); // one exponential for σ and the softplus
                double t = e / (1 + e);
                double d1 = t * (1 - t);
                set(out, Math.max(x, 0) + log1p(e), (x >= 0 ? 1 - t : t), d1,
                        -d1 * Math.copySign(1 - 2 * t, x));
            }
            case SILU -> {
                double e = Math.exp(-Math.abs(x));
                double t = e / (1 + e);
                double s = x >= 0 ? 1 - t : t;
                double d1 = t * (1 - t);
                double h = -Math.copySign(1 - 2 * t, x);
                double d2 = d1 * h;
                double d3 = d2 * h - 2 * d1 * d1;
                set(out, x * s, s + x * d1, 2 * d1 + x * d2, 3 * d2 + x * d3);
            }
            case RELU -> set(out, Math.max(x, 0), x > 0 ? 1 : 0, 0, 0);
            case GELU -> {
                double phi = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
                double cdf = 0.5 * Erf.erfc(-x / Math.sqrt(2));
                set(out, x * cdf, cdf + x * phi, phi * (2 - x * x), x * phi * (x * x - 4));
            }
            default -> throw new IllegalStateException("unknown activation " + this);
        }
    }

    /**
     * Writes f(x) and f′(x) into {@code out[0..1]}: the forward pass of inference, without the higher
     * derivatives that {@link #derivatives} also computes.
     */
    public void valueAndFirst(double x, double[] out) {
        switch (this) {
            case IDENTITY -> {
                out[0] = x;
                out[1] = 1;
            }
            case TANH -> {
                double t = Math.tanh(x);
                out[0] = t;
                out[1] = 1 - t * t;
            }
            case SIGMOID -> {
                double t = lowerTail(x);
                out[0] = x >= 0 ? 1 - t : t;
                out[1] = t * (1 - t);
            }
            case SOFTPLUS -> {
                double e = Math.exp(-Math.abs(x));
                double t = e / (1 + e);
                out[0] = Math.max(x, 0) + log1p(e);
                out[1] = x >= 0 ? 1 - t : t;
            }
            case SILU -> {
                double t = lowerTail(x);
                double s = x >= 0 ? 1 - t : t;
                out[0] = x * s;
                out[1] = s + x * t * (1 - t);
            }
            case RELU -> {
                out[0] = Math.max(x, 0);
                out[1] = x > 0 ? 1 : 0;
            }
            case GELU -> {
                double phi = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
                double cdf = 0.5 * Erf.erfc(-x / Math.sqrt(2));
                out[0] = x * cdf;
                out[1] = cdf + x * phi;
            }
            default -> throw new IllegalStateException("unknown activation " + this);
        }
    }

    /** f(x) alone. */
    public double value(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> sigma(x);
            case SOFTPLUS -> Math.max(x, 0) + log1p(Math.exp(-Math.abs(x)));
            case SILU -> x * sigma(x);
            case RELU -> Math.max(x, 0);
            case GELU -> x * 0.5 * Erf.erfc(-x / Math.sqrt(2));
        };
    }

    /**
     * f, f′ and f″ at z[q] + bias for q &lt; len, into a, d1, d2: the forward pass of training, with the kind
     * decided once per row instead of once per element.
     *
     * @param tmp scratch of length ≥ 4 (kinds without a row loop of their own go through {@link #derivatives})
     */
    void firstTwo(double[] z, double bias, int len, double[] a, double[] d1, double[] d2, double[] tmp) {
        switch (this) {
            case SOFTPLUS -> {
                // e^{−|x|} and ln(1 + e) in loops of their own (calls of the intrinsics only), the rest without
                // branches: the same operations as valueAndFirst and derivatives, so the same bits
                negAbsExp(z, bias, len, d2);
                for (int q = 0; q < len; q++) {
                    d1[q] = Math.log(1 + d2[q]);
                }
                for (int q = 0; q < len; q++) {
                    double x = z[q] + bias;
                    double e = d2[q];
                    double t = tailOf(e);
                    a[q] = Math.max(x, 0) + log1p(e, d1[q]);
                    d1[q] = bySign(x, 1 - t, t);
                    d2[q] = t * (1 - t);
                }
            }
            case SILU -> {
                negAbsExp(z, bias, len, d2);
                for (int q = 0; q < len; q++) {
                    double x = z[q] + bias;
                    double t = tailOf(d2[q]);
                    double s = bySign(x, 1 - t, t);
                    double ds = t * (1 - t);
                    a[q] = x * s;
                    d1[q] = s + x * ds;
                    d2[q] = ds * (2 - x * Math.copySign(1 - 2 * t, x));
                }
            }
            default -> {
                for (int q = 0; q < len; q++) {
                    derivatives(z[q] + bias, tmp);
                    a[q] = tmp[0];
                    d1[q] = tmp[1];
                    d2[q] = tmp[2];
                }
            }
        }
    }

    /**
     * f and f′ at z[i] for i &lt; n, into a and d1: the forward pass of single-point inference and of a block of
     * points' rows, with the kind decided once per layer. SiLU and softplus take their exponentials in a loop of
     * their own and choose by the sign bit ({@link #bySign}) instead of a branch that mispredicts on every other
     * element; the results are the bits of {@link #valueAndFirst(double, double[])}.
     *
     * @param tmp scratch of length ≥ 2 (kinds without a row loop of their own go through {@link #valueAndFirst})
     */
    void valueAndFirst(double[] z, int n, double[] a, double[] d1, double[] tmp) {
        switch (this) {
            case SILU -> {
                negAbsExp(z, n, d1);
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    double t = tailOf(d1[i]);
                    double s = bySign(x, 1 - t, t);
                    a[i] = x * s;
                    d1[i] = s + x * t * (1 - t);
                }
            }
            case SOFTPLUS -> {
                negAbsExp(z, n, d1);
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    double e = d1[i];
                    double t = e / (1 + e);
                    a[i] = Math.max(x, 0) + log1p(e);
                    d1[i] = bySign(x, 1 - t, t);
                }
            }
            case IDENTITY -> {
                System.arraycopy(z, 0, a, 0, n);
                java.util.Arrays.fill(d1, 0, n, 1.0);
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    valueAndFirst(z[i], tmp);
                    a[i] = tmp[0];
                    d1[i] = tmp[1];
                }
            }
        }
    }

    /**
     * {@code x >= 0 ? nonNegative : negative} without a branch, by the sign bit of x: the signs of
     * pre-activations are a coin toss, so the branch mispredicts about every other element (with the split
     * loops of {@link #firstTwo}, a row loop went from 21.2 to 13.4 ns per element, docs/DESIGN.md). The two
     * forms differ only at x = −0.0, which takes {@code negative}; there the callers' two values are equal
     * (1 − ½ and ½), so the result is that of the comparison.
     */
    private static double bySign(double x, double nonNegative, double negative) {
        long m = Double.doubleToRawLongBits(x) >> 63;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(nonNegative) & ~m
                | Double.doubleToRawLongBits(negative) & m);
    }

    /** σ(x) = 1 − t or t with t = σ(−|x|): one exponential, relative accuracy in both tails. */
    private static double sigma(double x) {
        double t = lowerTail(x);
        return x >= 0 ? 1 - t : t;
    }

    /** t = σ(−|x|) = e^{−|x|}/(1 + e^{−|x|}) ∈ (0, ½]; σ′(x) = t(1 − t) for either sign of x. */
    private static double lowerTail(double x) {
        return tailOf(Math.exp(-Math.abs(x)));
    }

    /** e/(1 + e): σ(−|x|) from e = e^{−|x|}. */
    private static double tailOf(double e) {
        return e / (1 + e);
    }

    /**
     * out[i] = e^{−|z[i]|} for i &lt; n: the exponentials of a point's layer or a block's row, in a loop of their
     * own (out may be the caller's σ′ row, overwritten after).
     */
    private static void negAbsExp(double[] z, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(-Math.abs(z[i]));
        }
    }

    /** out[q] = e^{−|z[q] + bias|} for q &lt; len: the exponentials of a training row, in a loop of their own. */
    private static void negAbsExp(double[] z, double bias, int len, double[] out) {
        for (int q = 0; q < len; q++) {
            out[q] = Math.exp(-Math.abs(z[q] + bias));
        }
    }

    /**
     * ln(1 + e) for e ∈ [0, 1] by Kahan's formula e·ln(u)/(u − 1), u = 1 + e (Goldberg 1991, Theorem 4: a few
     * ulps), on the intrinsic {@link Math#log}; {@link Math#log1p} is the slower software routine.
     */
    private static double log1p(double e) {
        return log1p(e, Math.log(1 + e));
    }

    /** Kahan's ln(1 + e) given logU = {@link Math#log}(1 + e), for rows that take their logarithms in a loop. */
    private static double log1p(double e, double logU) {
        double u = 1 + e;
        return u == 1 ? e : logU * (e / (u - 1));
    }

    private static void set(double[] out, double a, double b, double c, double d) {
        out[0] = a;
        out[1] = b;
        out[2] = c;
        out[3] = d;
    }

    /** The lower-case name used in model files and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name such as "silu" (case-insensitive).
     *
     * @param activation the label
     * @throws InvalidParameterException naming {@code activation} for another label
     */
    public static Activation parse(String activation) {
        for (Activation a : values()) {
            if (a.label().equalsIgnoreCase(activation.trim())) {
                return a;
            }
        }
        throw new InvalidParameterException("activation", "must be one of identity, tanh, sigmoid, softplus, silu, "
                + "relu, gelu; got " + activation);
    }
}
