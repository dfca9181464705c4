package dev.sobolev.surrogate.regression;

import static dev.sobolev.surrogate.regression.BasisTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.junit.jupiter.api.Test;

class RegressionsTest {
    private static final RbfBasis SINE = RbfBasis.evenlySpaced(7, 0, 2 * Math.PI, 1.0);

    /** n points x ~ U[0, 2π] with z = sin x + 0.25ε, ∂z/∂x = cos x + 0.25ε' (the ridge experiment's protocol). */
    static Observations sine(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] z = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(0, 2 * Math.PI);
            z[i] = Math.sin(x[i]) + 0.25 * gaussian(r);
            g[i] = Math.cos(x[i]) + 0.25 * gaussian(r);
        }
        return Observations.of(1, x, z, g);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * A quadratic objective Σ_r w_r (a_r·β − t_r)², the form of eq. 15 and of Huge and Savine's objective, with its
     * exact gradient 2 Σ_r w_r (a_r·β − t_r) a_r.
     */
    private static final class Quadratic {
        final List<double[]> rows = new ArrayList<>();
        final List<Double> targets = new ArrayList<>();
        final List<Double> weights = new ArrayList<>();
        final int m;

        Quadratic(int m) {
            this.m = m;
        }

        void add(double[] row, double target, double weight) {
            rows.add(row.clone());
            targets.add(target);
            weights.add(weight);
        }

        /** λ|β − centre|², as M unit rows. */
        void penalty(double lambda, double[] centre) {
            for (int k = 0; k < m; k++) {
                double[] e = new double[m];
                e[k] = 1;
                add(e, centre[k], lambda);
            }
        }

        /** |z − Φβ|². */
        void values(Basis basis, Observations data) {
            for (int i = 0; i < data.rows(); i++) {
                double[] phi = new double[m];
                basis.values(data.point(i), phi);
                add(phi, data.z(i), 1.0);
            }
        }

        double value(double[] beta) {
            double s = 0;
            for (int r = 0; r < rows.size(); r++) {
                double e = dot(rows.get(r), beta) - targets.get(r);
                s += weights.get(r) * e * e;
            }
            return s;
        }

        double[] gradient(double[] beta) {
            double[] g = new double[m];
            for (int r = 0; r < rows.size(); r++) {
                double e = dot(rows.get(r), beta) - targets.get(r);
                for (int k = 0; k < m; k++) {
                    g[k] += 2 * weights.get(r) * e * rows.get(r)[k];
                }
            }
            return g;
        }

        /** The gradient against central differences, then the minimum by nonlinear conjugate gradients. */
        double[] minimise() {
            double[] probe = new double[m];
            for (int k = 0; k < m; k++) {
                probe[k] = 0.3 * Math.sin(k + 1.0);
            }
            double[] g = gradient(probe);
            for (int k = 0; k < m; k++) {
                double h = 1e-6;
                double[] up = probe.clone();
                double[] down = probe.clone();
                up[k] += h;
                down[k] -= h;
                assertEquals((value(up) - value(down)) / (2 * h), g[k], 1e-6 * Math.max(1, Math.abs(g[k])));
            }
            // Polak–Ribière with a tight Brent line search, restarted from its own result until the objective
            // stops falling (each run loses conjugacy after about M steps on this ill-conditioned quadratic)
            double[] beta = new double[m];
            double previous = Double.POSITIVE_INFINITY;
            for (int restart = 0; restart < 50 && value(beta) < previous; restart++) {
                previous = value(beta);
                NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                        new SimpleValueChecker(1e-15, 1e-300), 1e-12, 1e-300, 1.0);
                PointValuePair p = cg.optimize(new MaxEval(100_000), GoalType.MINIMIZE, new InitialGuess(beta),
                        new ObjectiveFunction(this::value), new ObjectiveFunctionGradient(this::gradient));
                beta = p.getPoint();
            }
            return beta;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                s += a[k] * b[k];
            }
            return s;
        }
    }

    @Test
    void lambdaTwoZeroReproducesRidge() {
        Design data = Design.of(SINE, sine(12, 1));
        for (double lambda1 : new double[] {0.0, 0.01, 0.1, 3.0}) {
            double[] ridge = Regressions.ridge(data, lambda1).coefficients();
            double[] rg = Regressions.ridgeGradients(data, lambda1, 0.0).coefficients();
            assertArrayEquals(ridge, rg, 1e-12, "lambda1 = " + lambda1);
        }
    }

    @Test
    void ridgeGradientsClosedFormMinimisesEquation15() {
        Observations data = sine(12, 2);
        Design design = Design.of(SINE, data);
        double lambda1 = 0.1;
        double lambda2 = 0.1;
        LinearModel grad = Regressions.gradientFit(design, lambda1);
        double[] closed = Regressions.ridgeGradients(design, grad, lambda1, lambda2).coefficients();
        Quadratic eq15 = new Quadratic(SINE.size());
        eq15.values(SINE, data);
        eq15.penalty(lambda1, new double[SINE.size()]);
        eq15.penalty(lambda2, grad.coefficients());
        double[] numeric = eq15.minimise();
        assertArrayEquals(closed, numeric, 1e-8);
        assertEquals(eq15.value(closed), eq15.value(numeric), 1e-12 * eq15.value(closed));
        assertTrue(eq15.value(closed) <= eq15.value(numeric) * (1 + 1e-14));
    }

    @Test
    void differentialClosedFormMinimisesItsObjective() {
        Observations data = sine(15, 3);
        Design design = Design.of(SINE, data);
        double weight = 0.5;
        double lambda1 = 0.05;
        double[] closed = Regressions.differential(design, weight, lambda1).coefficients();
        Quadratic hs = new Quadratic(SINE.size());
        hs.values(SINE, data);
        double scale = Regressions.differentialScales(data)[0];
        for (int i = 0; i < data.rows(); i++) {
            double[] dphi = new double[SINE.size()];
            SINE.derivatives(data.point(i), dphi);
            hs.add(dphi, data.dzdx(i, 0), weight * scale);
        }
        hs.penalty(lambda1, new double[SINE.size()]);
        assertArrayEquals(closed, hs.minimise(), 1e-8);
        // weight 0 is ridge
        assertArrayEquals(Regressions.ridge(design, lambda1).coefficients(),
                Regressions.differential(design, 0.0, lambda1).coefficients(), 1e-12);
    }

    @Test
    void gradientFitLeavesTheConstantAtZeroAndRecoversExactGradients() {
        double[] beta = {0.4, 1.0, -0.5, 0.25, 0.8, -1.2, 0.3, 0.6};
        LinearModel truth = new LinearModel(SINE, beta);
        SplittableRandom r = new SplittableRandom(4);
        int n = 20;
        double[] x = new double[n];
        double[] z = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(0, 2 * Math.PI);
            z[i] = truth.value(new double[] {x[i]});
            g[i] = truth.gradient(new double[] {x[i]})[0];
        }
        Design exact = Design.of(SINE, Observations.of(1, x, z, g));
        LinearModel grad = Regressions.gradientFit(exact, 0.0);
        assertEquals(0.0, grad.coefficient(Basis.CONSTANT));
        for (int k = 1; k < beta.length; k++) {
            assertEquals(beta[k], grad.coefficient(k), 1e-9);
        }
        assertArrayEquals(beta, Regressions.ridge(exact, 0.0).coefficients(), 1e-9);
        assertEquals(0.0, exact.valueRmse(truth), 1e-15);
        assertEquals(0.0, exact.gradientRmse(truth), 1e-15);
        // λ₂ → ∞ pulls ridge-gradients onto β_grad
        assertArrayEquals(grad.coefficients(), Regressions.ridgeGradients(exact, grad, 0.1, 1e12).coefficients(),
                1e-9);
    }

    @Test
    void modelGradientIsTheDerivativeOfItsValue() {
        LinearModel m = Regressions.ridgeGradients(Design.of(SINE, sine(12, 5)), 0.1, 0.1);
        for (double x = 0.05; x < 2 * Math.PI; x += 0.31) {
            double h = 1e-5;
            double fd = (m.value(new double[] {x + h}) - m.value(new double[] {x - h})) / (2 * h);
            assertEquals(fd, m.gradient(new double[] {x})[0], 1e-8);
        }
    }

    @Test
    void designScoresAsTheModelDoesPointByPoint() {
        Observations test = sine(30, 7);
        LinearModel m = Regressions.ridge(Design.of(SINE, sine(12, 8)), 0.1);
        double values = 0;
        double gradients = 0;
        for (int i = 0; i < test.rows(); i++) {
            values += Math.pow(m.value(test.point(i)) - test.z(i), 2);
            gradients += Math.pow(m.gradient(test.point(i))[0] - test.dzdx(i, 0), 2);
        }
        assertEquals(Math.sqrt(values / test.rows()), m.valueRmse(test), 1e-14);
        assertEquals(Math.sqrt(gradients / test.rows()), m.gradientRmse(test), 1e-14);
    }

    @Test
    void badInputIsRefusedNamingTheParameter() {
        Design data = Design.of(SINE, sine(12, 6));
        assertMessage("lambda1 must be finite and >= 0, got -0.1", () -> Regressions.ridge(data, -0.1));
        assertMessage("lambda1 must be finite and >= 0, got NaN", () -> Regressions.ridge(data, Double.NaN));
        assertMessage("lambda2 must be finite and >= 0, got -1.0", () -> Regressions.ridgeGradients(data, 0.1, -1));
        assertMessage("lambda2 must be finite and >= 0, got Infinity",
                () -> Regressions.ridgeGradients(data, 0.1, Double.POSITIVE_INFINITY));
        assertMessage("lambdaGrad must be finite and >= 0, got -2.0", () -> Regressions.gradientFit(data, -2));
        assertMessage("weight must be finite and >= 0, got -0.5", () -> Regressions.differential(data, -0.5, 0.1));
        assertMessage("x must hold at least one row, got 0 values",
                () -> Observations.of(1, new double[0], new double[0], new double[0]));
        assertMessage("z must have 3 values (one per row of x), got 2",
                () -> Observations.of(1, new double[] {1, 2, 3}, new double[] {1, 2}, new double[] {1, 2, 3}));
        assertMessage("dzdx must have 4 values (d = 2 per row of x), got 3",
                () -> Observations.of(2, new double[] {1, 2, 3, 4}, new double[] {1, 2}, new double[] {1, 2, 3}));
        assertMessage("x must hold whole rows of 2 inputs, got 3 values",
                () -> Observations.values(2, new double[] {1, 2, 3}, new double[] {1}));
        assertMessage("z[1] must be finite, got NaN",
                () -> Observations.values(1, new double[] {1, 2}, new double[] {1, Double.NaN}));
        Observations plane = Observations.values(2, new double[] {1, 2}, new double[] {1});
        assertMessage("x must have 1 input per row (the basis's), got 2", () -> Design.of(SINE, plane));
        Design valuesOnly = Design.of(SINE, Observations.values(1, new double[] {1, 2}, new double[] {1, 2}));
        assertMessage("dzdx must be given: this fit uses the derivative observations",
                () -> Regressions.gradientFit(valuesOnly, 0.1));
        assertMessage("lambda1 must be > 0 here: the normal matrix of 2 rows and 8 coefficients is singular",
                () -> Regressions.ridge(valuesOnly, 0.0));
        // a singular gradient fit is reported under the name its caller gave the penalty
        Design two = Design.of(SINE, Observations.of(1, new double[] {1, 2}, new double[] {1, 2},
                new double[] {0.5, -0.5}));
        assertMessage("lambdaGrad must be > 0 here: the normal matrix of 2 rows and 7 coefficients is singular",
                () -> Regressions.gradientFit(two, 0.0));
        assertMessage("lambda1 must be > 0 here: the normal matrix of 2 rows and 7 coefficients is singular",
                () -> Regressions.ridgeGradients(two, 0.0, 1.0));
    }
}
