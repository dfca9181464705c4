package dev.sobolev.surrogate.search;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a hyperparameter search ({@link GeneticSearch}, {@link CmaesSearch}).
 *
 * @param best           the candidate with the lowest validation RMSE among those within the bound (the first
 *                       found on a tie)
 * @param validationRmse its validation RMSE
 * @param seed           the seed it was trained with (the same candidate and seed retrain the same network)
 * @param evaluations    every evaluation in order, cached ones included
 * @param trainings      distinct trainings, values-only twins of the δ_min step included
 * @param bound          the δ_min step: its pairs, δ_min and the complexity bound used
 */
public record SearchResult(Candidate best, double validationRmse, long seed, List<Evaluation> evaluations,
                           int trainings, BoundStep bound) {
    /** Copies the evaluations and checks the parts. */
    public SearchResult {
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(bound, "bound");
        evaluations = List.copyOf(evaluations);
    }

    /**
     * The best validation RMSE found after each evaluation, within the bound (+∞ before the first): the ordinate of
     * a convergence plot whose abscissa is {@link Evaluation#trainings()}.
     *
     * @return one value per evaluation
     */
    public List<Double> bestSoFar() {
        double best = Double.POSITIVE_INFINITY;
        Double[] out = new Double[evaluations.size()];
        for (int i = 0; i < out.length; i++) {
            Evaluation e = evaluations.get(i);
            if (e.candidate().eta() <= bound.bound()) {
                best = Math.min(best, e.rmse());
            }
            out[i] = best;
        }
        return List.of(out);
    }
}
