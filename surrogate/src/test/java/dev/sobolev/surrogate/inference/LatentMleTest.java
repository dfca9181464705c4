package dev.sobolev.surrogate.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;

/** The multi-start Levenberg–Marquardt fit: exact recovery, recovery within standard errors, bounds, bad input. */
class LatentMleTest {
    private static final double[] TRUE = {0.7, 1.3};
    private static final ParameterBox BOX = new ParameterBox(List.of(0.0, 0.5), List.of(1.5, 2.5));

    private static double[][] observations(ParametricModel model, int n, double sd, long seed) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(
                RandomStreams.stream(seed, RandomStreams.AUXILIARY, 0));
        double[] y = new double[model.outputs()];
        model.evaluate(TRUE, y, null);
        double[][] d = new double[n][y.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < y.length; k++) {
                d[i][k] = y[k] + sd * normal.sample();
            }
        }
        return d;
    }

    private static double[] array(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void noiseFreeObservationsGiveTheTrueParameters() {
        ParametricModel model = TestModels.closedForm();
        MleFit fit = LatentMle.fit(new GaussianLikelihood(model, observations(model, 3, 0, 1), 0.01), BOX, 4);
        assertArrayEquals(TRUE, array(fit.estimate()), 1e-7);
        assertTrue(fit.point().gradientNorm() < 1e-4, "gradient norm " + fit.point().gradientNorm());
        assertTrue(fit.hasStandardErrors());
        assertFalse(fit.onBoundary());
        assertEquals(4, fit.starts());
        assertTrue(fit.converged() >= 1 && fit.evaluations() > 0);
    }

    /**
     * Noise sd 0.1, 25 observations, seed 11: each |θ̂ⱼ − θ*ⱼ| within 3 standard errors (a two-sided normal bound
     * failing with probability 0.27 % per component for this fixed draw, which it passes), and θ̂ beats every point
     * of a 61 × 61 grid of the box.
     */
    @Test
    void noisyObservationsGiveAnEstimateWithinItsStandardErrors() {
        ParametricModel model = TestModels.closedForm();
        double sd = 0.1;
        GaussianLikelihood like = new GaussianLikelihood(model, observations(model, 25, sd, 11), sd * sd);
        MleFit fit = LatentMle.fit(like, BOX, 6);
        for (int j = 0; j < 2; j++) {
            double se = fit.standardErrors().get(j);
            assertTrue(se > 0 && se < 0.1, "se " + se);
            assertEquals(TRUE[j], fit.estimate().get(j), 3 * se);
        }
        assertTrue(fit.point().gradientNorm() < 1e-3 * Math.sqrt(like.observations()) / sd,
                "gradient norm " + fit.point().gradientNorm());
        double best = fit.point().logLikelihood();
        for (int a = 0; a <= 60; a++) {
            for (int b = 0; b <= 60; b++) {
                double[] theta = {1.5 * a / 60, 0.5 + 2.0 * b / 60};
                assertTrue(like.logLikelihood(theta) <= best + 1e-9);
            }
        }
    }

    @Test
    void recoversTheParametersThroughASurrogate() {
        ParametricModel model = ParametricModel.of(TestModels.smallSurrogate(9));
        MleFit fit = LatentMle.fit(new GaussianLikelihood(model, observations(model, 2, 0, 3), 1e-4), BOX, 8);
        double[] y = new double[3];
        double[] yHat = new double[3];
        model.evaluate(TRUE, y, null);
        model.evaluate(array(fit.estimate()), yHat, null);
        assertArrayEquals(y, yHat, 1e-7);
    }

    @Test
    void anOptimumOutsideTheBoxEndsOnItsBoundaryWithoutStandardErrors() {
        ParametricModel model = TestModels.closedForm();
        ParameterBox away = new ParameterBox(List.of(1.0, 0.5), List.of(1.5, 2.5));
        MleFit fit = LatentMle.fit(new GaussianLikelihood(model, observations(model, 3, 0, 1), 0.01), away, 4);
        assertTrue(fit.onBoundary());
        assertEquals(1.0, fit.estimate().get(0), 1e-9);
        assertEquals(List.of(Double.NaN, Double.NaN), fit.standardErrors());
        assertFalse(fit.hasStandardErrors());
        assertTrue(fit.estimate().get(1) >= 0.5 && fit.estimate().get(1) <= 2.5);
    }

    /**
     * A model undefined (NaN) past θ₀ = 0.9 keeps Levenberg–Marquardt from converging from some start (it runs out
     * of iterations); such a start offers the best point it evaluated, so the fit still ends at a defined point.
     */
    @Test
    void aStartThatDoesNotConvergeOffersTheBestPointItEvaluated() {
        ParametricModel base = TestModels.closedForm();
        ParametricModel partial = ParametricModel.of(2, 3, (t, y, jac) -> {
            base.evaluate(t, y, jac);
            if (t[0] > 0.9) {
                y[0] = Double.NaN;
            }
        }, base::hessian);
        MleFit fit = LatentMle.fit(new GaussianLikelihood(partial, new double[][] {{1, 2, 3}}, 0.01), BOX, 3);
        assertTrue(fit.converged() < fit.starts(), "converged " + fit.converged());
        assertTrue(fit.estimate().get(0) <= 0.9);
        assertTrue(Double.isFinite(fit.point().logLikelihood()));
    }

    /**
     * A model undefined (NaN) around the box's centre, the first start: that start ends where log L is NaN, and
     * the later starts still find θ* (noise-free observations). Undefined everywhere: the fit fails, saying so.
     */
    @Test
    void aStartEndingWhereLogLIsNotFiniteIsPassedOver() {
        ParametricModel base = TestModels.closedForm();
        ParametricModel holed = ParametricModel.of(2, 3, (t, y, jac) -> {
            base.evaluate(t, y, jac);
            if (Math.abs(t[0] - 0.75) < 0.02 && Math.abs(t[1] - 1.5) < 0.02) {
                y[0] = Double.NaN;
            }
        }, base::hessian);
        MleFit fit = LatentMle.fit(new GaussianLikelihood(holed, observations(base, 3, 0, 1), 0.01), BOX, 4);
        assertArrayEquals(TRUE, array(fit.estimate()), 1e-7);
        ParametricModel undefined = ParametricModel.of(2, 3, (t, y, jac) -> {
            base.evaluate(t, y, jac);
            y[1] = Double.NaN;
        }, base::hessian);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LatentMle.fit(
                new GaussianLikelihood(undefined, new double[][] {{1, 2, 3}}, 0.01), BOX, 3));
        assertTrue(e.getMessage().contains("any of the 3 starts"), e.getMessage());
    }

    @Test
    void startsBeginAtTheCentreAndFillTheBox() {
        List<double[]> starts = LatentMle.startingPoints(BOX, 5);
        assertEquals(5, starts.size());
        assertArrayEquals(new double[] {0.75, 1.5}, starts.get(0), 0);
        for (double[] s : starts) {
            assertTrue(s[0] >= 0 && s[0] <= 1.5 && s[1] >= 0.5 && s[1] <= 2.5);
        }
    }

    @Test
    void badInputNamesTheParameter() {
        ParametricModel model = TestModels.closedForm();
        GaussianLikelihood like = new GaussianLikelihood(model, new double[][] {{1, 2, 3}}, 1);
        assertEquals("starts", assertThrows(InvalidParameterException.class,
                () -> LatentMle.fit(like, BOX, 0)).parameter());
        assertEquals("box", assertThrows(InvalidParameterException.class,
                () -> LatentMle.fit(like, ParameterBox.cube(3, 0, 1), 1)).parameter());
        assertEquals("box[1]", assertThrows(InvalidParameterException.class,
                () -> new ParameterBox(List.of(0.0, 2.0), List.of(1.0, 2.0))).parameter());
        assertEquals("box[0]", assertThrows(InvalidParameterException.class,
                () -> new ParameterBox(List.of(Double.NaN), List.of(1.0))).parameter());
        assertEquals("box", assertThrows(InvalidParameterException.class,
                () -> new ParameterBox(List.of(), List.of())).parameter());
        assertEquals("box", assertThrows(InvalidParameterException.class,
                () -> new ParameterBox(List.of(0.0), List.of(1.0, 2.0))).parameter());
    }
}
