package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.sobolev.pricing.simulators.CosineSimulator;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * {@link CosineProblem}: rows are eq. 7 and its Jacobian at θ drawn from the prior, bit for bit as
 * {@link CosineSimulator} gives them (whose Jacobian {@code CosineSimulatorTest} checks by central differences).
 */
class CosineProblemTest {

    @Test
    void rowsAreTheSimulatorAndItsJacobianAtPriorDraws() {
        CosineProblem problem = new CosineProblem();
        for (TrainingData data : new TrainingData[] {problem.training(50, 1), problem.test(50, 1)}) {
            for (int r = 0; r < data.rows(); r++) {
                double[] theta = Arrays.copyOfRange(data.x(), 2 * r, 2 * r + 2);
                for (double t : theta) {
                    assertTrue(t >= 0 && t < 15, "theta " + t);
                }
                double[] y = new double[10];
                double[] jacobian = new double[20];
                CosineSimulator.evaluate(theta, y, jacobian);
                assertArrayEquals(y, Arrays.copyOfRange(data.y(), 10 * r, 10 * r + 10), 0.0);
                assertArrayEquals(jacobian, Arrays.copyOfRange(data.dydx(), 20 * r, 20 * r + 20), 0.0);
            }
        }
    }
}
