package dev.sobolev.surrogate.search;

import java.util.Objects;

/**
 * One evaluation of a search, in the order the search made them (a convergence plot's points).
 *
 * @param generation the generation (a CMA-ES iteration; 0 is the first, the δ_min probe when there is one)
 * @param candidate  the candidate
 * @param rmse       its validation RMSE (+∞ for a failed training)
 * @param seed       the seed it was trained with
 * @param cached     whether it had been trained before and was not trained again
 * @param trainings  distinct trainings of the search up to and including this evaluation (values-only twins of the
 *                   δ_min step included)
 */
public record Evaluation(int generation, Candidate candidate, double rmse, long seed, boolean cached, int trainings) {
    /** Checks the parts. */
    public Evaluation {
        Objects.requireNonNull(candidate, "candidate");
        if (!(rmse >= 0)) {
            throw new IllegalArgumentException("rmse must be >= 0, got " + rmse);
        }
    }
}
