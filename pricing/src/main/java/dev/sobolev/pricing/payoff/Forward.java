package dev.sobolev.pricing.payoff;

/**
 * Linear payoff f(x) = x − K (a forward struck at K); the f₂ of the smoothed call as a {@link SigmoidBlend}.
 *
 * @param strike strike K, finite
 */
public record Forward(double strike) implements Payoff {
    /** Validates the strike. */
    public Forward {
        Logistic.requireFinite("strike", strike);
    }

    @Override
    public double value(double x) {
        return x - strike;
    }

    @Override
    public double first(double x) {
        return 1.0;
    }

    @Override
    public double second(double x) {
        return 0.0;
    }

    @Override
    public String describe() {
        return "forward(K=" + strike + ")";
    }
}
