package dev.sobolev.reports.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.reports.MetricsFixtures;
import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

class ValidationMetricsTest {
    @TempDir
    static Path dir;

    /** y = 3·x₀ + 1: linear in the first input only, zero gamma. */
    private static Surrogate linear() {
        Mlp net = Mlp.builder(new int[] {2, 1}, Activation.IDENTITY, Activation.IDENTITY).weight(1, 0, 0, 3)
                .bias(1, 0, 1).build();
        return new Surrogate(net, Normalisation.identity(2, 1));
    }

    /**
     * Four rows on the diagonal x = (t, t), t = 0..3, of a basket with weights ½, ½ and strike 2 (moneyness t/2);
     * labels Y = 2, 4, 6, 12 against predictions 1, 4, 7, 10 (errors 1, 0, −1, 2), dYdX = (3, 1), gamma ½.
     */
    private static Dataset tiny() {
        ObjectNode meta = new ObjectMapper().createObjectNode();
        meta.putObject("market").put("strike", 2.0).putArray("weights").add(0.5).add(0.5);
        meta.putArray("inputNames").add("S1").add("S2");
        meta.putArray("outputNames").add("price");
        return Dataset.builder(4, 2).x(new double[] {0, 0, 1, 1, 2, 2, 3, 3}).y(new double[] {2, 4, 6, 12})
                .dydx(new double[] {3, 1, 3, 1, 3, 1, 3, 1}).gamma(new double[] {0.5, 0.5, 0.5, 0.5}).meta(meta)
                .build();
    }

    private static MetricsRow find(List<MetricsRow> rows, String quantity, String region) {
        return rows.stream().filter(r -> r.quantity().equals(quantity) && r.region().equals(region)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + quantity + " / " + region + " in " + rows));
    }

    @Test
    void handComputedFiguresOnFourRows() {
        List<MetricsRow> rows = ValidationMetrics.of("s", linear(), tiny());
        MetricsRow value = find(rows, "value", "all");
        // SSE = 1 + 0 + 1 + 4 = 6; labels' mean 6, SST = 16 + 4 + 0 + 36 = 56
        assertEquals(1 - 6.0 / 56, value.r2(), 1e-15);
        assertEquals(Math.sqrt(6.0 / 4), value.rmse(), 1e-15);
        assertEquals(2.0, value.maxError());
        assertEquals(4, value.rows());
        assertEquals(Double.NEGATIVE_INFINITY, value.lower());
        assertEquals(Double.POSITIVE_INFINITY, value.upper());
        assertEquals("price", value.output());
        // the model is linear in S1 with the right slope: S1's deltas are exact, S2's are off by 1 everywhere
        MetricsRow s1 = find(rows, "delta S1", "all");
        MetricsRow s2 = find(rows, "delta S2", "all");
        assertEquals(0.0, s1.rmse());
        assertEquals(0.0, s1.maxError());
        assertEquals(1.0, s2.rmse());
        assertEquals(1.0, s2.maxError());
        // constant labels have no spread: R² is NaN
        assertTrue(Double.isNaN(s1.r2()) && Double.isNaN(s2.r2()));
        // pooled: truths 3, 1 (mean 2, SST 8), errors 0, 1 (SSE 4) over 8 pairs
        MetricsRow delta = find(rows, "delta", "all");
        assertEquals(0.5, delta.r2());
        assertEquals(Math.sqrt(0.5), delta.rmse());
        assertEquals(8, delta.rows());
        // a linear model has zero gamma, the labels ½
        MetricsRow gamma = find(rows, "gamma", "all");
        assertEquals(0.5, gamma.rmse());
        assertTrue(Double.isNaN(gamma.r2()));
    }

    @Test
    void decilesOfFourRowsAreRanksTimesTenOverFour() {
        List<MetricsRow> rows = ValidationMetrics.of("s", linear(), tiny());
        // ranks 0..3 fall in deciles ⌊10ρ/4⌋ + 1 = 1, 3, 6, 8; moneyness (t + t)/2/2 = t/2
        List<MetricsRow> value = rows.stream().filter(r -> r.quantity().equals("value") && !r.region().equals("all"))
                .toList();
        assertEquals(List.of("decile 1", "decile 3", "decile 6", "decile 8"),
                value.stream().map(MetricsRow::region).toList());
        MetricsRow last = value.get(3);
        assertEquals(1.5, last.lower());
        assertEquals(1.5, last.upper());
        assertEquals(1, last.rows());
        assertEquals(2.0, last.rmse());
        assertEquals(List.of("value", "delta S1", "delta S2", "delta", "gamma"),
                rows.stream().map(MetricsRow::quantity).distinct().toList());
        assertEquals(5 * 5, rows.size());
    }

    @Test
    void pooledRowsAreEvalsFiguresToTheBit() {
        Dataset test = DatasetReader.read(MetricsFixtures.kichler(dir.resolve("k"), 64, 300).resolve("test"));
        Surrogate model = MetricsFixtures.randomSilu(7, 5);
        List<MetricsRow> rows = ValidationMetrics.of("m", model, test);
        Metrics eval = Metrics.of(model, test, 0);
        assertEquals(eval.r2Value(), find(rows, "value", "all").r2());
        assertEquals(eval.rmseValue(), find(rows, "value", "all").rmse());
        assertEquals(eval.r2Delta(), find(rows, "delta", "all").r2());
        assertEquals(eval.rmseDelta(), find(rows, "delta", "all").rmse());
        assertEquals(eval.r2Gamma(), find(rows, "gamma", "all").r2());
        assertEquals(eval.rmseGamma(), find(rows, "gamma", "all").rmse());
        for (int j = 0; j < 7; j++) {
            assertEquals(eval.rmseDeltaByInput().get(j), find(rows, "delta S" + (j + 1), "all").rmse());
        }
        // the deciles partition the rows: 300 rows, 30 per decile, in order of moneyness
        List<MetricsRow> deciles = rows.stream().filter(r -> r.quantity().equals("value") && !r.region().equals("all"))
                .toList();
        assertEquals(10, deciles.size());
        assertEquals(300, deciles.stream().mapToInt(MetricsRow::rows).sum());
        for (int k = 0; k < 10; k++) {
            assertEquals(30, deciles.get(k).rows());
            assertTrue(deciles.get(k).lower() <= deciles.get(k).upper());
            if (k > 0) {
                assertTrue(deciles.get(k - 1).upper() <= deciles.get(k).lower());
            }
        }
    }

    @Test
    void decilesHoldEqualCountsPlusMinusOneAndEveryRowInItsBounds() {
        Dataset test = DatasetReader.read(MetricsFixtures.kichler(dir.resolve("k2"), 64, 1003).resolve("test"));
        BasketLevels levels = BasketLevels.of(test);
        assertEquals("basket level", levels.levelName());
        int total = 0;
        for (int k = 0; k < BasketLevels.DECILES; k++) {
            assertTrue(levels.count(k) == 100 || levels.count(k) == 101, "count " + levels.count(k));
            total += levels.count(k);
        }
        assertEquals(1003, total);
        for (int r = 0; r < test.rows(); r++) {
            int k = levels.decile(r);
            assertTrue(levels.lower(k) <= levels.moneyness(r) && levels.moneyness(r) <= levels.upper(k));
            // strike 1.1 of the Kichler recipe
            assertEquals(levels.level(r) / 1.1, levels.moneyness(r), 1e-15);
        }
    }

    @Test
    void withoutABasketTheLevelIsTheMeanInput() {
        Dataset plain = Dataset.builder(3, 2).x(new double[] {0, 2, 1, 3, 5, 5}).y(new double[] {0, 0, 0}).build();
        BasketLevels levels = BasketLevels.of(plain);
        assertEquals("mean input", levels.levelName());
        assertEquals(2.0, levels.level(1));
        assertEquals(5.0, levels.moneyness(2));
    }

    @Test
    void parityPointsAreAnEvenlyStridedSubset() {
        Dataset test = tiny();
        ModelEvaluation e = ValidationMetrics.evaluate("s", "f.json", linear(), test, 2);
        // rows ⌊i·4/2⌋ = 0 and 2: levels Σwx = 0 and 2
        assertEquals(List.of(0.0, 2.0), e.level());
        assertEquals(List.of(2.0, 6.0), e.value().exact());
        assertEquals(List.of(1.0, 7.0), e.value().predicted());
        assertEquals(List.of(1.0, 1.0), e.deltas().get(1).exact());
        assertEquals(List.of(0.0, 0.0), e.deltas().get(1).predicted());
        assertEquals("delta S2", e.deltas().get(1).quantity());
        assertEquals(List.of(0.5, 0.5), e.gamma().exact());
        assertEquals(List.of(2, 1), e.widths());
        assertEquals(3, e.parameters());
        assertEquals(4, ValidationMetrics.evaluate("s", "", linear(), test, 100).level().size());
        Dataset noGamma = Dataset.builder(1, 2).x(new double[] {1, 1}).y(new double[] {4})
                .dydx(new double[] {3, 0}).build();
        assertNull(ValidationMetrics.evaluate("s", "", linear(), noGamma, 10).gamma());
        assertEquals("x1,x2", String.join(",", ValidationMetrics.evaluate("s", "", linear(), noGamma, 10)
                .inputNames()));
    }

    @Test
    void refusesATestSetOfOtherDimensions() {
        Dataset three = Dataset.builder(1, 3).x(new double[] {1, 1, 1}).y(new double[] {4}).build();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ValidationMetrics.of("s", linear(), three));
        assertEquals("test", e.parameter());
        assertEquals("maxPoints", assertThrows(InvalidParameterException.class,
                () -> ValidationMetrics.evaluate("s", "", linear(), tiny(), 0)).parameter());
    }
}
