package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GarchFitterTest {

    /** Log relative error, −log10(|x − c|/|c|) (McCullough 1998), capped at 15. */
    static double lre(double x, double c) {
        if (x == c) {
            return 15;
        }
        return Math.min(15, -Math.log10(Math.abs(x - c) / Math.abs(c)));
    }

    /**
     * The published value has at least 6 significant digits and ours agrees with all of them: |x − c| is below
     * one unit in the last published place. One unit rather than half, because the source truncates some
     * entries: OPG α is published as 0.0139737 while we get 0.01397379 (every other entry agrees after
     * rounding, to within half a unit).
     */
    static void agreesToPublishedDigits(String what, double x, String published) {
        java.math.BigDecimal c = new java.math.BigDecimal(published);
        assertTrue(c.precision() >= 6, what + " published with fewer than 6 digits");
        double unit = Math.pow(10, -c.scale());
        assertTrue(Math.abs(x - c.doubleValue()) < unit, what + ": " + x + " vs published " + published);
    }

    @Test
    void reproducesTheFcpBenchmark() {
        GarchFit fit = GarchFitter.fit(new GarchLikelihood(Dem2Gbp.series()));
        assertTrue(fit.converged(), fit.message());
        double[] est = fit.estimate().toArray();
        double[] ref = Dem2Gbp.ESTIMATE.toArray();
        for (int i = 0; i < 4; i++) {
            assertTrue(lre(est[i], ref[i]) >= 10, Garch11.NAMES.get(i) + ": " + est[i] + " vs " + ref[i]
                    + " LRE " + lre(est[i], ref[i]));
        }
        assertTrue(lre(fit.logLikelihood(), Dem2Gbp.LOGLIK) >= 10, "logL " + fit.logLikelihood());
        for (int i = 0; i < 4; i++) {
            agreesToPublishedDigits("SE Hessian " + Garch11.NAMES.get(i), fit.seHessian().get(i), Dem2Gbp.SE_HESSIAN[i]);
            agreesToPublishedDigits("SE OPG " + Garch11.NAMES.get(i), fit.seOpg().get(i), Dem2Gbp.SE_OPG[i]);
            agreesToPublishedDigits("SE sandwich " + Garch11.NAMES.get(i), fit.seSandwich().get(i), Dem2Gbp.SE_SANDWICH[i]);
        }
        assertTrue(fit.gradientNorm() < 1e-6, "gradient " + fit.gradientNorm());
    }
}
