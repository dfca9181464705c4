package dev.sobolev.reports.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The risk figures of a batch run ({@link RiskAccumulator#finish}): counts and speed, the distribution of the
 * book's value, and against a base scenario the P&amp;L distribution with value at risk and expected shortfall of
 * the loss, the same from the delta-gamma P&amp;L and that approximation's error, and with exact prices the
 * surrogate's errors. Definitions of quantiles, VaR and ES are {@link RiskAccumulator}'s. Non-finite figures
 * (no rows, one row's sd) are written as JSON {@code null} and as missing table cells.
 *
 * @param rows          rows priced
 * @param rejected      rows rejected
 * @param seconds       wall-clock seconds of the run
 * @param rowsPerSecond rows priced per second (NaN when seconds is not positive)
 * @param value         distribution of the value (data units)
 * @param pnl           P&amp;L against the base scenario, when there is one
 * @param exact         the surrogate's errors against the closed form, when rows were compared
 */
public record RiskSummary(long rows, long rejected, double seconds, double rowsPerSecond, Distribution value,
        Optional<PnlSummary> pnl, Optional<ExactSummary> exact) {

    /**
     * Mean, standard deviation (n − 1 in the denominator) and empirical quantiles of a quantity.
     *
     * @param mean      arithmetic mean
     * @param sd        sample standard deviation, NaN below two rows
     * @param quantiles lower empirical quantile by level, keyed by the level's decimal text ({@code "0.001"}),
     *                  in increasing level
     */
    public record Distribution(double mean, double sd, Map<String, Double> quantiles) {
        /** Copies the quantiles, keeping their order. */
        public Distribution {
            quantiles = Collections.unmodifiableMap(new LinkedHashMap<>(quantiles));
        }
    }

    /**
     * Value at risk and expected shortfall of the loss L = −P&amp;L, keyed by confidence level ({@code "0.99"}).
     *
     * @param var value at risk by level
     * @param es  expected shortfall by level
     */
    public record Tail(Map<String, Double> var, Map<String, Double> es) {
        /** Copies the maps, keeping their order. */
        public Tail {
            var = Collections.unmodifiableMap(new LinkedHashMap<>(var));
            es = Collections.unmodifiableMap(new LinkedHashMap<>(es));
        }
    }

    /**
     * Errors of predictions against exact figures ({@code ErrorStats}).
     *
     * @param rmse     root mean square error
     * @param maxError largest absolute error
     * @param r2       coefficient of determination of the predictions against the exact figures
     */
    public record Fit(double rmse, double maxError, double r2) {
    }

    /**
     * The P&amp;L against the base scenario.
     *
     * @param distribution   distribution of the full-revaluation P&amp;L
     * @param tail           its VaR and ES
     * @param deltaGamma     VaR and ES of the delta-gamma P&amp;L
     * @param deltaGammaFit  error of the delta-gamma P&amp;L against the full P&amp;L (RMSE, max |dg − full|, R²)
     */
    public record PnlSummary(Distribution distribution, Tail tail, Tail deltaGamma, Fit deltaGammaFit) {
    }

    /**
     * The surrogate against the closed form.
     *
     * @param value  value errors
     * @param delta  errors of all deltas pooled
     * @param deltas errors of each delta, in the model's input order
     */
    public record ExactSummary(Fit value, Fit delta, List<Fit> deltas) {
        /** Copies the list. */
        public ExactSummary {
            deltas = List.copyOf(deltas);
        }
    }

    /**
     * The summary as JSON: {@code rows, rejected, seconds, rowsPerSecond, value: {mean, sd, quantiles}}, with a
     * base {@code pnl: {mean, sd, quantiles, var, es, deltaGamma: {var, es, rmse, maxError, r2}}}, with exact
     * prices {@code exact: {value: {rmse, maxError, r2}, delta: {…}, deltas: [{…} per input]}}.
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("rows", rows);
        root.put("rejected", rejected);
        put(root, "seconds", seconds);
        put(root, "rowsPerSecond", rowsPerSecond);
        distribution(root.putObject("value"), value);
        pnl.ifPresent(p -> {
            ObjectNode node = root.putObject("pnl");
            distribution(node, p.distribution());
            tail(node, p.tail());
            ObjectNode dg = node.putObject("deltaGamma");
            tail(dg, p.deltaGamma());
            fit(dg, p.deltaGammaFit());
        });
        exact.ifPresent(e -> {
            ObjectNode node = root.putObject("exact");
            fit(node.putObject("value"), e.value());
            fit(node.putObject("delta"), e.delta());
            e.deltas().forEach(f -> fit(node.withArray("deltas").addObject(), f));
        });
        return root;
    }

    /**
     * The summary as a long table {@code section, statistic, level, value}: one row per figure; {@code level} is
     * the quantile or confidence level's decimal text, or empty. Sections: {@code run}, {@code value},
     * {@code pnl}, {@code deltaGamma}, {@code exact.value}, {@code exact.delta}, {@code exact.delta[j]}.
     *
     * @return a new table named {@code risk summary}
     */
    public Table table() {
        StringColumn section = StringColumn.create("section");
        StringColumn statistic = StringColumn.create("statistic");
        StringColumn level = StringColumn.create("level");
        DoubleColumn number = DoubleColumn.create("value");
        Rows out = (s, st, l, v) -> {
            section.append(s);
            statistic.append(st);
            level.append(l);
            number.append(v);
        };
        out.add("run", "rows", "", rows);
        out.add("run", "rejected", "", rejected);
        out.add("run", "seconds", "", seconds);
        out.add("run", "rowsPerSecond", "", rowsPerSecond);
        distributionRows(out, "value", value);
        pnl.ifPresent(p -> {
            distributionRows(out, "pnl", p.distribution());
            tailRows(out, "pnl", p.tail());
            tailRows(out, "deltaGamma", p.deltaGamma());
            fitRows(out, "deltaGamma", p.deltaGammaFit());
        });
        exact.ifPresent(e -> {
            fitRows(out, "exact.value", e.value());
            fitRows(out, "exact.delta", e.delta());
            for (int j = 0; j < e.deltas().size(); j++) {
                fitRows(out, "exact.delta[" + j + "]", e.deltas().get(j));
            }
        });
        return Table.create("risk summary", section, statistic, level, number);
    }

    private interface Rows {
        void add(String section, String statistic, String level, double value);
    }

    private static void distributionRows(Rows out, String section, Distribution d) {
        out.add(section, "mean", "", d.mean());
        out.add(section, "sd", "", d.sd());
        d.quantiles().forEach((l, v) -> out.add(section, "quantile", l, v));
    }

    private static void tailRows(Rows out, String section, Tail t) {
        t.var().forEach((l, v) -> out.add(section, "var", l, v));
        t.es().forEach((l, v) -> out.add(section, "es", l, v));
    }

    private static void fitRows(Rows out, String section, Fit f) {
        out.add(section, "rmse", "", f.rmse());
        out.add(section, "maxError", "", f.maxError());
        out.add(section, "r2", "", f.r2());
    }

    private static void distribution(ObjectNode node, Distribution d) {
        put(node, "mean", d.mean());
        put(node, "sd", d.sd());
        ObjectNode q = node.putObject("quantiles");
        d.quantiles().forEach((l, v) -> put(q, l, v));
    }

    private static void tail(ObjectNode node, Tail t) {
        ObjectNode var = node.putObject("var");
        t.var().forEach((l, v) -> put(var, l, v));
        ObjectNode es = node.putObject("es");
        t.es().forEach((l, v) -> put(es, l, v));
    }

    private static void fit(ObjectNode node, Fit f) {
        put(node, "rmse", f.rmse());
        put(node, "maxError", f.maxError());
        put(node, "r2", f.r2());
    }

    private static void put(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
