package dev.sobolev.surrogate.nn;

import java.util.Locale;

import org.apache.commons.math3.special.Erf;

/**
 * Elementwise activations with their first three derivatives. The first derivative serves backpropagation
 * and input gradients, the second the parameter gradients of losses on input gradients (Sobolev training,
 * Czarnecki et al. 2017) and Hessian–vector products, the third the parameter gradients of losses on
 * Hessian–vector products. A closed family: the surrogates of the papers use tanh (seed 000), softplus
 * (Huge–Savine), SiLU (seed 001).
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
                double s = sigma(x);
                double d1 = s * (1 - s);
                double d2 = d1 * (1 - 2 * s);
                set(out, s, d1, d2, d2 * (1 - 2 * s) - 2 * d1 * d1);
            }
            case SOFTPLUS -> {
                double e = Math.exp(-Math.abs(x)); // one exponential for σ and the softplus
                double s = x >= 0 ? 1 / (1 + e) : e / (1 + e);
                double d1 = s * (1 - s);
                set(out, Math.max(x, 0) + Math.log1p(e), s, d1, d1 * (1 - 2 * s));
            }
            case SILU -> {
                double s = sigma(x);
                double d1 = s * (1 - s);
                double d2 = d1 * (1 - 2 * s);
                double d3 = d2 * (1 - 2 * s) - 2 * d1 * d1;
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
                double s = sigma(x);
                out[0] = s;
                out[1] = s * (1 - s);
            }
            case SOFTPLUS -> {
                double e = Math.exp(-Math.abs(x));
                out[0] = Math.max(x, 0) + Math.log1p(e);
                out[1] = x >= 0 ? 1 / (1 + e) : e / (1 + e);
            }
            case SILU -> {
                double s = sigma(x);
                out[0] = x * s;
                out[1] = s + x * s * (1 - s);
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
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            case SILU -> x * sigma(x);
            case RELU -> Math.max(x, 0);
            case GELU -> x * 0.5 * Erf.erfc(-x / Math.sqrt(2));
        };
    }

    private static double sigma(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
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

    /** Parses a name such as "silu" (case-insensitive). */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.label().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("--activation must be one of identity, tanh, sigmoid, softplus, silu, relu, "
                + "gelu; got " + name);
    }
}
