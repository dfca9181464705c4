package dev.sobolev.pricing.payoff;

/**
 * Cash-or-nothing digital f(x) = 1{x &gt; K}. It is discontinuous, so pathwise deltas and gammas are biased
 * (zero almost everywhere): the Monte Carlo engine prices it but reports no pathwise sensitivities. Use
 * {@link SmoothedDigital} for sensitivities.
 *
 * @param strike strike K, finite
 */
public record Digital(double strike) implements Payoff {
    /** Validates the strike. */
    public Digital {
        Logistic.requireFinite("strike", strike);
    }

    @Override
    public double value(double x) {
        return x > strike ? 1.0 : 0.0;
    }

    @Override
    public double first(double x) {
        return 0.0;
    }

    @Override
    public double second(double x) {
        return 0.0;
    }

    @Override
    public boolean hasPathwiseDelta() {
        return false;
    }

    @Override
    public boolean hasPathwiseGamma() {
        return false;
    }

    @Override
    public String describe() {
        return "digital(K=" + strike + ")";
    }
}
