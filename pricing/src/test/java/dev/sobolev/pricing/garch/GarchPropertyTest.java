package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.fuzz.Fuzz;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Seeded properties of the GARCH(1,1) code at every scale double precision allows: series and parameters with
 * scales log-uniform in [1e-200, 1e200] give finite forecasts, gradients and fits, or a one-line refusal naming
 * the quantity that left double precision; Monte Carlo forecasts with small path counts are refused below the
 * documented minimum, else have finite, positive standard errors wherever the statistic varies across paths.
 */
class GarchPropertyTest {

    /** 10^u with u uniform in [−200, 200]. */
    private static double logUniformScale(SplittableRandom r) {
        return Math.pow(10, r.nextDouble(-200, 200));
    }

    /** A Gaussian series of random length (at least the minimum) and the given scale. */
    private static double[] series(SplittableRandom r, double scale) {
        double[] y = new double[GarchLikelihood.MIN_OBSERVATIONS + r.nextInt(290)];
        for (int t = 0; t < y.length; t++) {
            y[t] = scale * r.nextGaussian();
        }
        return y;
    }

    /** The likelihood of the series, or null after checking that its refusal names the series. */
    private static GarchLikelihood likelihoodOrRefusal(double[] y, double scale) {
        try {
            return new GarchLikelihood(y);
        } catch (IllegalArgumentException e) {
            Fuzz.assertCleanRefusal(e, "series", "a series of scale " + scale);
            return null;
        }
    }

    @Test
    void forecastsAreFiniteOrRefusedNamingTheQuantity() {
        Fuzz.run(2403, Fuzz.cases() / 5, r -> {
            double scale = logUniformScale(r);
            GarchLikelihood data = likelihoodOrRefusal(series(r, scale), scale);
            if (data == null) {
                return;
            }
            Garch11 theta = new Garch11(scale * r.nextGaussian(), logUniformScale(r), r.nextDouble(0, 1.2),
                    r.nextDouble(0, 1.2));
            int horizon = (int) Math.pow(10, r.nextDouble(0, 4));
            String context = "scale " + scale + ", " + theta.describe() + ", horizon " + horizon;
            List<Sensitivities> forecasts;
            try {
                forecasts = GarchForecast.forecast(data, theta, horizon);
            } catch (IllegalArgumentException e) {
                Fuzz.assertCleanRefusal(e, "overflows double precision", context);
                assertTrue(e.getMessage().contains("h_T") || e.getMessage().contains("h_{T+"), e.getMessage());
                return;
            }
            assertEquals(horizon, forecasts.size(), context);
            for (Sensitivities f : forecasts) {
                assertTrue(Double.isFinite(f.value()) && f.value() > 0, "forecast " + f.value() + " with " + context);
                for (double g : f.delta()) {
                    assertTrue(Double.isFinite(g), "gradient entry " + g + " with " + context);
                }
            }
        });
    }

    @Test
    void fitsNeverReportConvergenceWithNonFiniteResults() {
        Fuzz.run(2404, Fuzz.cases() / 10, r -> {
            double scale = logUniformScale(r);
            GarchLikelihood data = likelihoodOrRefusal(series(r, scale), scale);
            if (data == null) {
                return;
            }
            GarchFit fit;
            try {
                fit = GarchFitter.fit(data);
            } catch (IllegalArgumentException e) {
                Fuzz.assertCleanRefusal(e, "log-likelihood", "fitting a series of scale " + scale);
                return;
            }
            String context = "scale " + scale + ": " + fit;
            if (fit.converged()) {
                assertTrue(Double.isFinite(fit.logLikelihood()), context);
                assertTrue(Double.isFinite(fit.gradientNorm()), context);
                assertTrue(fit.estimate().isStationary(), context);
            }
            assertTrue(!fit.message().isEmpty() && fit.message().indexOf('\n') < 0, context);
        });
    }

    @Test
    void monteCarloForecastsWithSmallPathCountsAreRefusedOrHavePositiveStandardErrors() {
        GarchLikelihood data = new GarchLikelihood(Dem2Gbp.series());
        Fuzz.run(2405, Fuzz.cases() / 5, r -> {
            long paths = r.nextInt(51);
            boolean antithetic = r.nextBoolean();
            long seed = r.nextLong();
            int horizon = 1 + r.nextInt(10);
            double alpha = r.nextDouble(0.01, 0.3);
            double beta = r.nextDouble(0.3, 0.98 - alpha);
            Garch11 theta = new Garch11(r.nextGaussian() * 0.01, 0.2 * (1 - alpha - beta), alpha, beta);
            String context = paths + " paths, antithetic " + antithetic + ", seed " + seed + ", " + theta.describe();
            McConfig config;
            try {
                config = new McConfig(paths, seed, 1 + r.nextInt(2), antithetic);
            } catch (IllegalArgumentException e) {
                Fuzz.assertCleanRefusal(e, "paths", context);
                assertTrue(paths < (antithetic ? 3 : 2), context);
                return;
            }
            GarchMonteCarlo.Forecast f;
            try {
                f = GarchMonteCarlo.forecast(data, theta, horizon, config);
            } catch (IllegalArgumentException e) {
                Fuzz.assertCleanRefusal(e, "antithetic", context);
                assertTrue(antithetic, context);
                return;
            }
            assertTrue(!antithetic, context);
            for (int k = 0; k < horizon; k++) {
                // h_{T+1} and its gradient are the same on every path: their standard error is zero
                check(f.variance().get(k), k > 0, context);
                check(f.squaredReturn().get(k), true, context);
                check(f.aggregateVariance().get(k), true, context);
            }
        });
    }

    /** Finite estimates; finite standard errors, positive when the statistic varies across paths. */
    private static void check(McResult m, boolean varies, String context) {
        double[] est = m.estimate().delta();
        double[] se = m.standardError().delta();
        assertTrue(Double.isFinite(m.estimate().value()), context);
        assertTrue(Double.isFinite(m.standardError().value()) && (m.standardError().value() > 0) == varies,
                "standard error " + m.standardError().value() + " with " + context);
        for (int i = 0; i < est.length; i++) {
            assertTrue(Double.isFinite(est[i]), context);
            assertTrue(Double.isFinite(se[i]) && (!varies || se[i] > 0), "gradient standard error " + i + " is "
                    + se[i] + " with " + context);
        }
    }
}
