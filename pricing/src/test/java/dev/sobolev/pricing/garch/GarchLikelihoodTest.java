package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sobolev.pricing.sensitivities.Sensitivities;

class GarchLikelihoodTest {
    private static final GarchLikelihood L = new GarchLikelihood(Dem2Gbp.series());

    @Test
    void benchmarkLogLikelihood() {
        assertEquals(1974, L.size());
        // REFERENCES.md §3: −1106.60788104129 at the FCP estimates (given to 11-12 digits)
        assertEquals(Dem2Gbp.LOGLIK, L.logLikelihood(Dem2Gbp.ESTIMATE), 1e-7);
    }

    private static Garch11 bump(Garch11 p, int i, double h) {
        double[] t = p.toArray();
        t[i] += h;
        return Garch11.of(t);
    }

    @Test
    void gradientAndHessianMatchCentralDifferences() {
        Garch11[] points = {Dem2Gbp.ESTIMATE, new Garch11(0.05, 0.02, 0.1, 0.7), new Garch11(-0.1, 0.3, 0.3, 0.2)};
        for (Garch11 p : points) {
            Sensitivities s = L.derivatives(p, true);
            assertEquals(L.logLikelihood(p), s.value(), 1e-9);
            for (int i = 0; i < 4; i++) {
                double h = 1e-6 * Math.max(1e-2, Math.abs(p.toArray()[i]));
                double fd = (L.logLikelihood(bump(p, i, h)) - L.logLikelihood(bump(p, i, -h))) / (2 * h);
                assertEquals(fd, s.delta(i), 1e-5 * Math.max(1, Math.abs(fd)), "gradient " + i + " at " + p);
                for (int j = 0; j < 4; j++) {
                    double fdh = (L.derivatives(bump(p, j, h), false).delta(i)
                            - L.derivatives(bump(p, j, -h), false).delta(i)) / (2 * h);
                    assertEquals(fdh, s.gamma(i, j), 1e-5 * Math.max(1, Math.abs(fdh)), "hessian " + i + "," + j + " at " + p);
                }
            }
        }
    }

    @Test
    void scoresSumToGradient() {
        Garch11 p = new Garch11(0.01, 0.02, 0.12, 0.8);
        double[][] s = L.scores(p);
        double[] g = L.derivatives(p, false).delta();
        for (int i = 0; i < 4; i++) {
            double sum = 0;
            for (double[] row : s) {
                sum += row[i];
            }
            assertEquals(g[i], sum, 1e-9 * Math.max(1, Math.abs(g[i])));
        }
    }

    /**
     * hₜ against the recurrence written out on a 10-point series (h₁ = ω + (α+β)s², hₜ = ω + αe²ₜ₋₁ + βhₜ₋₁),
     * the log-likelihood recomputed from them, and the last one against {@link GarchLikelihood#lastState}.
     */
    @Test
    void conditionalVariancesFollowTheRecurrence() {
        double[] y = {0.3, -0.2, 0.5, 0.1, -0.4, 0.25, -0.05, 0.6, -0.3, 0.15};
        GarchLikelihood l = new GarchLikelihood(y);
        Garch11 p = new Garch11(0.02, 0.05, 0.15, 0.7);
        double[] h = l.conditionalVariances(p);
        assertEquals(y.length, h.length);
        double s2 = 0;
        for (double v : y) {
            s2 += (v - p.mu()) * (v - p.mu()) / y.length;
        }
        double expected = p.omega() + (p.alpha() + p.beta()) * s2;
        double logL = 0;
        for (int t = 0; t < y.length; t++) {
            assertEquals(expected, h[t], 1e-15 * expected, "h at t = " + (t + 1));
            double e = y[t] - p.mu();
            logL += -0.5 * (Math.log(2 * Math.PI) + Math.log(h[t]) + e * e / h[t]);
            expected = p.omega() + p.alpha() * e * e + p.beta() * h[t];
        }
        assertEquals(logL, l.logLikelihood(p), 1e-12 * Math.abs(logL));
        assertEquals(l.lastState(p)[0], h[y.length - 1], 0.0, "the same operations as lastState");
        assertEquals(L.lastState(Dem2Gbp.ESTIMATE)[0], L.conditionalVariances(Dem2Gbp.ESTIMATE)[1973], 0.0);
    }

    @Test
    void rejectsBadSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GarchLikelihood(new double[5]));
        assertEquals("series must have at least 10 observations, got 5", e.getMessage());
        double[] c = new double[20];
        java.util.Arrays.fill(c, 0.5);
        e = assertThrows(IllegalArgumentException.class, () -> new GarchLikelihood(c));
        assertEquals("series is constant (every observation is 0.5): GARCH needs a varying series", e.getMessage());
        double[] nan = Dem2Gbp.series();
        nan[41] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new GarchLikelihood(nan));
        assertEquals("observation 42 must be finite, got NaN", e.getMessage());
    }
}
