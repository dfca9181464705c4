package dev.sobolev.pricing.payoff;

/**
 * Call payoff f(x) = max(x − K, 0). Its pathwise delta 1{x&gt;K} is unbiased; it has no pathwise gamma (the
 * second derivative is a Dirac mass at the strike): use {@link SmoothedCall} for gammas.
 *
 * @param strike strike K, finite
 */
public record Call(double strike) implements Payoff {
    /** Validates the strike. */
    public Call {
        Logistic.requireFinite("strike", strike);
    }

    @Override
    public double value(double x) {
        return Math.max(x - strike, 0.0);
    }

    @Override
    public double first(double x) {
        return x > strike ? 1.0 : 0.0;
    }

    @Override
    public double second(double x) {
        return 0.0;
    }

    @Override
    public void evaluate(double x, double[] out) {
        boolean itm = x > strike;
        out[0] = itm ? x - strike : 0.0;
        out[1] = itm ? 1.0 : 0.0;
        out[2] = 0.0;
    }

    @Override
    public boolean hasPathwiseGamma() {
        return false;
    }

    @Override
    public String describe() {
        return "call(K=" + strike + ")";
    }
}
