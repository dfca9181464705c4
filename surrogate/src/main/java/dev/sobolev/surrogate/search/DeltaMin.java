package dev.sobolev.surrogate.search;

import java.util.ArrayList;
import java.util.List;

import dev.sobolev.core.InvalidParameterException;

/**
 * The δ_min complexity bound of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning
 * Model Training" (§4.1, eq. 11): for networks of complexities c₁ &lt; … &lt; c_K trained on the same data with
 * gradients (F^G) and without (F), δ_min = min_c |A[F^G(c)] − A[F(c)]| with A the test RMSE, and the complexity
 * where the minimum falls is the implied upper bound c^UB on the optimal complexity.
 *
 * <p>The optimal complexity c* is that of the lowest test RMSE over <em>both</em> training modes: the paper's
 * Table 1 defines it as "the complexity that produces lowest RMSE on unseen data" without naming a mode, and the
 * bound is meant to prune the complexities a search over both modes (§4.2, whose genetic algorithm also searches
 * the Sobolev weight) need not try. The optimum of each mode is given beside it.
 *
 * <p>Ties: δ_min and each optimum go to the smallest complexity; between the modes at one complexity and equal
 * RMSE, to the gradient-trained network. A failed training has an RMSE of +∞ and a difference of +∞ at its
 * complexity; when no difference is finite, δ_min is +∞ and c^UB the largest complexity (nothing is pruned). The
 * single implementation of eq. 11: the search's {@link BoundStep} delegates to it. Pure and stateless.
 */
public final class DeltaMin {
    private DeltaMin() {
    }

    /**
     * The lowest test RMSE of a set of networks and where it lies.
     *
     * @param complexity the complexity (η, or nodes: whatever unit the caller's complexities are in)
     * @param rmse       its test RMSE
     * @param gradients  whether that network was trained with gradients
     */
    public record Optimum(int complexity, double rmse, boolean gradients) {
    }

    /**
     * The bound and the optima.
     *
     * @param bound         c^UB, the complexity of δ_min (the largest complexity when δ_min is +∞)
     * @param deltaMin      δ_min = |A[F^G(c^UB)] − A[F(c^UB)]| (RMSE units), +∞ when no difference is finite
     * @param optimal       c*: the lowest test RMSE over both modes
     * @param valuesOnly    the lowest test RMSE of the value-trained networks
     * @param withGradients the lowest test RMSE of the gradient-trained networks
     * @param differences   |A[F^G(c)] − A[F(c)]| per complexity, in the input order (+∞ where a training failed)
     */
    public record Result(int bound, double deltaMin, Optimum optimal, Optimum valuesOnly, Optimum withGradients,
                         List<Double> differences) {
        /** Copies the differences. */
        public Result {
            differences = List.copyOf(differences);
        }

        /** @return whether c* ≤ c^UB, the claim of the paper's Table 1 */
        public boolean optimalWithinBound() {
            return optimal.complexity() <= bound;
        }
    }

    /**
     * δ_min, c^UB and c* from per-complexity test RMSEs (each averaged over draws by the caller).
     *
     * @param complexities strictly increasing complexities ≥ 1, at least one
     * @param valueRmse    test RMSE of the value-trained network at each complexity, ≥ 0 (+∞: the training failed)
     * @param gradientRmse test RMSE of the gradient-trained network at each complexity, ≥ 0 (+∞: failed)
     * @return the bound and the optima
     * @throws InvalidParameterException naming {@code complexities}, {@code valueRmse} or {@code gradientRmse}
     *                                   (with the index) when empty, of another length, out of order, negative or
     *                                   NaN
     */
    public static Result of(int[] complexities, double[] valueRmse, double[] gradientRmse) {
        check(complexities, valueRmse, gradientRmse);
        int bound = complexities[complexities.length - 1];
        double deltaMin = Double.POSITIVE_INFINITY;
        List<Double> differences = new ArrayList<>(complexities.length);
        for (int i = 0; i < complexities.length; i++) {
            double difference = Double.isFinite(gradientRmse[i]) && Double.isFinite(valueRmse[i])
                    ? Math.abs(gradientRmse[i] - valueRmse[i]) : Double.POSITIVE_INFINITY;
            differences.add(difference);
            if (difference < deltaMin) {
                deltaMin = difference;
                bound = complexities[i];
            }
        }
        Optimum values = lowest(complexities, valueRmse, false);
        Optimum gradients = lowest(complexities, gradientRmse, true);
        Optimum optimal = values.rmse() < gradients.rmse()
                || values.rmse() == gradients.rmse() && values.complexity() < gradients.complexity()
                ? values : gradients;
        return new Result(bound, deltaMin, optimal, values, gradients, differences);
    }

    private static Optimum lowest(int[] complexities, double[] rmse, boolean gradients) {
        int best = 0;
        for (int i = 1; i < rmse.length; i++) {
            if (rmse[i] < rmse[best]) {
                best = i;
            }
        }
        return new Optimum(complexities[best], rmse[best], gradients);
    }

    private static void check(int[] complexities, double[] valueRmse, double[] gradientRmse) {
        if (complexities == null || complexities.length == 0) {
            throw new InvalidParameterException("complexities", "must hold at least one complexity, got none");
        }
        for (int i = 0; i < complexities.length; i++) {
            if (complexities[i] < 1) {
                throw new InvalidParameterException("complexities[" + i + "]", "must be >= 1, got " + complexities[i]);
            }
            if (i > 0 && complexities[i] <= complexities[i - 1]) {
                throw new InvalidParameterException("complexities[" + i + "]", "must be greater than the value "
                        + "before it, " + complexities[i - 1] + " (strictly increasing), got " + complexities[i]);
            }
        }
        checkRmse("valueRmse", valueRmse, complexities.length);
        checkRmse("gradientRmse", gradientRmse, complexities.length);
    }

    private static void checkRmse(String name, double[] rmse, int length) {
        if (rmse == null || rmse.length != length) {
            throw new InvalidParameterException(name, "must hold one RMSE per complexity (" + length + "), got "
                    + (rmse == null ? "none" : rmse.length));
        }
        for (int i = 0; i < length; i++) {
            if (!(rmse[i] >= 0)) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be >= 0 or +Infinity (a failed "
                        + "training), got " + rmse[i]);
            }
        }
    }
}
