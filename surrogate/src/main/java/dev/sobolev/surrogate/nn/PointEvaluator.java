package dev.sobolev.surrogate.nn;

/**
 * Single-point evaluation of one network in its normalised units, the inner call of {@link Surrogate}'s
 * library API: the value of output k and, in one reverse sweep, its input gradient. An instance owns its
 * scratch buffers, is confined to the thread that uses it and allocates nothing per call. Implementations are
 * the portable scalar passes of {@link Mlp} ({@link PointEvaluators#scalar()}) and SIMD kernels found through
 * {@link PointEvaluatorProvider}; they agree to rounding (the order of the sums differs).
 */
public interface PointEvaluator {
    /**
     * Output k at x.
     *
     * @param x input of length d (normalised units), not modified
     * @param k output index, 0 ≤ k &lt; m
     * @return y_k(x)
     */
    double value(double[] x, int k);

    /**
     * Output k and its input gradient.
     *
     * @param x    input of length d (normalised units), not modified
     * @param k    output index, 0 ≤ k &lt; m
     * @param grad receives ∂y_k/∂x (length ≥ d)
     * @return y_k(x)
     */
    double valueAndGradient(double[] x, int k, double[] grad);

    /**
     * Output k and its input gradient at each of count points (a book of positions): per point the bits of
     * {@link #valueAndGradient}, however many points an implementation evaluates at once.
     *
     * @param x      points row by row (count × d, normalised units; longer arrays are read up to count·d), not
     *               modified
     * @param count  number of points, ≥ 0
     * @param k      output index, 0 ≤ k &lt; m
     * @param values receives y_k(xₚ) at [p] (length ≥ count)
     * @param grads  receives ∂y_k/∂xⱼ at xₚ at [p·d + j] (length ≥ count·d), or null for the values alone
     * @throws IllegalArgumentException if an array is too short for count points, count &lt; 0 or k is out of
     *                                  range
     */
    void valuesAndGradients(double[] x, int count, int k, double[] values, double[] grads);
}
