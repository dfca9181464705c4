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
        terms(x - strike, width, true, out, 0, 1);
    }

    /**
     * The arithmetic of {@link #evaluate} at moneyness m = x − K, for callers that keep terms in their own
     * layout (the LSMC kernel): f̃ at {@code out[offset]}, f̃′ at {@code out[offset + stride]} and, if
     * {@code second}, f̃″ at {@code out[offset + 2·stride]}. Branch-free (the sign of m is unpredictable in
     * Monte Carlo loops): u = m/w is clamped to ±700 so that e^{−u} stays finite; beyond that the logistic is 0
     * or 1 to far below the precision of the result.
     *
     * @param m      moneyness x − K
     * @param width  smoothing width w &gt; 0 (not checked)
     * @param second whether to write the second derivative
     * @param out    destination
     * @param offset index of the value
     * @param stride distance between the value, first and second derivative
     */
    public static void terms(double m, double width, boolean second, double[] out, int offset, int stride) {
        double u = m / width;
        double e = Math.exp(-Math.max(-700.0, Math.min(700.0, u)));
        double s = 1.0 / (1.0 + e);
        double sp = e * s * s;
        out[offset] = m * s;
        out[offset + stride] = s + u * sp;
        if (second) {
            out[offset + 2 * stride] = sp * (2.0 + u * (1.0 - 2.0 * s)) / width;
        }
    }

    @Override
    public String describe() {
        return "smoothed-call(K=" + strike + ", w=" + width + ")";
    }
}
