package dev.sobolev.pricing.payoff;

/**
 * Constant payoff f(x) = c; with {@link Forward} the building block of {@link SigmoidBlend}.
 *
 * @param level the constant c, finite
 */
public record Constant(double level) implements Payoff {
    /** Validates the level. */
    public Constant {
        Logistic.requireFinite("level", level);
    }

    @Override
    public double value(double x) {
        return level;
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
    public String describe() {
        return "constant(" + level + ")";
    }
}
