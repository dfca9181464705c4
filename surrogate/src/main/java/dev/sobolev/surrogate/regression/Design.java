package dev.sobolev.surrogate.regression;

/**
 * A basis evaluated on a data set once: the design matrix Φ (n×M, Φ_ik = φ_k(xᵢ)) and, when the data carry
 * derivatives, the derivative design Φ' (n·d×M, row i·d + j holding ∂φ_k/∂x_j(xᵢ)), so that many models on the same
 * basis are scored without evaluating the basis again. Immutable.
 */
public final class Design {
    private final Basis basis;
    private final Observations data;
    private final double[] phi;
    private final double[] dphi;

    private Design(Basis basis, Observations data, double[] phi, double[] dphi) {
        this.basis = basis;
        this.data = data;
        this.phi = phi;
        this.dphi = dphi;
    }

    /**
     * Evaluates the basis at every point of the data.
     *
     * @param basis the basis
     * @param data  the observations (inputs as the basis)
     * @return the design
     */
    public static Design of(Basis basis, Observations data) {
        Regressions.checkInputs(basis, data);
        int n = data.rows();
        int m = basis.size();
        int d = basis.inputs();
        double[] phi = new double[n * m];
        double[] dphi = data.hasGradients() ? new double[n * m * d] : null;
        double[] row = new double[m];
        double[] rowDerivatives = new double[m * d];
        for (int i = 0; i < n; i++) {
            double[] x = data.point(i);
            basis.values(x, row);
            System.arraycopy(row, 0, phi, i * m, m);
            if (dphi != null) {
                basis.derivatives(x, rowDerivatives);
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < m; k++) {
                        dphi[(i * d + j) * m + k] = rowDerivatives[k * d + j];
                    }
                }
            }
        }
        return new Design(basis, data, phi, dphi);
    }

    /** @return the basis */
    public Basis basis() {
        return basis;
    }

    /** @return the observations the design was built on */
    public Observations data() {
        return data;
    }

    /**
     * Root mean squared error of a model's values on the data.
     *
     * @param model a model on this design's basis
     * @return √(mean (ẑ(xᵢ) − zᵢ)²)
     */
    public double valueRmse(LinearModel model) {
        checkBasis(model);
        int m = basis.size();
        double s = 0;
        for (int i = 0; i < data.rows(); i++) {
            double e = dot(phi, i * m, model) - data.z(i);
            s += e * e;
        }
        return Math.sqrt(s / data.rows());
    }

    /**
     * Root mean squared error of a model's input gradient over all n·d derivative observations.
     *
     * @param model a model on this design's basis
     * @return √(mean over i, j of (∂ẑ/∂x_j(xᵢ) − ∂zᵢ/∂x_j)²)
     */
    public double gradientRmse(LinearModel model) {
        checkBasis(model);
        Regressions.checkGradients(data);
        int m = basis.size();
        int d = basis.inputs();
        double s = 0;
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < d; j++) {
                double e = dot(dphi, (i * d + j) * m, model) - data.dzdx(i, j);
                s += e * e;
            }
        }
        return Math.sqrt(s / (data.rows() * d));
    }

    /** Φ, row-major n×M (shared, not copied: package code reads it). */
    double[] values() {
        return phi;
    }

    /** Φ', row-major (n·d)×M, or null without derivatives (shared, not copied). */
    double[] derivatives() {
        return dphi;
    }

    private static double dot(double[] rows, int offset, LinearModel model) {
        double s = 0;
        for (int k = 0; k < model.size(); k++) {
            s += rows[offset + k] * model.coefficient(k);
        }
        return s;
    }

    private void checkBasis(LinearModel model) {
        if (model.basis() != basis) {
            throw new IllegalArgumentException("the model's basis is not the one this design was built on");
        }
    }
}
