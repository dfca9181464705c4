package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.sobolev.surrogate.train.TrainingData;

/**
 * {@link GarchProblem}: rows are the forecasts of eqs. 12–13 from y_t = 1, σ_t² = 1, recomputed here from the
 * equations, and their θ-gradients match central differences of that recursion.
 */
class GarchProblemTest {
    private static final double H = 1e-6;

    /** σ²_{t+1} = ω + α(y_t − μ)² + βσ_t², σ²_{t+h} = ω + (α + β)σ²_{t+h−1} (eqs. 12–13), θ = (μ, ω, α, β). */
    private static double[] forecasts(double[] theta) {
        double[] h = new double[GarchProblem.HORIZON];
        double e = 1 - theta[0];
        h[0] = theta[1] + theta[2] * e * e + theta[3];
        for (int k = 1; k < h.length; k++) {
            h[k] = theta[1] + (theta[2] + theta[3]) * h[k - 1];
        }
        return h;
    }

    @Test
    void rowsAreTheForecastRecursionAndItsGradient() {
        GarchProblem problem = new GarchProblem();
        for (TrainingData data : new TrainingData[] {problem.training(40, 2), problem.test(40, 2)}) {
            for (int r = 0; r < data.rows(); r++) {
                double[] theta = Arrays.copyOfRange(data.x(), 4 * r, 4 * r + 4);
                for (double t : theta) {
                    assertTrue(t >= 0 && t < 1, "theta " + t);
                }
                double[] h = forecasts(theta);
                for (int k = 0; k < 5; k++) {
                    assertEquals(h[k], data.y()[5 * r + k], 1e-13 * Math.max(1, h[k]), "row " + r + " h " + k);
                }
                for (int j = 0; j < 4; j++) {
                    double[] up = theta.clone();
                    double[] dn = theta.clone();
                    up[j] += H;
                    dn[j] -= H;
                    double[] hu = forecasts(up);
                    double[] hd = forecasts(dn);
                    for (int k = 0; k < 5; k++) {
                        // polynomial of degree 6 in θ of order-one coefficients: error ≈ h²·|f'''| + 1e-16·|f|/h
                        assertEquals((hu[k] - hd[k]) / (2 * H), data.dydx()[(5 * r + k) * 4 + j], 1e-7,
                                "row " + r + " h " + k + " j " + j);
                    }
                }
            }
        }
    }
}
