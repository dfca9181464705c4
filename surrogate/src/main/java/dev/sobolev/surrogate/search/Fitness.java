package dev.sobolev.surrogate.search;

/**
 * What a search minimises: trains a network with a candidate's hyperparameters and returns its error on a validation
 * set (McDonagh &amp; Chen use the RMSE, eq. 10). Called from several threads at once, each call with its own seed, so
 * an implementation must be thread-safe and its result must depend only on the candidate and the seed.
 */
@FunctionalInterface
public interface Fitness {
    /**
     * The validation error of one training.
     *
     * @param candidate the hyperparameters (α = 1: values only)
     * @param seed      the training's seed (initialisation and shuffling)
     * @return the validation RMSE ≥ 0, or +∞ for a training that failed (diverged); never NaN
     */
    double evaluate(Candidate candidate, long seed);

    /**
     * The validation error of the same complexity and learning rate trained on values only, A[F] of eq. 11 beside
     * the candidate's A[F^G].
     *
     * @param candidate the hyperparameters; its α is replaced by 1
     * @param seed      the training's seed
     * @return the validation RMSE ≥ 0, or +∞
     */
    default double valuesOnly(Candidate candidate, long seed) {
        return evaluate(candidate.valuesOnly(), seed);
    }
}
