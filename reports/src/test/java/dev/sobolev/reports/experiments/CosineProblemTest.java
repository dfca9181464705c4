package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.sobolev.pricing.simulators.CosineSimulator;
import dev.sobolev.surrogate.train.TrainingData;

/** {@link CosineProblem}: rows are eq. 7 at θ drawn from the prior, Jacobians checked by central differences. */
class CosineProblemTest {
    private static final double H = 1e-5;

    @Test
    void rowsAreTheSimulatorAtPriorDrawsAndTheirJacobiansMatchFiniteDifferences() {
        CosineProblem problem = new CosineProblem();
        for (TrainingData data : new TrainingData[] {problem.training(50, 1), problem.test(50, 1)}) {
            for (int r = 0; r < data.rows(); r++) {
                double[] theta = Arrays.copyOfRange(data.x(), 2 * r, 2 * r + 2);
                for (double t : theta) {
                    assertTrue(t >= 0 && t < 15, "theta " + t);
                }
                double[] y = new double[10];
                CosineSimulator.evaluate(theta, y, null);
                assertArrayEquals(y, Arrays.copyOfRange(data.y(), 10 * r, 10 * r + 10), 0.0);
                for (int j = 0; j < 2; j++) {
                    double[] up = theta.clone();
                    double[] dn = theta.clone();
                    up[j] += H;
                    dn[j] -= H;
                    double[] yu = new double[10];
                    double[] yd = new double[10];
                    CosineSimulator.evaluate(up, yu, null);
                    CosineSimulator.evaluate(dn, yd, null);
                    for (int t = 0; t < 10; t++) {
                        // central differences: error O(h²·y''') ≈ 1e-10 plus rounding 1e-16/h ≈ 1e-11
                        assertEquals((yu[t] - yd[t]) / (2 * H), data.dydx()[(10 * r + t) * 2 + j], 1e-9,
                                "row " + r + " t " + t + " j " + j);
                    }
                }
            }
        }
    }
}
