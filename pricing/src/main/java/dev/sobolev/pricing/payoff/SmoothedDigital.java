package dev.sobolev.pricing.payoff;

/**
 * Logistically smoothed digital f̃(x) = σ((x − K)/w): the blend of f₁ = 0 and f₂ = 1 at p = K (Kichler et
 * al., slide "Smoothing"). f̃′ = s(1−s)/w, f̃″ = s(1−s)(1−2s)/w² with s = σ((x−K)/w).
 *
 * @param strike strike K, finite
 * @param width  smoothing width w, finite and &gt; 0
 */
public record SmoothedDigital(double strike, double width) implements Payoff {
    /** Validates strike and width. */
    public SmoothedDigital {
        Logistic.requireFinite("strike", strike);
        Logistic.requireWidth(width);
    }

    @Override
    public double value(double x) {
        return Logistic.sigma((x - strike) / width);
    }

    @Override
    public double first(double x) {
        return Logistic.sigmaPrime((x - strike) / width) / width;
    }

    @Override
    public double second(double x) {
        double u = (x - strike) / width;
        return Logistic.sigmaPrime(u) * (1.0 - 2.0 * Logistic.sigma(u)) / (width * width);
    }

    @Override
    public String describe() {
        return "smoothed-digital(K=" + strike + ", w=" + width + ")";
    }
}
