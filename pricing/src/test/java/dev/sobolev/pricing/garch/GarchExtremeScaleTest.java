package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/** Series and parameters at the edges of double precision: a correct answer or a refusal that says why. */
class GarchExtremeScaleTest {

    private static double[] scaled(double c) {
        double[] y = Dem2Gbp.series();
        for (int t = 0; t < y.length; t++) {
            y[t] *= c;
        }
        return y;
    }

    @Test
    void seriesWhoseVarianceLeavesDoublePrecisionAreRefusedWithTheReason() {
        // 1e-160: the variance 2.2e-321 is subnormal, and the start search found no finite likelihood (a
        // NullPointerException before the bound)
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> new GarchLikelihood(scaled(1e-160)));
        assertTrue(tiny.getMessage().contains("sample variance 2.2e-321 is too small"), tiny.getMessage());
        assertTrue(tiny.getMessage().contains("rescale the series, e.g. by 1e160"), tiny.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new GarchLikelihood(scaled(1e-80)));
        assertTrue(small.getMessage().contains("2.2e-161 is too small"), small.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new GarchLikelihood(scaled(1e80)));
        assertTrue(big.getMessage().contains("2.2e+159 is too large"), big.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> new GarchLikelihood(scaled(1e160)));
        assertTrue(huge.getMessage().contains("sample variance overflows"), huge.getMessage());
        double[] constant = new double[50];
        java.util.Arrays.fill(constant, 1e-200);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GarchLikelihood(constant)).getMessage()
                .contains("constant"));
    }

    /**
     * Property: for any scale c whose series is accepted, the fit is the benchmark's, scaled (μ·c, ω·c², α and β
     * unchanged) and finite; a scale whose series is refused never reaches the fitter. Scales 10^u with u
     * uniform in [−60, 60] cover both sides of the bounds.
     */
    @Test
    void acceptedScalesGiveTheScaledBenchmarkFit() {
        SplittableRandom rnd = new SplittableRandom(24);
        int fitted = 0;
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            double c = Math.pow(10, rnd.nextDouble(-60, 60));
            double[] y = scaled(c);
            GarchLikelihood l;
            try {
                l = new GarchLikelihood(y);
            } catch (IllegalArgumentException e) {
                double v = 0.2213 * c * c; // the benchmark series' variance is about 0.2213
                assertTrue(v < 1.01 * GarchLikelihood.MIN_VARIANCE || v > 0.99 * GarchLikelihood.MAX_VARIANCE,
                        "refused scale " + c + ": " + e.getMessage());
                refused++;
                continue;
            }
            GarchFit fit = GarchFitter.fit(l);
            assertTrue(fit.converged(), "scale " + c + ": " + fit.message());
            assertEquals(Dem2Gbp.ESTIMATE.mu() * c, fit.estimate().mu(), 1e-8 * Math.abs(Dem2Gbp.ESTIMATE.mu() * c));
            assertEquals(Dem2Gbp.ESTIMATE.omega() * c * c, fit.estimate().omega(), 1e-8 * Dem2Gbp.ESTIMATE.omega() * c * c);
            assertEquals(Dem2Gbp.ESTIMATE.alpha(), fit.estimate().alpha(), 1e-9);
            assertEquals(Dem2Gbp.ESTIMATE.beta(), fit.estimate().beta(), 1e-9);
            assertTrue(Double.isFinite(fit.logLikelihood()) && Double.isFinite(fit.gradientNorm()), "scale " + c);
            for (int k = 0; k < 4; k++) {
                assertTrue(Double.isFinite(fit.seHessian().get(k)), "scale " + c + " se " + k);
            }
            fitted++;
        }
        assertTrue(fitted > 0 && refused > 0, fitted + " fitted, " + refused + " refused");
    }

    @Test
    void forecastsThatOverflowAreRefusedNamingTheHorizonAndTheQuantity() {
        Garch11 explosive = new Garch11(0, 1e300, 0.5, 0.6); // alpha + beta = 1.1: forecasts grow without bound
        List<Sensitivities> early = GarchForecast.fromState(explosive, 0, 1e300, new double[5], 5);
        assertEquals(5, early.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GarchForecast.fromState(explosive, 0, 1e300, new double[5], 1000));
        assertTrue(e.getMessage().startsWith("the gradient of the variance forecast h_{T+126} with respect to alpha is "
                + "Infinity: it overflows double precision"), e.getMessage());
        GarchLikelihood l = new GarchLikelihood(Dem2Gbp.series());
        IllegalArgumentException inSample = assertThrows(IllegalArgumentException.class,
                () -> GarchForecast.forecast(l, new Garch11(0, 1e300, 0.5, 1.2), 1));
        assertTrue(inSample.getMessage().startsWith("the in-sample conditional variance h_T is Infinity"),
                inSample.getMessage());
        IllegalArgumentException mc = assertThrows(IllegalArgumentException.class,
                () -> GarchMonteCarlo.forecast(l, new Garch11(0, 1e306, 0.0, 0.0), 400, new McConfig(1000, 1, 1, false)));
        assertTrue(mc.getMessage().startsWith("the Monte Carlo estimate of"), mc.getMessage());
        assertTrue(mc.getMessage().contains("overflow double precision"), mc.getMessage());
    }

    @Test
    void oneMonteCarloPathHasNoStandardErrorAndIsRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new McConfig(1, 1, 1, false));
        assertEquals("paths", e.parameter());
        assertEquals("must be >= 2 (a standard error needs at least 2 samples), got 1", e.detail());
        GarchLikelihood l = new GarchLikelihood(Dem2Gbp.series());
        GarchMonteCarlo.Forecast two = GarchMonteCarlo.forecast(l, Dem2Gbp.ESTIMATE, 3, new McConfig(2, 1, 1, false));
        assertFalse(two.variance().get(2).standardError().value() == 0, "two paths that differ have a positive error");
    }
}
