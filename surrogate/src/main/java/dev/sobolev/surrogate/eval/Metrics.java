package dev.sobolev.surrogate.eval;

import java.util.ArrayList;
import java.util.List;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * Validation metrics of DESIGN.md on a test set with exact labels: R² and RMSE of values, of all n×d
 * gradient entries flattened, and of the second derivative along the all-ones direction 1ᵀH1 (the gamma of
 * a parallel shift of all inputs) against the test set's {@code gamma}. R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)² ({@link ErrorStats}).
 * Per output for multi-output models.
 *
 * @param output    output index
 * @param r2Value   R² of values
 * @param r2Delta   R² of gradients ({@link Double#NaN} when the test set has no gradient labels: check
 *                  {@code hasDelta} before printing)
 * @param r2Gamma   R² of 1ᵀH1
 * @param rmseValue RMSE of values
 * @param rmseDelta RMSE of gradients
 * @param rmseGamma RMSE of 1ᵀH1
 * @param rmseDeltaByInput RMSE of ∂y/∂xⱼ for each input j (empty without gradient labels)
 * @param hasDelta  whether the test set has gradient labels
 * @param hasGamma  whether it has gamma labels (single-output only)
 */
public record Metrics(int output, double r2Value, double r2Delta, double r2Gamma, double rmseValue, double rmseDelta,
                      double rmseGamma, List<Double> rmseDeltaByInput, boolean hasDelta, boolean hasGamma) {
    /** Copies the list. */
    public Metrics {
        rmseDeltaByInput = List.copyOf(rmseDeltaByInput);
    }

    /**
     * Evaluates output k of a model on a test set.
     *
     * @param model surrogate
     * @param test  test set with exact labels
     * @param k     output index
     */
    public static Metrics of(Surrogate model, Dataset test, int k) {
        int n = test.rows();
        int d = test.inputDim();
        if (d != model.inputs()) {
            throw new IllegalArgumentException("the model takes " + model.inputs() + " inputs but the test set has " + d);
        }
        if (test.outputs() != model.outputs()) {
            throw new IllegalArgumentException("the model has " + model.outputs() + " outputs but the test set has "
                    + test.outputs());
        }
        boolean hasDelta = test.hasGradients();
        boolean hasGamma = test.hasGamma() && model.outputs() == 1;
        ErrorStats v = new ErrorStats();
        ErrorStats g = new ErrorStats();
        ErrorStats h = new ErrorStats();
        ErrorStats[] perInput = new ErrorStats[d];
        for (int j = 0; j < d; j++) {
            perInput[j] = new ErrorStats();
        }
        double[] x = new double[d];
        double[] grad = new double[d];
        double[] hv = new double[d];
        int m = model.outputs();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                x[j] = test.x(r, j);
            }
            double y = model.valueAndGradient(x, k, grad);
            v.add(m == 1 ? test.y(r) : test.y(r, k), y);
            if (hasDelta) {
                for (int j = 0; j < d; j++) {
                    double truth = m == 1 ? test.dydx(r, j) : test.dydx(r, k, j);
                    g.add(truth, grad[j]);
                    perInput[j].add(truth, grad[j]);
                }
            }
            if (hasGamma) {
                h.add(test.gamma(r), model.gamma(x, k, hv));
            }
        }
        List<Double> byInput = new ArrayList<>();
        if (hasDelta) {
            for (ErrorStats a : perInput) {
                byInput.add(a.rmse());
            }
        }
        return new Metrics(k, v.r2(), hasDelta ? g.r2() : Double.NaN, hasGamma ? h.r2() : Double.NaN, v.rmse(),
                hasDelta ? g.rmse() : Double.NaN, hasGamma ? h.rmse() : Double.NaN, byInput, hasDelta, hasGamma);
    }
}
