package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.surrogate.inference.GaussianLikelihood;
import dev.sobolev.surrogate.inference.LikelihoodPoint;
import dev.sobolev.surrogate.inference.ParametricModel;

/** The latent-MLE experiment at small sizes: the exact simulator's fit, the table's shape, determinism, bad input. */
class LatentMleExperimentTest {
    /** Tiny surrogates (η ≤ 2, N ≤ 60), so a run takes a second or two. */
    private static LatentMleExperiment.Settings small(long seed, int replications, int threads) {
        return new LatentMleExperiment.Settings(seed, List.of(30, 60), List.of(1, 2), 2, 10, 0.001, 4, 200,
                replications, threads);
    }

    /** Eq. 9 through the exact simulator of eq. 7: gradient and observed information against central differences. */
    @Test
    void likelihoodDerivativesOfTheSimulatorMatchCentralDifferences() {
        ParametricModel model = LatentMleExperiment.simulator();
        SplittableRandom r = new SplittableRandom(1);
        double[][] d = new double[3][10];
        for (double[] row : d) {
            for (int t = 0; t < 10; t++) {
                row[t] = r.nextDouble();
            }
        }
        GaussianLikelihood like = new GaussianLikelihood(model, d, 0.001);
        double h = 1e-5;
        for (int trial = 0; trial < 10; trial++) {
            double[] theta = {r.nextDouble(0, 15), r.nextDouble(0, 15)};
            LikelihoodPoint point = like.at(theta);
            for (int j = 0; j < 2; j++) {
                double[] a = theta.clone();
                double[] b = theta.clone();
                a[j] += h;
                b[j] -= h;
                double g = point.gradient().get(j);
                assertEquals((like.logLikelihood(a) - like.logLikelihood(b)) / (2 * h), g, 1e-6 * Math.max(1,
                        Math.abs(g)));
                for (int i = 0; i < 2; i++) {
                    double info = point.information().get(i).get(j);
                    double fd = -(like.at(a).gradient().get(i) - like.at(b).gradient().get(i)) / (2 * h);
                    assertEquals(fd, info, 1e-5 * Math.max(1, Math.abs(info)));
                }
            }
        }
    }

    /**
     * Seed 10 (a draw whose θ̂ lies off the diagonal, where the likelihood is least quadratic): θ* within one
     * standard error of the exact simulator's θ̂; and over the 200 replications of seed 42, the share of fits with
     * θ*ⱼ within one SE lies within 3.5 binomial sds (0.033 at n = 200) of the normal 68 %.
     */
    @Test
    void theExactSimulatorRecoversThetaWithinItsStandardError() {
        LatentMleExperiment.Result seeded = LatentMleExperiment.run(small(10, 0, 1));
        assertTrue(seeded.trueFitWithinStandardError(), seeded.trueFit().toString());
        assertTrue(Math.abs(seeded.trueFit().estimate().get(0) - seeded.trueFit().estimate().get(1)) > 0.5);
        assertTrue(seeded.trueFit().point().gradientNorm() < 1e-3);
        LatentMleExperiment.Result replicated = LatentMleExperiment.run(
                new LatentMleExperiment.Settings(42, List.of(20), List.of(1), 1, 10, 0.001, 4, 10, 200, 1));
        LatentMleExperiment.Coverage c = replicated.coverage();
        assertEquals(200, c.replications());
        for (double share : c.withinOne()) {
            assertTrue(share > 0.68 - 3.5 * 0.033 && share < 0.68 + 3.5 * 0.033, "coverage " + share);
        }
    }

    @Test
    void resultHasTheIssuesJsonShapeAndDoesNotDependOnThreads() {
        LatentMleExperiment.Result one = LatentMleExperiment.run(small(3, 5, 1));
        LatentMleExperiment.Result two = LatentMleExperiment.run(small(3, 5, 2));
        assertEquals(one.trials(), two.trials());
        assertEquals(one.rows(), two.rows());
        assertEquals(2, one.rows().size());
        assertEquals(2 * 2 * 2, one.complexities().size());
        assertEquals(2 * 2 * 2 * 2, one.trials().size());
        for (int size : List.of(30, 60)) {
            for (boolean gradients : List.of(false, true)) {
                assertEquals(1, one.complexities().stream().filter(c -> c.size() == size
                        && c.gradients() == gradients && c.chosen()).count());
            }
        }
        ObjectNode json = one.json();
        assertEquals(json, two.json());
        JsonNode rows = json.get("rows");
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            JsonNode row = rows.get(i);
            assertEquals(List.of(30, 60).get(i), row.get("size").asInt());
            assertTrue(row.get("value").get("error").isNumber());
            assertTrue(row.get("sobolev").get("error").isNumber());
            assertEquals(row.get("sobolev").get("error").asDouble() < row.get("value").get("error").asDouble(),
                    row.get("sobolevWins").asBoolean());
        }
        assertEquals(2, json.get("trueSimulator").get("estimate").size());
        LatentMleExperiment.Row row = one.rows().get(0);
        assertEquals(2, row.value().fits());
        assertTrue(row.value().minError() <= row.value().meanError() && row.value().meanError()
                <= row.value().maxError());
    }

    @Test
    void reportHasTheSimulatorFigure3AndTheSweep() {
        ExperimentReport report = LatentMleExperiment.run(small(5, 0, 2)).report();
        assertEquals("latent-mle", report.name());
        assertEquals(List.of("true-simulator", "fig3", "complexity", "fits"),
                report.sections().stream().map(ExperimentSection::id).toList());
        ExperimentSection truth = report.sections().get(0);
        assertEquals(2, truth.figures().size());
        assertEquals(10, truth.tables().get(0).table().rowCount());
        assertEquals(1, truth.figures().get(0).surfaces().size());
        assertEquals(LatentMleExperiment.SURFACE_POINTS, truth.figures().get(0).surfaces().get(0).x().size());
        ExperimentSection fig3 = report.sections().get(1);
        assertEquals(2, fig3.tables().get(0).table().rowCount());
        assertEquals(2, fig3.figures().size());
        assertEquals(2, fig3.figures().get(0).series().get(0).error().size());
        assertEquals(3, fig3.figures().get(0).series().size());
        assertEquals(List.of(), fig3.figures().get(1).series().get(0).error());
        assertEquals(16, report.sections().get(3).tables().get(0).table().rowCount());
        assertFalse(report.summary().isEmpty());
    }

    @Test
    void badSettingsNameTheParameter() {
        assertEquals("sizes", name(() -> new LatentMleExperiment.Settings(1, List.of(), List.of(1), 1, 1, 1, 1, 1, 0,
                1)));
        assertEquals("sizes[1]", name(() -> new LatentMleExperiment.Settings(1, List.of(50, 1), List.of(1), 1, 1, 1,
                1, 1, 0, 1)));
        assertEquals("sizes[1]", name(() -> new LatentMleExperiment.Settings(1, List.of(50, 50), List.of(1), 1, 1, 1,
                1, 1, 0, 1)));
        assertEquals("etas[0]", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(0), 1, 1, 1, 1, 1,
                0, 1)));
        assertEquals("draws", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 0, 1, 1, 1, 1,
                0, 1)));
        assertEquals("observations", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 1, 0, 1,
                1, 1, 0, 1)));
        for (double v : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("noiseVariance", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 1,
                    1, v, 1, 1, 0, 1)));
        }
        assertEquals("starts", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 1, 1, 1, 0, 1,
                0, 1)));
        assertEquals("testRows", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 1, 1, 1, 1,
                0, 0, 1)));
        assertEquals("replications", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 1, 1, 1,
                1, 1, -1, 1)));
        assertEquals("sizes[0]", name(() -> new LatentMleExperiment.Settings(1, List.of(1_000_001), List.of(1), 1, 1,
                1, 1, 1, 0, 1)));
        assertEquals("etas[1]", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1, 1001), 1, 1,
                1, 1, 1, 0, 1)));
        assertEquals("draws", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 10_001, 1, 1, 1,
                1, 0, 1)));
        assertEquals("threads", name(() -> new LatentMleExperiment.Settings(1, List.of(50), List.of(1), 1, 1, 1, 1,
                1, 0, 0)));
    }

    private static String name(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(InvalidParameterException.class, call).parameter();
    }
}
