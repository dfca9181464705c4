package dev.sobolev.pricing.payoff;

/**
 * Logistically smoothed call f̃(x) = (x − K)·σ((x − K)/w), σ(u) = 1/(1+e^{−u}): the call smoothed between
 * f₁ = 0 and f₂ = x − K at p = K with width w (Kichler et al., "Towards Sobolev Pruning", slide "Smoothing";
 * SiLU for K = 0, w = 1). With u = (x−K)/w and s = σ(u):
 * f̃′ = s + u·s(1−s), f̃″ = s(1−s)(2 + u(1−2s))/w. It converges to the call as w → 0; the slides use w = 0.05.
 *
 * @param strike strike K, finite
 * @param width  smoothing width w, finite and &gt; 0 (same units as the underlying)
 */
public record SmoothedCall(double strike, double width) implements Payoff {
    /** Validates strike and width. */
    public SmoothedCall {
        Logistic.requireFinite("strike", strike);
        Logistic.requireWidth(width);
    }

    @Override
    public double value(double x) {
        double m = x - strike;
        return m * Logistic.sigma(m / width);
    }

    @Override
    public double first(double x) {
        double u = (x - strike) / width;
        return Logistic.sigma(u) + u * Logistic.sigmaPrime(u);
    }

    @Override
    public double second(double x) {
        double u = (x - strike) / width;
        double s = Logistic.sigma(u);
        return Logistic.sigmaPrime(u) * (2.0 + u * (1.0 - 2.0 * s)) / width;
    }

    @Override
    public void evaluate(double x, double[] out) {
        // branch-free (the sign of x − K is unpredictable in Monte Carlo loops): u is clamped so that e^{−u}
        // stays finite; beyond |u| = 700 the logistic is 0 or 1 to far below double precision of the result
        double m = x - strike;
        double u = m / width;
        double e = Math.exp(-Math.max(-700.0, Math.min(700.0, u)));
        double s = 1.0 / (1.0 + e);
        double sp = e * s * s;
        out[0] = m * s;
        out[1] = s + u * sp;
        out[2] = sp * (2.0 + u * (1.0 - 2.0 * s)) / width;
    }

    @Override
    public String describe() {
        return "smoothed-call(K=" + strike + ", w=" + width + ")";
    }
}
