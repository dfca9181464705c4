package dev.sobolev.pricing.payoff;

/** Overflow-free logistic function σ(u) = 1/(1+e^{−u}) and σ(u)(1−σ(u)), shared by the smoothed payoffs. */
final class Logistic {
    private Logistic() {
    }

    /** σ(u) without overflow for any finite u. */
    static double sigma(double u) {
        if (u >= 0) {
            return 1.0 / (1.0 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1.0 + e);
    }

    /** σ(u)(1−σ(u)) = e^{−|u|}/(1+e^{−|u|})², accurate in the tails where 1−σ would cancel. */
    static double sigmaPrime(double u) {
        double e = Math.exp(-Math.abs(u));
        double d = 1.0 + e;
        return e / (d * d);
    }

    static double requireWidth(double width) {
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("smoothing width must be finite and > 0, got " + width);
        }
        return width;
    }

    static double requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }
}
