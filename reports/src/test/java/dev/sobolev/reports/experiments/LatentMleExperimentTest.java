package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import dev.sobolev.surrogate.inference.MleFit;
import dev.sobolev.surrogate.inference.ParametricModel;

/** The latent-MLE experiment at small sizes: the exact simulator's fit, the table's shape, determinism, bad input. */
class LatentMleExperimentTest {
    /** Tiny surrogates (η ≤ 2, N ≤ 60), so a run takes a second or two. */
    private static LatentMleExperiment.Settings small(long seed, int sets, int replications, int threads) {
        return new LatentMleExperiment.Settings(seed, List.of(30, 60), List.of(1, 2), 2, 10, sets, 0.001, 4, 200,
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
     * The exact simulator's standard errors over 200 independent observation sets of the default seed 42 (no seed
     * picked for the outcome): per parameter, the share of fits with θ*ⱼ within one SE of θ̂ⱼ lies within 3.5
     * binomial sds of the normal 68 % (sd √(0.68·0.32/200) = 0.033; a nominal coverage fails this with probability
     * about 5·10⁻⁴ per parameter). The first set's fit ends at a stationary point (|∇ log L| &lt; 10⁻³).
     *
     * <p>Known limit, not asserted: the two-SE share is 77 % / 81 % (this run, experiments/README.md), not the
     * normal 95 %. Eq. 7 is symmetric in θ₁ ↔ θ₂ and θ* lies on the diagonal, so θ₁ − θ₂ is identified only at
     * second order and θ̂ scatters along the anti-diagonal with heavier tails than the Hessian-based (quadratic)
     * standard errors describe (DESIGN.md, latent-parameter MLE).
     */
    @Test
    void theExactSimulatorsStandardErrorsHaveTheirOneSeCoverage() {
        LatentMleExperiment.Result replicated = LatentMleExperiment.run(
                new LatentMleExperiment.Settings(42, List.of(20), List.of(1), 1, 10, 1, 0.001, 4, 10, 200, 1));
        assertTrue(replicated.trueFit().point().gradientNorm() < 1e-3);
        LatentMleExperiment.Coverage c = replicated.coverage();
        assertEquals(200, c.sets());
        double sd = Math.sqrt(0.68 * 0.32 / 200);
        for (double share : c.withinOne()) {
            assertTrue(Math.abs(share - 0.68) < 3.5 * sd, "coverage " + share);
        }
    }

    /**
     * One observation set reproduces the single-set experiment: the figures of seed 3 at {@link #small} printed by the
     * code before observation sets existed (commit 3a83c60); and the first of three sets gives the same fits.
     */
    @Test
    void oneObservationSetGivesTheSingleSetFigures() {
        LatentMleExperiment.Result single = LatentMleExperiment.run(small(3, 1, 0, 2));
        double[][] golden = {
            {0.9386279190354103, 0.9367835162168467, 0.3008396349061094, 0.2878873281203885},
            {0.2002701034868211, 0.19361137667357747, 0.5073620986327894, 0.5073475308718298}};
        for (int i = 0; i < 2; i++) {
            LatentMleExperiment.Row row = single.rows().get(i);
            double[] got = {row.value().meanError(), row.value().meanShift(), row.sobolev().meanError(),
                row.sobolev().meanShift()};
            for (int j = 0; j < got.length; j++) {
                assertEquals(golden[i][j], got[j], 1e-12, "row " + i + " figure " + j);
            }
        }
        assertEquals(List.of(4.987941315033394, 4.987942854652192), single.trueFit().estimate());
        assertEquals(List.of(0.4619692355217275, 0.4619694253014685), single.trueFit().standardErrors());
        assertEquals(LatentMleExperiment.distance(single.trueFit().estimate(), LatentMleExperiment.TRUE_THETA),
                single.trueMeanError(), 1e-15);
        LatentMleExperiment.Result three = LatentMleExperiment.run(small(3, 3, 0, 2));
        assertEquals(single.trueFit(), three.trueFit());
        assertEquals(single.observations(), three.observations());
        for (int i = 0; i < single.trials().size(); i++) {
            assertEquals(single.trials().get(i).fits(), three.trials().get(i).fits().subList(0, 1));
        }
    }

    @Test
    void resultHasTheIssuesJsonShapeAndDoesNotDependOnThreads() {
        LatentMleExperiment.Result one = LatentMleExperiment.run(small(3, 3, 5, 1));
        LatentMleExperiment.Result two = LatentMleExperiment.run(small(3, 3, 5, 2));
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
        JsonNode exact = json.get("trueSimulator");
        assertEquals(2, exact.get("estimate").size());
        assertEquals(3, json.get("settings").get("observationSets").asInt());
        assertEquals(3, exact.get("setCoverage").get("observationSets").asInt());
        assertEquals(5, exact.get("coverage").get("replications").asInt());
        assertEquals(3, one.trueFits().size());
        double exactError = one.trueFits().stream().mapToDouble(f -> LatentMleExperiment.distance(f.estimate(),
                LatentMleExperiment.TRUE_THETA)).sum() / 3;
        assertEquals(exactError, exact.get("meanError").asDouble(), 1e-15);
        for (LatentMleExperiment.Row row : one.rows()) {
            for (boolean gradients : List.of(false, true)) {
                LatentMleExperiment.ModeSummary m = gradients ? row.sobolev() : row.value();
                List<LatentMleExperiment.Trial> chosen = one.trials().stream().filter(t -> t.size() == row.size()
                        && t.gradients() == gradients && t.eta() == m.eta()).toList();
                assertEquals(2, m.surrogates());
                assertEquals(2, chosen.size());
                double error = 0;
                double shift = 0;
                for (LatentMleExperiment.Trial t : chosen) {
                    assertEquals(3, t.fits().size());
                    for (int k = 0; k < 3; k++) {
                        List<Double> own = t.fits().get(k).estimate();
                        List<Double> e = one.trueFits().get(k).estimate();
                        error += LatentMleExperiment.distance(own, LatentMleExperiment.TRUE_THETA) / 6;
                        shift += Math.min(LatentMleExperiment.distance(own, e),
                                LatentMleExperiment.distance(own, List.of(e.get(1), e.get(0)))) / 6;
                    }
                }
                assertEquals(error, m.meanError(), 1e-12);
                assertEquals(shift, m.meanShift(), 1e-12);
                assertEquals(Math.abs(chosen.get(0).error() - chosen.get(1).error()) / Math.sqrt(2), m.sdError(),
                        1e-12);
                assertTrue(m.minError() <= m.meanError() && m.meanError() <= m.maxError());
                long diverged = one.trials().stream().filter(t -> t.size() == row.size()
                        && t.gradients() == gradients && t.diverged()).count();
                assertEquals(diverged, m.diverged());
                assertEquals(diverged, one.complexities().stream().filter(c -> c.size() == row.size()
                        && c.gradients() == gradients).mapToInt(LatentMleExperiment.Complexity::diverged).sum());
                assertEquals(m.diverged(), json.get("rows").get(one.rows().indexOf(row))
                        .get(gradients ? "sobolev" : "value").get("diverged").asInt());
            }
        }
    }

    @Test
    void reportHasTheSimulatorFigure3AndTheSweep() {
        ExperimentReport report = LatentMleExperiment.run(small(5, 2, 0, 2)).report();
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
        assertEquals(16 * 2, report.sections().get(3).tables().get(0).table().rowCount());
        assertFalse(report.summary().isEmpty());
    }

    /** A NaN mean test RMSE is never optimal; when every η of a size and mode has one, the run fails, naming them. */
    @Test
    void aNaNTestRmseIsNeverChosenAndAllNaNFails() {
        LatentMleExperiment.Settings s = settings(List.of(30), List.of(1, 2), 1, 1, 1, 1, 1, 1, 0, 1);
        MleFit fit = new MleFit(List.of(5.0, 5.5), new LikelihoodPoint(0, List.of(0.0, 0.0),
                List.of(List.of(1.0, 0.0), List.of(0.0, 1.0))), List.of(1.0, 1.0), false, 1, 1, 1);
        List<LatentMleExperiment.Trial> trials = List.of(
                new LatentMleExperiment.Trial(30, 0, false, 1, Double.NaN, false, List.of(fit)),
                new LatentMleExperiment.Trial(30, 0, false, 2, 0.5, false, List.of(fit)),
                new LatentMleExperiment.Trial(30, 0, true, 1, Double.NaN, false, List.of(fit)),
                new LatentMleExperiment.Trial(30, 0, true, 2, Double.NaN, false, List.of(fit)));
        List<LatentMleExperiment.Complexity> sweep = new ArrayList<>();
        LatentMleExperiment.ModeSummary value = LatentMleExperiment.summary(s, trials, List.of(fit), 30, false, sweep);
        assertEquals(2, value.eta());
        assertEquals(0.5, value.testRmse());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LatentMleExperiment.summary(s, trials, List.of(fit), 30, true, sweep));
        assertTrue(e.getMessage().startsWith("size 30, with gradients: no complexity of [1, 2]"), e.getMessage());
    }

    @Test
    void badSettingsNameTheParameter() {
        assertEquals("sizes", name(() -> settings(List.of(), List.of(1), 1, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("sizes[1]", name(() -> settings(List.of(50, 1), List.of(1), 1, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("sizes[1]", name(() -> settings(List.of(50, 50), List.of(1), 1, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("etas[0]", name(() -> settings(List.of(50), List.of(0), 1, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("draws", name(() -> settings(List.of(50), List.of(1), 0, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("observations", name(() -> settings(List.of(50), List.of(1), 1, 0, 1, 1, 1, 1, 0, 1)));
        assertEquals("observationSets", name(() -> settings(List.of(50), List.of(1), 1, 1, 0, 1, 1, 1, 0, 1)));
        assertEquals("observationSets", name(() -> settings(List.of(50), List.of(1), 1, 1, 10_001, 1, 1, 1, 0, 1)));
        for (double v : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("noiseVariance", name(() -> settings(List.of(50), List.of(1), 1, 1, 1, v, 1, 1, 0, 1)));
        }
        assertEquals("starts", name(() -> settings(List.of(50), List.of(1), 1, 1, 1, 1, 0, 1, 0, 1)));
        assertEquals("testRows", name(() -> settings(List.of(50), List.of(1), 1, 1, 1, 1, 1, 0, 0, 1)));
        assertEquals("replications", name(() -> settings(List.of(50), List.of(1), 1, 1, 1, 1, 1, 1, -1, 1)));
        assertEquals("sizes[0]", name(() -> settings(List.of(1_000_001), List.of(1), 1, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("etas[1]", name(() -> settings(List.of(50), List.of(1, 1001), 1, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("draws", name(() -> settings(List.of(50), List.of(1), 10_001, 1, 1, 1, 1, 1, 0, 1)));
        assertEquals("threads", name(() -> settings(List.of(50), List.of(1), 1, 1, 1, 1, 1, 1, 0, 0)));
        assertEquals("threads", name(() -> settings(List.of(50), List.of(1), 1, 1, 1, 1, 1, 1, 0, 1025)));
    }

    /** Settings of seed 1. */
    private static LatentMleExperiment.Settings settings(List<Integer> sizes, List<Integer> etas, int draws,
                                                         int observations, int sets, double noiseVariance,
                                                         int starts, int testRows, int replications, int threads) {
        return new LatentMleExperiment.Settings(1, sizes, etas, draws, observations, sets, noiseVariance, starts,
                testRows, replications, threads);
    }

    private static String name(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(InvalidParameterException.class, call).parameter();
    }
}
