package dev.sobolev.surrogate.search;

import dev.sobolev.core.InvalidParameterException;

/**
 * One point of a {@link SearchSpace}: the hyperparameters of one training (McDonagh &amp; Chen, §4.2).
 *
 * @param eta          complexity η ≥ 1 (hidden layers of 4η units)
 * @param learningRate initial learning rate, finite and &gt; 0
 * @param alpha        Sobolev weight of eq. 4 in (0, 1]: α on the value loss, 1 − α on the gradient loss
 */
public record Candidate(int eta, double learningRate, double alpha) {
    /**
     * Validates the hyperparameters.
     *
     * @throws InvalidParameterException naming the component outside its domain
     */
    public Candidate {
        if (eta < 1) {
            throw new InvalidParameterException("eta", "must be >= 1, got " + eta);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidParameterException("learningRate", "must be finite and > 0, got " + learningRate);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new InvalidParameterException("alpha", "must be in (0, 1], got " + alpha);
        }
    }

    /** @return whether the candidate trains with the gradient term (α &lt; 1) */
    public boolean gradients() {
        return alpha < 1;
    }

    /** @return the same complexity and learning rate trained on values only (α = 1): F rather than F^G in eq. 11 */
    public Candidate valuesOnly() {
        return new Candidate(eta, learningRate, 1);
    }
}
