package dev.sobolev.reports.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import tech.tablesaw.api.Table;

class RiskAccumulatorTest {
    private static final List<String> LEVELS = List.of("0.001", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
            "0.75", "0.9", "0.95", "0.975", "0.99", "0.999");
    private static final List<String> TAILS = List.of("0.99", "0.975");

    @TempDir
    Path dir;

    /** Values with many ties (a coarse grid), both signs, and both zeros. */
    private static double[][] data(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[3][n];
        for (int i = 0; i < n; i++) {
            double v = Math.rint(rng.nextGaussian() * 8) / 4;
            rows[0][i] = v == 0 && rng.nextBoolean() ? -0.0 : v;
            rows[1][i] = Math.rint(rng.nextGaussian() * 20) / 8 + rng.nextInt(3) * 1e-3;
            rows[2][i] = rows[1][i] + rng.nextGaussian() * 0.01;
        }
        return rows;
    }

    private RiskSummary run(double[][] rows, int gatherLimit) {
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("spill"), true, 2, gatherLimit)) {
            for (int i = 0; i < rows[0].length; i++) {
                acc.add(rows[0][i], rows[1][i], rows[2][i]);
            }
            return acc.finish(rows[0].length, 0, 1);
        }
    }

    /** k = ⌈p·n⌉ (at least 1) in exact decimal arithmetic, independent of the accumulator's integer ranks. */
    private static int rank(String p, int n) {
        return Math.max(1, new BigDecimal(p).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING)
                .intValueExact());
    }

    private static double sorted(double[] x, int k) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[k - 1];
    }

    /** −(1/m)·Σ of the m smallest, summed exactly. */
    private static double es(double[] pnl, String p) {
        int n = pnl.length;
        int m = rank(new BigDecimal(1).subtract(new BigDecimal(p)).toPlainString(), n);
        double[] s = pnl.clone();
        Arrays.sort(s);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < m; i++) {
            sum = sum.add(new BigDecimal(s[i]));
        }
        return -sum.divide(BigDecimal.valueOf(m), MathContext.DECIMAL128).doubleValue();
    }

    private static void assertAgainstSorting(double[][] rows, RiskSummary s) {
        int n = rows[0].length;
        for (String l : LEVELS) {
            assertEquals(sorted(rows[0], rank(l, n)), s.value().quantiles().get(l), "value quantile " + l);
            assertEquals(sorted(rows[1], rank(l, n)), s.pnl().orElseThrow().distribution().quantiles().get(l),
                    "pnl quantile " + l);
        }
        for (String p : TAILS) {
            RiskSummary.PnlSummary pnl = s.pnl().orElseThrow();
            int k = rank(p, n);
            // VaR: the lower p-quantile of the loss, L_(k) = −P&L_(n−k+1)
            assertEquals(-sorted(rows[1], n - k + 1), pnl.tail().var().get(p), "VaR " + p);
            assertEquals(-sorted(rows[2], n - k + 1), pnl.deltaGamma().var().get(p), "dg VaR " + p);
            // a compensated sum of at most n terms of one sign pattern: within a few ulps of the exact mean
            assertEquals(es(rows[1], p), pnl.tail().es().get(p), 1e-14 * (1 + Math.abs(es(rows[1], p))), "ES " + p);
            assertEquals(es(rows[2], p), pnl.deltaGamma().es().get(p), 1e-14 * (1 + Math.abs(es(rows[2], p))),
                    "dg ES " + p);
        }
    }

    @Test
    void quantilesVarAndEsEqualSortingOnRandomDataWithTies() {
        for (int n : new int[] {1, 2, 3, 7, 999, 4097, 12_289}) {
            double[][] rows = data(17 + n, n);
            assertAgainstSorting(rows, run(rows, RiskAccumulator.GATHER_LIMIT));
        }
    }

    @Test
    void refinementBeyondTheGatherLimitStaysExact() {
        // a budget of 5 forces histograms of the second, third and fourth digits; 300 and 3000 gather some ranges
        // of a pass and histogram the others; all-equal values reach 64 bits
        double[][] rows = data(5, 20_011);
        for (int limit : new int[] {5, 300, 3000}) {
            assertAgainstSorting(rows, run(rows, limit));
        }
        double[][] flat = new double[3][3000];
        Arrays.fill(flat[0], 1.5);
        Arrays.fill(flat[1], -0.25);
        Arrays.fill(flat[2], 0.125);
        RiskSummary s = run(flat, 5);
        assertAgainstSorting(flat, s);
        assertEquals(0.25, s.pnl().orElseThrow().tail().es().get("0.99"));
    }

    @Test
    void textbookExample() {
        // P&L −24 … 25 (shuffled) around a base value of 100: losses 24, 23, … at the top
        int n = 50;
        double[] pnl = new double[n];
        for (int i = 0; i < n; i++) {
            pnl[i] = ((i * 17) % n) + 1 - 25;
        }
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("spill"), true, 1)) {
            for (double p : pnl) {
                acc.add(100 + p, p, p);
            }
            RiskSummary s = acc.finish(n, 0, 2);
            // value 76 … 125: x_(⌈pn⌉): 0.1 % → x_(1), 2.5 % → x_(2), 50 % → x_(25), 75 % → x_(38), 99.9 % → x_(50)
            assertEquals(76, s.value().quantiles().get("0.001"));
            assertEquals(77, s.value().quantiles().get("0.025"));
            assertEquals(100, s.value().quantiles().get("0.5"));
            assertEquals(113, s.value().quantiles().get("0.75"));
            assertEquals(125, s.value().quantiles().get("0.999"));
            assertEquals(100.5, s.value().mean(), 1e-13);
            assertEquals(Math.sqrt(n * (n + 1) / 12.0), s.value().sd(), 1e-13); // sd of 1..n, n − 1 denominator
            RiskSummary.Tail tail = s.pnl().orElseThrow().tail();
            // VaR 99 %: L_(⌈49.5⌉) = L_(50) = 24; 97.5 %: L_(⌈48.75⌉) = L_(49) = 23
            assertEquals(24, tail.var().get("0.99"));
            assertEquals(23, tail.var().get("0.975"));
            // ES 99 %: the ⌈0.5⌉ = 1 worst loss; 97.5 %: mean of the ⌈1.25⌉ = 2 worst, (24 + 23)/2
            assertEquals(24, tail.es().get("0.99"));
            assertEquals(23.5, tail.es().get("0.975"));
            assertEquals(0, s.pnl().orElseThrow().deltaGammaFit().maxError());
            assertEquals(25, s.rowsPerSecond());
        }
    }

    @Test
    void oneRow() {
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("spill"), true, 1)) {
            acc.add(3.5, -1.25, -1);
            RiskSummary s = acc.finish(1, 0, 1);
            s.value().quantiles().values().forEach(q -> assertEquals(3.5, q));
            assertTrue(Double.isNaN(s.value().sd()));
            assertEquals(1.25, s.pnl().orElseThrow().tail().var().get("0.99"));
            assertEquals(1.25, s.pnl().orElseThrow().tail().es().get("0.975"));
            assertEquals(1, s.pnl().orElseThrow().deltaGamma().es().get("0.99"));
            assertTrue(s.toJson().path("value").path("sd").isNull());
        }
    }

    @Test
    void noRowsAndNoBase() {
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("spill"), false, 3)) {
            RiskSummary s = acc.finish(0, 4, 0);
            assertTrue(s.pnl().isEmpty());
            assertTrue(s.exact().isEmpty());
            assertTrue(s.toJson().path("value").path("quantiles").path("0.5").isNull());
            assertFalse(s.toJson().has("pnl"));
            assertEquals(4, s.toJson().path("rejected").asLong());
        }
    }

    private static void feed(RiskAccumulator acc, double[][] rows, int from, int to) {
        for (int i = from; i < to; i++) {
            acc.add(rows[0][i], rows[1][i], rows[2][i]);
            if (i % 3 == 0) {
                acc.addExact(rows[0][i], rows[0][i] + 1e-3 * rows[2][i], new double[] {rows[1][i], -rows[2][i]},
                        new double[] {rows[1][i] * 1.01, -rows[2][i] + 1e-4});
            }
        }
    }

    @Test
    void restoreContinuesWithTheSameBits() throws Exception {
        double[][] rows = data(99, 10_000);
        String uninterrupted;
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("a"), true, 2)) {
            feed(acc, rows, 0, 10_000);
            uninterrupted = acc.finish(10_000, 3, 2).toJson().toString();
        }
        Path spill = dir.resolve("b");
        String journal;
        try (RiskAccumulator acc = RiskAccumulator.create(spill, true, 2)) {
            feed(acc, rows, 0, 6_001);
            acc.flush();
            journal = new ObjectMapper().writeValueAsString(acc.checkpoint());
            feed(acc, rows, 6_001, 9_000); // written after the checkpoint, then the process dies
            acc.flush();
        }
        assertEquals(9_000L * 24, Files.size(spill));
        JsonNode checkpoint = new ObjectMapper().readTree(journal);
        try (RiskAccumulator acc = RiskAccumulator.restore(spill, checkpoint)) {
            assertEquals(6_001L * 24, Files.size(spill));
            assertEquals(6_001, acc.rows());
            feed(acc, rows, 6_001, 10_000);
            RiskSummary resumed = acc.finish(10_000, 3, 2);
            assertEquals(uninterrupted, resumed.toJson().toString());
            assertTrue(resumed.exact().isPresent());
        }
    }

    @Test
    void exactStatisticsPoolTheDeltas() {
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("spill"), false, 2)) {
            acc.add(1, Double.NaN, Double.NaN);
            acc.addExact(1, 1.5, new double[] {0, 2}, new double[] {0, 1});
            acc.add(2, Double.NaN, Double.NaN);
            acc.addExact(2, 2, new double[] {3, 1}, new double[] {0, 1});
            RiskSummary.ExactSummary e = acc.finish(2, 0, 1).exact().orElseThrow();
            assertEquals(0.5, e.value().maxError());
            assertEquals(Math.sqrt(0.25 / 2), e.value().rmse());
            assertEquals(3, e.delta().maxError());
            assertEquals(Math.sqrt((1 + 9) / 4.0), e.delta().rmse()); // errors 0, 1, 3, 0 pooled
            assertEquals(Math.sqrt(9 / 2.0), e.deltas().get(0).rmse());
            assertEquals(1, e.deltas().get(1).maxError());
        }
    }

    @Test
    void jsonAndTable() {
        double[][] rows = data(3, 100);
        RiskSummary s;
        try (RiskAccumulator acc = RiskAccumulator.create(dir.resolve("spill"), true, 2)) {
            feed(acc, rows, 0, 100);
            s = acc.finish(100, 2, 0.5);
        }
        ObjectNode json = s.toJson();
        assertEquals(List.of("rows", "rejected", "seconds", "rowsPerSecond", "value", "pnl", "exact"),
                iterate(json));
        assertEquals(LEVELS, iterate(json.path("value").path("quantiles")));
        assertEquals(List.of("mean", "sd", "quantiles", "var", "es", "deltaGamma"), iterate(json.path("pnl")));
        assertEquals(TAILS, iterate(json.path("pnl").path("es")));
        assertEquals(List.of("var", "es", "rmse", "maxError", "r2"), iterate(json.path("pnl").path("deltaGamma")));
        assertEquals(200, json.path("rowsPerSecond").asDouble());
        assertEquals(2, json.path("exact").path("deltas").size());
        Table t = s.table();
        assertEquals(List.of("section", "statistic", "level", "value"), t.columnNames());
        // run 4, value 2 + 13, pnl 2 + 13 + 2 + 2, deltaGamma 2 + 2 + 3, exact (1 + 1 + 2) × 3
        assertEquals(4 + 15 + 19 + 7 + 12, t.rowCount());
        assertEquals(s.pnl().orElseThrow().tail().var().get("0.975"),
                t.where(t.stringColumn("section").isEqualTo("pnl").and(t.stringColumn("statistic").isEqualTo("var"))
                        .and(t.stringColumn("level").isEqualTo("0.975"))).doubleColumn("value").get(0));
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void refusals() throws Exception {
        Path spill = dir.resolve("spill");
        try (RiskAccumulator acc = RiskAccumulator.create(spill, true, 1)) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> acc.add(Double.NaN, 0, 0));
            assertEquals("value", e.parameter());
            assertEquals("pnl", assertThrows(InvalidParameterException.class,
                    () -> acc.add(1, Double.POSITIVE_INFINITY, 0)).parameter());
            assertEquals("deltas", assertThrows(InvalidParameterException.class,
                    () -> acc.addExact(1, 1, new double[2], new double[1])).parameter());
            acc.add(1, 1, 1);
            ObjectNode cp = acc.checkpoint();
            assertEquals("priced", assertThrows(InvalidParameterException.class,
                    () -> acc.finish(2, 0, 1)).parameter());
            Files.write(spill, new byte[8]);
            assertEquals("spill", assertThrows(InvalidParameterException.class,
                    () -> RiskAccumulator.restore(spill, cp)).parameter());
            cp.put("format", "other");
            assertEquals("checkpoint", assertThrows(InvalidParameterException.class,
                    () -> RiskAccumulator.restore(spill, cp)).parameter());
        }
        assertEquals("inputs", assertThrows(InvalidParameterException.class,
                () -> RiskAccumulator.create(spill, false, 0)).parameter());
    }

    @Test
    void levelLabelsAndRanks() {
        assertEquals("0.001", RiskAccumulator.label(1_000));
        assertEquals("0.975", RiskAccumulator.label(975_000));
        // 0.1 × 30 is 3.0000000000000004 in doubles; the integer rank is exactly 3
        assertEquals(3, RiskAccumulator.lowerRank(100_000, 30));
        assertEquals(1, RiskAccumulator.lowerRank(1_000, 1));
    }
}
