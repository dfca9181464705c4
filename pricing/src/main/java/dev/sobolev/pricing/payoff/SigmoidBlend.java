package dev.sobolev.pricing.payoff;

import java.util.Objects;

/**
 * Smooth switch between two payoffs, f̃(x) = (1 − σ(x))·f₁(x) + σ(x)·f₂(x) with
 * σ(x) = 1/(1 + e^{−(x−p)/w}) (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", PASC'24, backup slide
 * "Smoothing"). With D = f₂ − f₁, σ′ = σ(1−σ)/w and σ″ = σ′(1−2σ)/w:
 * f̃′ = (1−σ)f₁′ + σf₂′ + σ′D and f̃″ = (1−σ)f₁″ + σf₂″ + 2σ′D′ + σ″D.
 * {@code new SigmoidBlend(new Constant(0), new Forward(K), K, w)} equals {@link SmoothedCall}.
 *
 * @param lower f₁, the payoff far below p
 * @param upper f₂, the payoff far above p
 * @param pivot p, where the blend switches (finite)
 * @param width w, the switching width (finite, &gt; 0)
 */
public record SigmoidBlend(Payoff lower, Payoff upper, double pivot, double width) implements Payoff {
    /** Validates the parts. */
    public SigmoidBlend {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Logistic.requireFinite("pivot", pivot);
        Logistic.requireWidth(width);
    }

    @Override
    public double value(double x) {
        double s = Logistic.sigma((x - pivot) / width);
        return (1.0 - s) * lower.value(x) + s * upper.value(x);
    }

    @Override
    public double first(double x) {
        double u = (x - pivot) / width;
        double s = Logistic.sigma(u);
        double sp = Logistic.sigmaPrime(u) / width;
        return (1.0 - s) * lower.first(x) + s * upper.first(x) + sp * (upper.value(x) - lower.value(x));
    }

    @Override
    public double second(double x) {
        double u = (x - pivot) / width;
        double s = Logistic.sigma(u);
        double sp = Logistic.sigmaPrime(u) / width;
        double spp = sp * (1.0 - 2.0 * s) / width;
        return (1.0 - s) * lower.second(x) + s * upper.second(x)
                + 2.0 * sp * (upper.first(x) - lower.first(x))
                + spp * (upper.value(x) - lower.value(x));
    }

    @Override
    public boolean hasPathwiseDelta() {
        return lower.hasPathwiseDelta() && upper.hasPathwiseDelta();
    }

    @Override
    public boolean hasPathwiseGamma() {
        return lower.hasPathwiseGamma() && upper.hasPathwiseGamma();
    }

    @Override
    public String describe() {
        return "blend(" + lower.describe() + ", " + upper.describe() + ", p=" + pivot + ", w=" + width + ")";
    }
}
