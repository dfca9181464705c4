package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * {@link ExponentialProblem} (eq. 14): the pathwise and the expected gradients against central differences, the
 * closed-form expectation against Simpson quadrature, and the training labels as unbiased draws of the test labels.
 */
class ExponentialProblemTest {
    private static final double H = 1e-6;
    private static final double[][] BETAS = {
            {0.1, -0.3, 0.45, 0.2, -0.49, 0.33, -0.25, 0.05},
            {-0.5, 0.5, -0.5, 0.5, 0.5, -0.5, 0.5, -0.5},
            {0.2, 0.4, 0.1, 0.0, 0.3, -0.2, 1e-9, 0.1},
            {0.0, 2.0, 1.5, -3.0, -1.0, 0.7, 2.5, 0.0}};

    @Test
    void arraysOfAnotherLengthAreRejectedNamingTheParameter() {
        assertEquals("beta", assertThrows(InvalidParameterException.class,
                () -> ExponentialProblem.simulate(new double[7], 0.5, 0.5, new double[8])).parameter());
        assertEquals("gradient", assertThrows(InvalidParameterException.class,
                () -> ExponentialProblem.simulate(new double[8], 0.5, 0.5, new double[9])).parameter());
        assertEquals("beta", assertThrows(InvalidParameterException.class,
                () -> ExponentialProblem.expectation(null, new double[8])).parameter());
        assertEquals("gradient must hold 8 values, got 2", assertThrows(InvalidParameterException.class,
                () -> ExponentialProblem.expectation(new double[8], new double[2])).getMessage());
    }

    @Test
    void thePathwiseGradientMatchesFiniteDifferences() {
        for (double[] beta : BETAS) {
            for (double[] x : new double[][] {{0.0, 1.0}, {0.37, 0.81}, {0.99, 0.02}}) {
                double[] gradient = new double[8];
                double y = ExponentialProblem.simulate(beta, x[0], x[1], gradient);
                double expected = beta[0] + beta[1] * beta[2] * Math.exp(beta[3] * (x[0] - 0.1))
                        + beta[4] * beta[5] * Math.exp(beta[6] * (x[1] - 0.2)) + beta[7];
                assertEquals(expected, y, 1e-15);
                checkFiniteDifferences(beta, gradient, b -> ExponentialProblem.simulate(b, x[0], x[1], new double[8]));
            }
        }
    }

    /** The series branch (|b| &lt; 1) and the closed-form branch (|b| ≥ 1) both, including b ≈ 0. */
    @Test
    void theExpectationsGradientMatchesFiniteDifferences() {
        for (double[] beta : BETAS) {
            double[] gradient = new double[8];
            ExponentialProblem.expectation(beta, gradient);
            checkFiniteDifferences(beta, gradient, b -> ExponentialProblem.expectation(b, new double[8]));
        }
    }

    /** E[exp(b(x − a))] for x ~ U[0, 1] by composite Simpson on 2000 panels: error ≈ b⁴e^{|b|}/(180·2000⁴) ≈ 0. */
    @Test
    void theExpectationIsTheIntegralOverTheSimulatorsRandomness() {
        for (double[] beta : BETAS) {
            double i1 = simpson(x -> Math.exp(beta[3] * (x - 0.1)));
            double i2 = simpson(x -> Math.exp(beta[6] * (x - 0.2)));
            double expected = beta[0] + beta[1] * beta[2] * i1 + beta[4] * beta[5] * i2 + beta[7];
            assertEquals(expected, ExponentialProblem.expectation(beta, new double[8]), 1e-13);
        }
    }

    /**
     * Training rows carry the pathwise y and ∂y/∂β; the gradient labels are consistent with the value (β₂·∂y/∂β₂...
     * recover the two exponentials, which rebuild y) and y − E[y | β] averages to zero within 4 standard errors.
     */
    @Test
    void trainingLabelsArePathwiseDrawsAroundTheExactTestLabels() {
        ExponentialProblem problem = new ExponentialProblem();
        int n = 20000;
        TrainingData data = problem.training(n, 11);
        double sum = 0;
        double sumSq = 0;
        double[] gradientSum = new double[8];
        double[] gradientSq = new double[8];
        double[] exact = new double[8];
        for (int r = 0; r < n; r++) {
            double[] beta = Arrays.copyOfRange(data.x(), 8 * r, 8 * r + 8);
            for (double b : beta) {
                assertTrue(b >= -0.5 && b < 0.5, "beta " + b);
            }
            double[] g = Arrays.copyOfRange(data.dydx(), 8 * r, 8 * r + 8);
            double e1 = g[2] / beta[1];
            double e2 = g[5] / beta[4];
            assertEquals(beta[0] + beta[1] * beta[2] * e1 + beta[4] * beta[5] * e2 + beta[7], data.y()[r], 1e-12);
            assertEquals(1.0, g[0]);
            assertEquals(1.0, g[7]);
            double diff = data.y()[r] - ExponentialProblem.expectation(beta, exact);
            sum += diff;
            sumSq += diff * diff;
            for (int j = 0; j < 8; j++) {
                double dg = g[j] - exact[j];
                gradientSum[j] += dg;
                gradientSq[j] += dg * dg;
            }
        }
        assertEquals(0, sum / n, 4 * Math.sqrt(sumSq / n / n));
        for (int j = 0; j < 8; j++) {
            assertEquals(0, gradientSum[j] / n, 4 * Math.sqrt(gradientSq[j] / n / n) + 1e-15, "gradient " + j);
        }
        TrainingData test = problem.test(50, 11);
        for (int r = 0; r < test.rows(); r++) {
            double[] beta = Arrays.copyOfRange(test.x(), 8 * r, 8 * r + 8);
            assertEquals(ExponentialProblem.expectation(beta, exact), test.y()[r], 0.0);
            assertEquals(Arrays.toString(exact), Arrays.toString(Arrays.copyOfRange(test.dydx(), 8 * r, 8 * r + 8)));
        }
    }

    private static void checkFiniteDifferences(double[] beta, double[] gradient,
                                               java.util.function.ToDoubleFunction<double[]> f) {
        for (int j = 0; j < 8; j++) {
            double[] up = beta.clone();
            double[] dn = beta.clone();
            up[j] += H;
            dn[j] -= H;
            double fd = (f.applyAsDouble(up) - f.applyAsDouble(dn)) / (2 * H);
            // error ≈ h²|f'''| + 1e-16·|f|/h ≈ 1e-10 for the order-one terms and exponentials of |b| ≤ 3
            assertEquals(fd, gradient[j], 1e-8, Arrays.toString(beta) + " j " + j);
        }
    }

    private static double simpson(java.util.function.DoubleUnaryOperator f) {
        int panels = 2000;
        double h = 1.0 / panels;
        double s = f.applyAsDouble(0) + f.applyAsDouble(1);
        for (int i = 1; i < panels; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(i * h);
        }
        return s * h / 3;
    }
}
