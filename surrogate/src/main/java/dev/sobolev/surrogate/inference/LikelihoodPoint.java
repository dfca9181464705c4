package dev.sobolev.surrogate.inference;

import java.util.List;

/**
 * The Gaussian log-likelihood of eq. 9 at one θ with its exact derivatives.
 *
 * @param logLikelihood log L(θ) (natural log)
 * @param gradient      ∇_θ log L(θ), J values
 * @param information   the observed information −∇²_θ log L(θ) (the Hessian of −log L), J rows of J values
 */
public record LikelihoodPoint(double logLikelihood, List<Double> gradient, List<List<Double>> information) {
    /** Copies the lists. */
    public LikelihoodPoint {
        gradient = List.copyOf(gradient);
        information = information.stream().map(List::copyOf).toList();
    }

    /** @return the Euclidean norm of the gradient, ‖∇_θ log L‖₂ (zero at an interior maximum) */
    public double gradientNorm() {
        double s = 0;
        for (double g : gradient) {
            s += g * g;
        }
        return Math.sqrt(s);
    }
}
