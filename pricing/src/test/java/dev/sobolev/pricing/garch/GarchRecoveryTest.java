package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Parameter recovery on simulated series: a check of the fitter and of its Hessian standard errors. */
class GarchRecoveryTest {

    @Test
    void recoversParametersWithCalibratedHessianIntervals() {
        Garch11 truth = new Garch11(0.05, 0.05, 0.1, 0.85);
        int series = 50;
        List<double[]> data = GarchSimulator.simulate(truth, 5000, series, 2024, 2);
        double[] t = truth.toArray();
        double[] sum = new double[4];
        double[] sumSq = new double[4];
        int[] covered = new int[4];
        for (double[] y : data) {
            GarchFit fit = GarchFitter.fit(new GarchLikelihood(y));
            assertTrue(fit.converged(), fit.message());
            double[] e = fit.estimate().toArray();
            for (int i = 0; i < 4; i++) {
                sum[i] += e[i];
                sumSq[i] += e[i] * e[i];
                if (Math.abs(e[i] - t[i]) <= 1.959964 * fit.seHessian().get(i)) {
                    covered[i]++;
                }
            }
        }
        int total = 0;
        for (int i = 0; i < 4; i++) {
            double mean = sum[i] / series;
            double sd = Math.sqrt((sumSq[i] - series * mean * mean) / (series - 1));
            // the mean of 50 estimates lies within 4 standard errors of the truth
            assertTrue(Math.abs(mean - t[i]) <= 4 * sd / Math.sqrt(series),
                    Garch11.NAMES.get(i) + ": mean " + mean + " vs " + t[i] + " (sd " + sd + ")");
            total += covered[i];
        }
        double coverage = total / (4.0 * series);
        assertTrue(coverage >= 0.88 && coverage <= 0.99, "pooled 95% coverage " + coverage);
    }
}
