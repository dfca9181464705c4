package dev.sobolev.surrogate.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

/** Eq. 9: the value in closed form, the exact gradient and observed information against central differences. */
class GaussianLikelihoodTest {
    private static double[][] observations(ParametricModel model, double[] theta, int n, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[model.outputs()];
        model.evaluate(theta, y, null);
        double[][] d = new double[n][model.outputs()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < y.length; k++) {
                d[i][k] = y[k] + sd * (r.nextDouble() - 0.5);
            }
        }
        return d;
    }

    /** log L as printed: the triple product of normal densities of eq. 9, summed as logs term by term. */
    @Test
    void valueIsTheLogOfTheProductOfNormalDensities() {
        ParametricModel model = TestModels.closedForm();
        double[][] d = observations(model, new double[] {0.7, 1.3}, 4, 0.3, 1);
        double variance = 0.02;
        GaussianLikelihood like = new GaussianLikelihood(model, d, variance);
        double[] theta = {0.6, 1.4};
        double[] y = new double[3];
        model.evaluate(theta, y, null);
        double expected = 0;
        for (double[] row : d) {
            for (int k = 0; k < 3; k++) {
                double e = row[k] - y[k];
                expected += -0.5 * Math.log(2 * Math.PI * variance) - e * e / (2 * variance);
            }
        }
        assertEquals(expected, like.logLikelihood(theta), 1e-12 * Math.abs(expected));
        assertEquals(expected, like.at(theta).logLikelihood(), 1e-12 * Math.abs(expected));
    }

    @Test
    void derivativesOfTheClosedFormModelMatchCentralDifferences() {
        ParametricModel model = TestModels.closedForm();
        GaussianLikelihood like = new GaussianLikelihood(model, observations(model, new double[] {0.7, 1.3}, 5, 0.4,
                2), 0.05);
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 10; t++) {
            checkDerivatives(like, new double[] {r.nextDouble(-1, 2), r.nextDouble(-1, 2)});
        }
    }

    @Test
    void derivativesThroughASurrogateMatchCentralDifferences() {
        ParametricModel model = ParametricModel.of(TestModels.smallSurrogate(4));
        GaussianLikelihood like = new GaussianLikelihood(model, observations(model, new double[] {1.2, -0.3}, 3,
                0.2, 5), 0.01);
        SplittableRandom r = new SplittableRandom(6);
        for (int t = 0; t < 10; t++) {
            checkDerivatives(like, new double[] {r.nextDouble(-1, 3), r.nextDouble(-3, 2)});
        }
    }

    /** The adapter's Jacobian and Hessians of each output against central differences of the surrogate. */
    @Test
    void surrogateModelJacobianAndHessiansMatchCentralDifferences() {
        ParametricModel model = ParametricModel.of(TestModels.smallSurrogate(7));
        double[] theta = {0.4, -0.9};
        double[] y = new double[3];
        double[] jac = new double[6];
        model.evaluate(theta, y, jac);
        double[] yOnly = new double[3];
        model.evaluate(theta, yOnly, null);
        double h = 1e-5;
        double[] up = new double[3];
        double[] down = new double[3];
        double[] jacUp = new double[6];
        double[] jacDown = new double[6];
        double[] hess = new double[4];
        for (int k = 0; k < 3; k++) {
            assertEquals(y[k], yOnly[k], 1e-14);
            model.hessian(theta, k, hess);
            for (int j = 0; j < 2; j++) {
                double[] a = theta.clone();
                double[] b = theta.clone();
                a[j] += h;
                b[j] -= h;
                model.evaluate(a, up, jacUp);
                model.evaluate(b, down, jacDown);
                assertEquals((up[k] - down[k]) / (2 * h), jac[k * 2 + j], 1e-7);
                for (int i = 0; i < 2; i++) {
                    assertEquals((jacUp[k * 2 + i] - jacDown[k * 2 + i]) / (2 * h), hess[i * 2 + j], 1e-6);
                }
            }
        }
    }

    /** Steps h = 1e-5: central-difference truncation ~h²·f‴ and rounding ~ε|f|/h, both far below the tolerances. */
    private static void checkDerivatives(GaussianLikelihood like, double[] theta) {
        LikelihoodPoint point = like.at(theta);
        double h = 1e-5;
        for (int j = 0; j < 2; j++) {
            double[] a = theta.clone();
            double[] b = theta.clone();
            a[j] += h;
            b[j] -= h;
            double fd = (like.logLikelihood(a) - like.logLikelihood(b)) / (2 * h);
            double g = point.gradient().get(j);
            assertEquals(fd, g, 1e-6 * Math.max(1, Math.abs(g)), "gradient " + j + " at " + theta[0] + ", "
                    + theta[1]);
            LikelihoodPoint pa = like.at(a);
            LikelihoodPoint pb = like.at(b);
            for (int i = 0; i < 2; i++) {
                double fdInfo = -(pa.gradient().get(i) - pb.gradient().get(i)) / (2 * h);
                double info = point.information().get(i).get(j);
                assertEquals(fdInfo, info, 1e-5 * Math.max(1, Math.abs(info)), "information " + i + "," + j);
            }
        }
    }

    @Test
    void surfaceHoldsTheLogLikelihoodRowByRow() {
        ParametricModel model = TestModels.closedForm();
        GaussianLikelihood like = new GaussianLikelihood(model, observations(model, new double[] {0.5, 1}, 2, 0.1,
                8), 0.1);
        LikelihoodSurface s = like.surface(new double[] {0, 0}, 0, new double[] {0.1, 0.2, 0.3}, 1,
                new double[] {1, 2});
        assertEquals(2, s.logLikelihood().size());
        assertEquals(3, s.logLikelihood().get(0).size());
        assertEquals(like.logLikelihood(new double[] {0.3, 2}), s.logLikelihood().get(1).get(2));
        assertEquals(like.logLikelihood(new double[] {0.1, 1}), s.logLikelihood().get(0).get(0));
    }

    @Test
    void badInputNamesTheParameter() {
        ParametricModel model = TestModels.closedForm();
        double[][] good = {{1, 2, 3}};
        assertEquals("observations", assertThrows(InvalidParameterException.class,
                () -> new GaussianLikelihood(model, new double[0][], 1)).parameter());
        assertEquals("observations[1]", assertThrows(InvalidParameterException.class,
                () -> new GaussianLikelihood(model, new double[][] {{1, 2, 3}, {1, 2}}, 1)).parameter());
        assertEquals("observations[0]", assertThrows(InvalidParameterException.class,
                () -> new GaussianLikelihood(model, new double[][] {{1, Double.NaN, 3}}, 1)).parameter());
        for (double v : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("noiseVariance", assertThrows(InvalidParameterException.class,
                    () -> new GaussianLikelihood(model, good, v)).parameter());
        }
        GaussianLikelihood like = new GaussianLikelihood(model, good, 1);
        assertEquals("theta", assertThrows(InvalidParameterException.class,
                () -> like.logLikelihood(new double[] {1})).parameter());
        assertEquals("theta", assertThrows(InvalidParameterException.class,
                () -> like.at(new double[] {1, Double.NaN})).parameter());
        assertEquals("second", assertThrows(InvalidParameterException.class,
                () -> like.surface(new double[] {0, 0}, 0, new double[] {1}, 0, new double[] {1})).parameter());
        assertEquals("xs", assertThrows(InvalidParameterException.class,
                () -> like.surface(new double[] {0, 0}, 0, new double[0], 1, new double[] {1})).parameter());
        assertEquals("outputs", assertThrows(InvalidParameterException.class,
                () -> ParametricModel.of(2, 0, (t, y, j) -> { }, (t, k, h) -> { })).parameter());
    }
}
