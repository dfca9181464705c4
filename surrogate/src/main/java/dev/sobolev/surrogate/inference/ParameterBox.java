package dev.sobolev.surrogate.inference;

import java.util.Collections;
import java.util.List;

import dev.sobolev.core.InvalidParameterException;

/**
 * The search box of a latent-parameter fit: lowerⱼ ≤ θⱼ ≤ upperⱼ (the support of the prior, e.g. U[0, 15]² for the
 * paper's 2-D simulator).
 *
 * @param lower finite lower bounds, one per parameter
 * @param upper finite upper bounds, each above its lower bound
 */
public record ParameterBox(List<Double> lower, List<Double> upper) {
    /**
     * Checks the bounds and copies the lists.
     *
     * @throws InvalidParameterException naming {@code box} when the lists are empty or of different lengths, and
     *                                   {@code box[j]} when a bound is not finite or lower ≥ upper
     */
    public ParameterBox {
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        if (lower.isEmpty() || lower.size() != upper.size()) {
            throw new InvalidParameterException("box", "needs as many lower as upper bounds, at least one, got "
                    + lower.size() + " and " + upper.size());
        }
        for (int j = 0; j < lower.size(); j++) {
            double lo = lower.get(j);
            double hi = upper.get(j);
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo >= hi) {
                throw new InvalidParameterException("box[" + j + "]", "must have finite lower < upper, got ["
                        + lo + ", " + hi + "]");
            }
        }
    }

    /**
     * The same interval [lower, upper] for each of J parameters.
     *
     * @param parameters J ≥ 1
     * @param lower      lower bound
     * @param upper      upper bound, above {@code lower}
     * @return the box
     * @throws InvalidParameterException naming {@code box} or {@code box[0]} as the constructor
     */
    public static ParameterBox cube(int parameters, double lower, double upper) {
        return new ParameterBox(Collections.nCopies(Math.max(parameters, 0), lower),
                Collections.nCopies(Math.max(parameters, 0), upper));
    }

    /** @return the number of parameters J */
    public int dimension() {
        return lower.size();
    }

    /**
     * Moves θ into the box, component by component.
     *
     * @param theta J parameters, changed in place
     */
    void clamp(double[] theta) {
        for (int j = 0; j < theta.length; j++) {
            theta[j] = Math.min(upper.get(j), Math.max(lower.get(j), theta[j]));
        }
    }

    /**
     * @param theta J parameters
     * @return whether some θⱼ lies on a bound
     */
    boolean onBoundary(double[] theta) {
        for (int j = 0; j < theta.length; j++) {
            if (theta[j] <= lower.get(j) || theta[j] >= upper.get(j)) {
                return true;
            }
        }
        return false;
    }
}
