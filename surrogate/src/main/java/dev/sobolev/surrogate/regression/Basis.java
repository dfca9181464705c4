package dev.sobolev.surrogate.regression;

/**
 * A finite set of functions φ₀..φ_{M−1} of an input x ∈ ℝ^d with their exact input derivatives: the columns of the
 * design matrix Φ (Φ_ik = φ_k(x_i)) and of its derivative Φ' (∂φ_k/∂x_j at x_i) of McDonagh &amp; Chen §5.
 *
 * <p>Function 0 of every basis is the constant 1 (the intercept of eq. 17). Its derivative is 0 everywhere, so
 * gradient observations say nothing about its coefficient (see {@link Regressions#gradientFit}).
 */
public sealed interface Basis permits RbfBasis, PolynomialBasis {
    /** Index of the constant function in every basis. */
    int CONSTANT = 0;

    /** @return the number M of functions, the constant included (the paper's C + 1) */
    int size();

    /** @return the input dimension d */
    int inputs();

    /**
     * The function values at one point.
     *
     * @param x   the point, {@link #inputs()} values
     * @param out receives φ_k(x) for k = 0..M−1
     */
    void values(double[] x, double[] out);

    /**
     * The derivatives of every function with respect to every input at one point.
     *
     * @param x   the point, {@link #inputs()} values
     * @param out receives ∂φ_k/∂x_j at {@code out[k * inputs() + j]}, M·d values (row 0, the constant's, is 0)
     */
    void derivatives(double[] x, double[] out);

    /** @return one line naming the functions and their parameters, for reports */
    String description();
}
