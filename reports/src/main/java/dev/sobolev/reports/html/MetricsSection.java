package dev.sobolev.reports.html;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.sobolev.reports.metrics.MetricsTables;
import dev.sobolev.reports.model.MetricsRow;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The metrics ({@link MetricsRow}) per stage and output: every quantity over all test rows (R², RMSE, max error),
 * then R² and RMSE of the value, the pooled deltas and gamma per decile of basket moneyness. Built from
 * {@link MetricsTables#table} by Tablesaw filters.
 */
final class MetricsSection {
    /** The quantities of the decile table, in column order, as {@link MetricsRow#quantity} names them. */
    private static final List<String> DECILE_QUANTITIES = List.of("value", "delta", "gamma");

    private MetricsSection() {
    }

    /** The section; one line when there are no metrics. */
    static Section of(List<MetricsRow> rows) {
        if (rows.isEmpty()) {
            return new Section("metrics", "Metrics", Html.notAvailable("Metrics", "no model was evaluated"));
        }
        Table metrics = MetricsTables.table(rows);
        Set<List<String>> groups = new LinkedHashSet<>();
        for (MetricsRow r : rows) {
            groups.add(List.of(r.stage(), r.output()));
        }
        StringBuilder body = new StringBuilder();
        body.append(Html.paragraph("R², RMSE and max |exact − predicted| on the exact test set, in the units of each"
                + " quantity; \"delta\" pools every delta."));
        for (List<String> g : groups) {
            Table group = metrics.where(metrics.stringColumn("stage").isEqualTo(g.get(0))
                    .and(metrics.stringColumn("output").isEqualTo(g.get(1))));
            body.append(Html.heading(g.get(0) + " — " + g.get(1)));
            body.append("<div class=\"tables\">\n<div>\n").append(allRows(group)).append("</div>\n<div>\n")
                    .append(deciles(group)).append("</div>\n</div>\n");
        }
        return new Section("metrics", "Metrics", body.toString());
    }

    /** Every quantity over all test rows. */
    private static String allRows(Table group) {
        Table all = group.where(group.stringColumn("region").isEqualTo("all"));
        if (all.rowCount() == 0) {
            return Html.notAvailable("All rows", "no metrics over all test rows");
        }
        Table shown = all.selectColumns("quantity", "rows", "r2", "rmse", "maxError");
        shown.doubleColumn("r2").setPrintFormatter(Formats.r2Column());
        shown.doubleColumn("rmse").setPrintFormatter(Formats.errorColumn());
        shown.doubleColumn("maxError").setPrintFormatter(Formats.errorColumn());
        shown.column("r2").setName("R²");
        shown.column("rmse").setName("RMSE");
        shown.column("maxError").setName("max error");
        return "<p class=\"note\">All test rows</p>\n" + Html.table(shown);
    }

    /** R² and RMSE of value, pooled deltas and gamma per moneyness decile, deciles in the rows' order. */
    private static String deciles(Table group) {
        // a fresh selection per quantity: Tablesaw's Selection.and narrows its receiver
        List<Table> perQuantity = DECILE_QUANTITIES.stream()
                .map(q -> group.where(group.stringColumn("region").startsWith("decile")
                        .and(group.stringColumn("quantity").isEqualTo(q))))
                .toList();
        Table base = perQuantity.stream().filter(t -> t.rowCount() > 0).findFirst().orElse(null);
        if (base == null) {
            return Html.notAvailable("Moneyness deciles", "no per-decile metrics");
        }
        StringColumn region = base.stringColumn("region").copy();
        StringColumn moneyness = StringColumn.create("moneyness");
        for (int i = 0; i < base.rowCount(); i++) {
            moneyness.append(Formats.general(base.doubleColumn("lower").getDouble(i)) + " – "
                    + Formats.general(base.doubleColumn("upper").getDouble(i)));
        }
        IntColumn count = base.intColumn("rows").copy();
        Table shown = Table.create("deciles", region, moneyness, count);
        for (int q = 0; q < DECILE_QUANTITIES.size(); q++) {
            Table t = perQuantity.get(q);
            if (t.rowCount() == 0) {
                continue;
            }
            DoubleColumn r2 = DoubleColumn.create("R² " + DECILE_QUANTITIES.get(q));
            DoubleColumn rmse = DoubleColumn.create("RMSE " + DECILE_QUANTITIES.get(q));
            List<String> regions = t.stringColumn("region").asList();
            for (String name : region) {
                int i = regions.indexOf(name);
                r2.append(i < 0 ? Double.NaN : t.doubleColumn("r2").getDouble(i));
                rmse.append(i < 0 ? Double.NaN : t.doubleColumn("rmse").getDouble(i));
            }
            r2.setPrintFormatter(Formats.r2Column());
            rmse.setPrintFormatter(Formats.errorColumn());
            shown.addColumns(r2, rmse);
        }
        return "<p class=\"note\">Per decile of basket moneyness</p>\n" + Html.table(shown);
    }
}
