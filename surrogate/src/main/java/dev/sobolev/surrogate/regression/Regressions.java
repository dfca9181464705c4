package dev.sobolev.surrogate.regression;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

import dev.sobolev.core.InvalidParameterException;

/**
 * The regressions of McDonagh &amp; Chen §5 and Huge &amp; Savine, each the minimiser of a quadratic objective solved
 * through its normal equations with a Commons Math {@link CholeskyDecomposition}. Notation: Φ is the n×M design
 * matrix (Φ_ik = φ_k(xᵢ)), Φ'_j the n×M matrix of the derivatives ∂φ_k/∂x_j(xᵢ), z the outputs, g_j the observed
 * derivatives ∂z/∂x_j (all held by the training {@link Design}). Every penalty multiplies the squared norm of all M
 * coefficients, the constant's included, as the paper's closed forms (eqs. 20 and 28, with the identity I) have
 * it. Stateless.
 */
public final class Regressions {
    /** Positivity threshold of the Cholesky pivots, relative to the largest diagonal entry. */
    private static final double PIVOT = 1e-14;

    private Regressions() {
    }

    /**
     * Ridge regression (Hoerl &amp; Kennard 1970; the paper's β_ridge): β = (ΦᵀΦ + λ₁I)⁻¹Φᵀz, the minimiser of
     * |z − Φβ|² + λ₁|β|².
     *
     * @param training the basis on n ≥ 1 observations (derivatives not used)
     * @param lambda1  λ₁, finite and ≥ 0 (0 is least squares and needs a design of full column rank)
     * @return the model
     */
    public static LinearModel ridge(Design training, double lambda1) {
        Arguments.penalty("lambda1", lambda1);
        Normal n = valueNormal(training);
        addDiagonal(n.matrix, lambda1);
        return new LinearModel(training.basis(), solve(n.matrix, n.rhs, "lambda1", training.data().rows()));
    }

    /**
     * The gradient fit β_grad (McDonagh &amp; Chen §5, eq. 18): ridge regression of the derivative observations on the
     * basis derivatives, the n·d rows (i, j) stacked: the minimiser of Σ_j |g_j − Φ'_jβ|² + λ|β|².
     *
     * <p>The constant's derivative column is identically 0, so the derivative observations carry no information on
     * its coefficient; the fit runs on the other M − 1 columns and sets β_grad,0 = 0 (which is what the ridge
     * minimiser over all M columns gives for any λ &gt; 0, and stays defined at λ = 0). In ridge-gradients the
     * term λ₂(β₀ − 0)² then shrinks the constant towards 0, as λ₁ does.
     *
     * @param training   the basis on n ≥ 1 observations with derivatives
     * @param lambdaGrad λ, finite and ≥ 0
     * @return the model whose gradient fits the derivative observations (its values are not fitted to z)
     */
    public static LinearModel gradientFit(Design training, double lambdaGrad) {
        return gradientFit(training, lambdaGrad, "lambdaGrad");
    }

    /**
     * {@link #gradientFit(Design, double)} with the penalty named as its caller knows it (ridge-gradients passes
     * its λ₁ as the gradient fit's λ), so a bad or too small λ is reported under that name.
     *
     * @param training the basis on n ≥ 1 observations with derivatives
     * @param lambda   λ, finite and ≥ 0
     * @param name     the caller's name of λ
     * @return the model
     */
    static LinearModel gradientFit(Design training, double lambda, String name) {
        Arguments.penalty(name, lambda);
        Observations data = training.data();
        checkGradients(data);
        Basis basis = training.basis();
        int m = basis.size();
        int d = basis.inputs();
        int free = m - 1;
        double[][] a = new double[free][free];
        double[] b = new double[free];
        double[] dphi = training.derivatives();
        double[] row = new double[free];
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < d; j++) {
                System.arraycopy(dphi, (i * d + j) * m + 1, row, 0, free);
                accumulate(a, b, row, data.dzdx(i, j), 1.0);
            }
        }
        mirror(a);
        addDiagonal(a, lambda);
        double[] reduced = solve(a, b, name, data.rows() * d);
        double[] beta = new double[m];
        System.arraycopy(reduced, 0, beta, 1, free);
        return new LinearModel(basis, beta);
    }

    /**
     * Ridge-gradients (McDonagh &amp; Chen §5, eq. 20; derivation appendix A.1, eq. 28): the minimiser of eq. 15,
     * |z − Φβ|² + λ₁|β|² + λ₂|β − β_grad|², which is β_rg = (ΦᵀΦ + λ₁I + λ₂I)⁻¹(λ₂β_grad + Φᵀz). λ₂ = 0 is
     * {@link #ridge}; λ₂ → ∞ is β_grad.
     *
     * @param training    the basis on n ≥ 1 observations (their derivatives enter through β_grad only)
     * @param gradientFit β_grad, from {@link #gradientFit} on the same basis
     * @param lambda1     λ₁, finite and ≥ 0
     * @param lambda2     λ₂, finite and ≥ 0
     * @return the model
     */
    public static LinearModel ridgeGradients(Design training, LinearModel gradientFit, double lambda1,
                                             double lambda2) {
        Arguments.penalty("lambda1", lambda1);
        Arguments.penalty("lambda2", lambda2);
        if (gradientFit.basis() != training.basis()) {
            throw new IllegalArgumentException("beta_grad must be fitted on the training design's basis");
        }
        Normal n = valueNormal(training);
        addDiagonal(n.matrix, lambda1 + lambda2);
        for (int k = 0; k < n.rhs.length; k++) {
            n.rhs[k] += lambda2 * gradientFit.coefficient(k);
        }
        return new LinearModel(training.basis(), solve(n.matrix, n.rhs, "lambda1", training.data().rows()));
    }

    /**
     * Ridge-gradients with β_grad fitted by {@link #gradientFit} with λ = λ₁. The paper fits β_grad "using OLS
     * with Ridge regularisation" without printing its λ; taking λ₁ is this library's choice.
     *
     * @param training the basis on n ≥ 1 observations with derivatives
     * @param lambda1  λ₁ (also the gradient fit's λ), finite and ≥ 0
     * @param lambda2  λ₂, finite and ≥ 0
     * @return the model
     */
    public static LinearModel ridgeGradients(Design training, double lambda1, double lambda2) {
        Arguments.penalty("lambda1", lambda1);
        Arguments.penalty("lambda2", lambda2);
        return ridgeGradients(training, gradientFit(training, lambda1, "lambda1"), lambda1, lambda2);
    }

    /**
     * Differential regression (Huge &amp; Savine, "Differential Machine Learning", 2020, §2 and their
     * {@code DifferentialRegression} notebook), with a ridge term added: the minimiser of
     * |z − Φβ|² + w Σ_j s_j |g_j − Φ'_jβ|² + λ₁|β|², i.e.
     * β = (ΦᵀΦ + w Σ_j s_j Φ'_jᵀΦ'_j + λ₁I)⁻¹(Φᵀz + w Σ_j s_j Φ'_jᵀg_j). The scale s_j = mean(z²)/mean(g_j²) puts
     * the derivative errors of input j in the units of the value errors, as Huge and Savine do (s_j = 1 when the
     * observed g_j are all 0); their default weight is w = 0.5.
     *
     * @param training the basis on n ≥ 1 observations with derivatives
     * @param weight   w, finite and ≥ 0 (0 is {@link #ridge})
     * @param lambda1  λ₁, finite and ≥ 0
     * @return the model
     */
    public static LinearModel differential(Design training, double weight, double lambda1) {
        Arguments.penalty("weight", weight);
        Arguments.penalty("lambda1", lambda1);
        Observations data = training.data();
        checkGradients(data);
        int m = training.basis().size();
        int d = training.basis().inputs();
        double[] scale = differentialScales(data);
        Normal n = valueNormal(training);
        double[] dphi = training.derivatives();
        double[] row = new double[m];
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < d; j++) {
                System.arraycopy(dphi, (i * d + j) * m, row, 0, m);
                accumulate(n.matrix, n.rhs, row, data.dzdx(i, j), weight * scale[j]);
            }
        }
        mirror(n.matrix);
        addDiagonal(n.matrix, lambda1);
        return new LinearModel(training.basis(), solve(n.matrix, n.rhs, "lambda1", data.rows()));
    }

    /**
     * Huge and Savine's per-input scales s_j = mean(z²)/mean(g_j²) (1 where the g_j are all 0).
     *
     * @param data observations with derivatives
     * @return d scales
     */
    static double[] differentialScales(Observations data) {
        int d = data.inputs();
        double zz = 0;
        double[] gg = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            zz += data.z(i) * data.z(i);
            for (int j = 0; j < d; j++) {
                gg[j] += data.dzdx(i, j) * data.dzdx(i, j);
            }
        }
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = gg[j] > 0 ? zz / gg[j] : 1.0;
        }
        return s;
    }

    static void checkInputs(Basis basis, Observations data) {
        if (data.inputs() != basis.inputs()) {
            throw new InvalidParameterException("x", "must have " + basis.inputs() + " input"
                    + (basis.inputs() == 1 ? "" : "s") + " per row (the basis's), got " + data.inputs());
        }
    }

    static void checkGradients(Observations data) {
        if (!data.hasGradients()) {
            throw new InvalidParameterException("dzdx", "must be given: this fit uses the derivative observations");
        }
    }

    /** ΦᵀΦ (both halves) and Φᵀz. */
    private static Normal valueNormal(Design training) {
        int m = training.basis().size();
        Observations data = training.data();
        double[][] a = new double[m][m];
        double[] b = new double[m];
        double[] phi = training.values();
        double[] row = new double[m];
        for (int i = 0; i < data.rows(); i++) {
            System.arraycopy(phi, i * m, row, 0, m);
            accumulate(a, b, row, data.z(i), 1.0);
        }
        mirror(a);
        return new Normal(a, b);
    }

    /** Adds w·rowᵀrow to the upper triangle of a and w·row·target to b. */
    private static void accumulate(double[][] a, double[] b, double[] row, double target, double w) {
        for (int k = 0; k < row.length; k++) {
            double wk = w * row[k];
            if (wk == 0.0) {
                continue;
            }
            b[k] += wk * target;
            for (int l = k; l < row.length; l++) {
                a[k][l] += wk * row[l];
            }
        }
    }

    /** Copies the upper triangle onto the lower one, so the matrix is exactly symmetric. */
    private static void mirror(double[][] a) {
        for (int k = 0; k < a.length; k++) {
            for (int l = 0; l < k; l++) {
                a[k][l] = a[l][k];
            }
        }
    }

    private static void addDiagonal(double[][] a, double lambda) {
        for (int k = 0; k < a.length; k++) {
            a[k][k] += lambda;
        }
    }

    private static double[] solve(double[][] a, double[] b, String penalty, int rows) {
        double largest = 0;
        for (int k = 0; k < a.length; k++) {
            largest = Math.max(largest, Math.abs(a[k][k]));
        }
        try {
            CholeskyDecomposition c = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, PIVOT * Math.max(largest, 1e-300));
            return c.getSolver().solve(new ArrayRealVector(b, false)).toArray();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new InvalidParameterException(penalty, "must be > 0 here: the normal matrix of " + rows
                    + " rows and " + a.length + " coefficients is singular", e);
        }
    }

    private record Normal(double[][] matrix, double[] rhs) {
    }
}
