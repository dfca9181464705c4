package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sobolev.pricing.sensitivities.Sensitivities;

class GarchForecastTest {
    private static final double[] Y = Dem2Gbp.series();
    private static final GarchLikelihood L = new GarchLikelihood(Y);

    @Test
    void reproducesReferenceForecastsToTenDigits() {
        // REFERENCES.md §3 (forecasts from the fitted model at the published estimates, 12 digits)
        List<Sensitivities> f = GarchForecast.forecast(L, Dem2Gbp.ESTIMATE, 250);
        assertTrue(GarchFitterTest.lre(L.lastState(Dem2Gbp.ESTIMATE)[0], 0.114799355978) >= 10);
        double[][] ref = {{1, 0.146992567502}, {2, 0.151743105909}, {5, 0.164860609532}, {10, 0.183382016549},
            {250, 0.263161064269}};
        for (double[] r : ref) {
            double got = f.get((int) r[0] - 1).value();
            assertTrue(GarchFitterTest.lre(got, r[1]) >= 10, "h_{T+" + (int) r[0] + "} = " + got + " vs " + r[1]);
            assertEquals(GarchForecast.closedForm(Dem2Gbp.ESTIMATE, f.get(0).value(), (int) r[0]), got, 1e-14);
        }
    }

    private static Garch11 bump(Garch11 p, int i, double h) {
        double[] t = p.toArray();
        t[i] += h;
        return Garch11.of(t);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Garch11 p = new Garch11(0.02, 0.03, 0.12, 0.82);
        int horizon = 20;
        List<Sensitivities> f = GarchForecast.forecast(L, p, horizon);
        for (int i = 0; i < 4; i++) {
            double h = 1e-6;
            List<Sensitivities> up = GarchForecast.forecast(L, bump(p, i, h), horizon);
            List<Sensitivities> dn = GarchForecast.forecast(L, bump(p, i, -h), horizon);
            for (int k = 0; k < horizon; k++) {
                double fd = (up.get(k).value() - dn.get(k).value()) / (2 * h);
                assertEquals(fd, f.get(k).delta(i), 1e-7 * Math.max(1, Math.abs(fd)), "param " + i + " k " + (k + 1));
            }
        }
        // the last observation, including its effect through h0 = s²(μ)
        double h = 1e-6;
        double[] yUp = Y.clone();
        double[] yDn = Y.clone();
        yUp[Y.length - 1] += h;
        yDn[Y.length - 1] -= h;
        List<Sensitivities> up = GarchForecast.forecast(new GarchLikelihood(yUp), p, horizon);
        List<Sensitivities> dn = GarchForecast.forecast(new GarchLikelihood(yDn), p, horizon);
        for (int k = 0; k < horizon; k++) {
            double fd = (up.get(k).value() - dn.get(k).value()) / (2 * h);
            assertEquals(fd, f.get(k).delta(GarchForecast.LAST_OBSERVATION), 1e-8, "y_T k " + (k + 1));
        }
    }
}
