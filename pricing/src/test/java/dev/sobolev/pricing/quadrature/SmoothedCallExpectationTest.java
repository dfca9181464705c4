package dev.sobolev.pricing.quadrature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sobolev.pricing.payoff.SmoothedCall;

class SmoothedCallExpectationTest {

    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendreHighPrecision(16, 0, 1);

    /**
     * Independent reference: composite 16-point Gauss–Legendre (Commons Math) on [m − 40s, m + 40s] with
     * panels of half the smaller of w and s, far finer than the integrand's features.
     */
    private static double reference(DoubleUnaryOperator f, double m, double s, double w) {
        double lo = m - 40 * s;
        double h = Math.min(w, s) / 2;
        int panels = (int) Math.ceil(80 * s / h);
        h = 80 * s / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double a = lo + p * h;
            for (int q = 0; q < RULE.getNumberOfPoints(); q++) {
                double x = a + h * RULE.getPoint(q);
                double z = (x - m) / s;
                sum += h * RULE.getWeight(q) * f.applyAsDouble(x) * Math.exp(-0.5 * z * z);
            }
        }
        return sum / (s * Math.sqrt(2 * Math.PI));
    }

    @ParameterizedTest(name = "m={0} s={1} w={2}")
    @CsvSource({
        // Gauss–Hermite branch (πw/s ≥ 1.5)
        "1.0, 0.1, 0.05",
        "99.5, 15.435, 20",
        "-0.3, 0.1, 0.2",
        "1.0, 0.2, 0.05",
        // split branch (narrow smoothing)
        "1.0, 0.36, 0.05",
        "99.5, 15.435, 0.5",
        "1.2, 0.2, 0.005",
        "0.7, 0.2, 0.04"})
    void momentsMatchAdaptiveIntegration(double m, double s, double w) {
        double strike = 1.1 * Math.signum(m) * Math.min(1, Math.abs(m)) + (Math.abs(m) > 10 ? 100 - 1.1 : 0);
        SmoothedCall p = new SmoothedCall(strike, w);
        double[] got = SmoothedCallExpectation.moments(p, m, s);
        double scale = Math.max(1.0, s);
        assertEquals(reference(p::value, m, s, w), got[0], 1e-12 * scale, "E f");
        assertEquals(reference(p::first, m, s, w), got[1], 1e-12, "E f'");
        assertEquals(reference(p::second, m, s, w), got[2], 1e-12 / Math.min(1, w), "E f''");
    }

    @ParameterizedTest(name = "w/s={0}")
    @CsvSource({"0.4", "0.46", "0.5", "0.6"})
    void branchesAgreeAroundTheThreshold(double ratio) {
        // both methods are valid on either side of the switch; they must agree to 1e-12
        double s = 0.3;
        SmoothedCall p = new SmoothedCall(1.1, ratio * s);
        double[] a = SmoothedCallExpectation.moments(p, 1.05, s);
        GaussHermite gh = GaussHermite.of(600);
        assertEquals(gh.expectation(p::value, 1.05, s), a[0], 1e-12);
        assertEquals(gh.expectation(p::first, 1.05, s), a[1], 1e-12);
        assertEquals(gh.expectation(p::second, 1.05, s), a[2], 1e-11);
    }
}
