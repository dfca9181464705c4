package dev.sobolev.surrogate.regression;

import java.util.ArrayList;
import java.util.List;

import dev.sobolev.core.InvalidParameterException;

/**
 * Penalties chosen on a validation set, as McDonagh &amp; Chen choose λ₁ and λ₂ (Fig. 5: "optimised using a
 * validation data set"): every value of a grid is fitted on the training set and the one with the lowest value RMSE
 * on the validation set wins (the first in grid order on a tie). A value whose validation RMSE is not finite (the
 * fit overflowed) never wins. Stateless.
 */
public final class LambdaSearch {
    private LambdaSearch() {
    }

    /**
     * A chosen pair of penalties and its validation RMSE.
     *
     * @param lambda1 the chosen λ₁
     * @param lambda2 the chosen λ₂ (0 for plain ridge)
     * @param rmse    the validation RMSE of the values at the choice
     */
    public record Choice(double lambda1, double lambda2, double rmse) {
    }

    /**
     * λ₁ of {@link Regressions#ridge}.
     *
     * @param training   the training design
     * @param validation the validation design on the same basis (values only suffice)
     * @param grid       candidate λ₁, at least one, each finite and ≥ 0
     * @return the choice
     * @throws IllegalStateException if no value of the grid gives a finite validation RMSE
     */
    public static Choice ridge(Design training, Design validation, List<Double> grid) {
        checkGrid("grid", grid);
        List<Choice> candidates = new ArrayList<>(grid.size());
        for (double l1 : grid) {
            candidates.add(new Choice(l1, 0.0, validation.valueRmse(Regressions.ridge(training, l1))));
        }
        return lowest(candidates);
    }

    /**
     * λ₁ and λ₂ of {@link Regressions#ridgeGradients(Design, double, double)} over the product grid (β_grad
     * fitted with λ₁ as there).
     *
     * @param training   the training design, with derivatives
     * @param validation the validation design on the same basis (values only suffice)
     * @param grid1      candidate λ₁, at least one, each finite and ≥ 0
     * @param grid2      candidate λ₂, at least one, each finite and ≥ 0
     * @return the choice
     * @throws IllegalStateException if no pair of the grids gives a finite validation RMSE
     */
    public static Choice ridgeGradients(Design training, Design validation, List<Double> grid1,
                                        List<Double> grid2) {
        checkGrid("grid1", grid1);
        checkGrid("grid2", grid2);
        List<Choice> candidates = new ArrayList<>(grid1.size() * grid2.size());
        for (double l1 : grid1) {
            LinearModel grad = Regressions.gradientFit(training, l1, "lambda1");
            for (double l2 : grid2) {
                candidates.add(new Choice(l1, l2,
                        validation.valueRmse(Regressions.ridgeGradients(training, grad, l1, l2))));
            }
        }
        return lowest(candidates);
    }

    /**
     * The candidate of lowest finite RMSE, the first on a tie; a NaN or infinite RMSE never wins.
     *
     * @param candidates the candidates in grid order
     * @return the choice
     * @throws IllegalStateException if no candidate has a finite RMSE
     */
    static Choice lowest(List<Choice> candidates) {
        Choice best = null;
        for (Choice c : candidates) {
            if (Double.isFinite(c.rmse()) && (best == null || c.rmse() < best.rmse())) {
                best = c;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no penalty of the grid gives a finite validation RMSE: "
                    + candidates);
        }
        return best;
    }

    private static void checkGrid(String name, List<Double> grid) {
        if (grid.isEmpty()) {
            throw new InvalidParameterException(name, "must hold at least one value, got none");
        }
        for (int i = 0; i < grid.size(); i++) {
            Double v = grid.get(i);
            if (v == null || !(Double.isFinite(v) && v >= 0)) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be finite and >= 0, got " + v);
            }
        }
    }
}
