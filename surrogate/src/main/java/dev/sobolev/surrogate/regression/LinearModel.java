package dev.sobolev.surrogate.regression;

import java.util.Arrays;

/**
 * A fitted linear-in-parameters model ẑ(x) = Σ_k β_k φ_k(x) on a {@link Basis} (McDonagh &amp; Chen, eq. 17), with
 * its input gradient ∂ẑ/∂x_j = Σ_k β_k ∂φ_k/∂x_j (eqs. 18–19 with the basis derivatives as {@link Basis} defines
 * them). Immutable and thread-safe.
 */
public final class LinearModel {
    private final Basis basis;
    private final double[] beta;

    LinearModel(Basis basis, double[] beta) {
        this.basis = basis;
        this.beta = beta;
    }

    /** @return the basis */
    public Basis basis() {
        return basis;
    }

    /** @return the number M of coefficients (the basis size) */
    public int size() {
        return beta.length;
    }

    /** @return a copy of the coefficients β (M values, β₀ the constant's) */
    public double[] coefficients() {
        return beta.clone();
    }

    /**
     * @param k function index 0..M−1
     * @return β_k
     */
    public double coefficient(int k) {
        return beta[k];
    }

    /**
     * @param x a point, d values
     * @return ẑ(x)
     */
    public double value(double[] x) {
        double[] phi = new double[basis.size()];
        basis.values(x, phi);
        double s = 0;
        for (int k = 0; k < phi.length; k++) {
            s += beta[k] * phi[k];
        }
        return s;
    }

    /**
     * @param x a point, d values
     * @return the input gradient ∂ẑ/∂x (d values)
     */
    public double[] gradient(double[] x) {
        int d = basis.inputs();
        double[] dphi = new double[basis.size() * d];
        basis.derivatives(x, dphi);
        double[] g = new double[d];
        for (int k = 0; k < beta.length; k++) {
            for (int j = 0; j < d; j++) {
                g[j] += beta[k] * dphi[k * d + j];
            }
        }
        return g;
    }

    /**
     * Root mean squared error of the values on a data set (through a {@link Design}; build one to score several
     * models on the same data).
     *
     * @param data points and outputs (inputs as the basis)
     * @return √(mean (ẑ(xᵢ) − zᵢ)²)
     */
    public double valueRmse(Observations data) {
        return Design.of(basis, data).valueRmse(this);
    }

    /**
     * Root mean squared error of the input gradient over all n·d derivative observations.
     *
     * @param data points with derivatives (inputs as the basis)
     * @return √(mean over i, j of (∂ẑ/∂x_j(xᵢ) − ∂zᵢ/∂x_j)²)
     */
    public double gradientRmse(Observations data) {
        return Design.of(basis, data).gradientRmse(this);
    }

    @Override
    public String toString() {
        return "LinearModel[" + basis.description() + ", beta=" + Arrays.toString(beta) + "]";
    }
}
