package dev.sobolev.surrogate.inference;

import java.util.List;

/**
 * log L on a grid of two parameters, the others held fixed: the likelihood surface a report draws as a contour
 * map.
 *
 * @param first         index of the parameter along x
 * @param second        index of the parameter along y
 * @param x             grid values of θ_first, increasing
 * @param y             grid values of θ_second, increasing
 * @param logLikelihood log L at (x[j], y[i]) in row i, column j: y.size() rows of x.size() values
 */
public record LikelihoodSurface(int first, int second, List<Double> x, List<Double> y,
                                List<List<Double>> logLikelihood) {
    /** Copies the lists. */
    public LikelihoodSurface {
        x = List.copyOf(x);
        y = List.copyOf(y);
        logLikelihood = logLikelihood.stream().map(List::copyOf).toList();
    }
}
