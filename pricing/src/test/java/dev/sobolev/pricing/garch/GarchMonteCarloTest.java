package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.sensitivities.Sensitivities;

class GarchMonteCarloTest {
    private static final GarchLikelihood L = new GarchLikelihood(Dem2Gbp.series());

    private static void within(double exact, double est, double se, String what) {
        if (se == 0) {
            assertEquals(exact, est, 1e-12 * Math.max(1, Math.abs(exact)), what + " (deterministic)");
            return;
        }
        assertTrue(Math.abs(est - exact) <= 4 * se, what + ": " + est + " vs " + exact + " (SE " + se + ")");
    }

    @Test
    void forecastsAndPathwiseGradientsWithinFourStandardErrorsOfClosedForms() {
        int horizon = 20;
        Garch11 p = Dem2Gbp.ESTIMATE;
        GarchMonteCarlo.Forecast mc = GarchMonteCarlo.forecast(L, p, horizon, new McConfig(1_000_000, 17, 2, false));
        List<Sensitivities> exact = GarchForecast.forecast(L, p, horizon);
        for (int k : new int[] {1, 5, 20}) {
            Sensitivities ex = exact.get(k - 1);
            double aggregate = 0;
            double[] aggregateGrad = new double[5];
            for (int j = 0; j < k; j++) {
                aggregate += exact.get(j).value();
                for (int i = 0; i < 5; i++) {
                    aggregateGrad[i] += exact.get(j).delta(i);
                }
            }
            check(ex.value(), ex.delta(), mc.variance().get(k - 1), "E h k=" + k);
            check(ex.value(), ex.delta(), mc.squaredReturn().get(k - 1), "E e2 k=" + k);
            check(aggregate, aggregateGrad, mc.aggregateVariance().get(k - 1), "Var sum k=" + k);
        }
    }

    private static void check(double value, double[] grad, McResult r, String what) {
        within(value, r.estimate().value(), r.standardError().value(), what);
        for (int i = 0; i < 5; i++) {
            within(grad[i], r.estimate().delta(i), r.standardError().delta(i), what + " d" + i);
        }
    }

    @Test
    void identicalForOneAndThreeThreads() {
        var a = GarchMonteCarlo.forecast(L, Dem2Gbp.ESTIMATE, 5, new McConfig(40_000, 3, 1, false));
        var b = GarchMonteCarlo.forecast(L, Dem2Gbp.ESTIMATE, 5, new McConfig(40_000, 3, 3, false));
        assertEquals(a, b);
    }
}
