package dev.sobolev.reports.metrics;

import java.io.StringWriter;
import java.util.List;

import dev.sobolev.reports.model.MetricsRow;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The metrics rows as a Tablesaw table (for filtering, rendering and CSV) and as CSV text. Columns: {@code stage},
 * {@code output}, {@code quantity}, {@code region}, {@code lower}, {@code upper}, {@code rows}, {@code r2},
 * {@code rmse}, {@code maxError}; one table row per {@link MetricsRow}, in order.
 */
public final class MetricsTables {
    private MetricsTables() {
    }

    /**
     * A new table of the rows (the caller owns it).
     *
     * @param rows the metrics
     * @return the table, named {@code metrics}
     */
    public static Table table(List<MetricsRow> rows) {
        StringColumn stage = StringColumn.create("stage");
        StringColumn output = StringColumn.create("output");
        StringColumn quantity = StringColumn.create("quantity");
        StringColumn region = StringColumn.create("region");
        DoubleColumn lower = DoubleColumn.create("lower");
        DoubleColumn upper = DoubleColumn.create("upper");
        IntColumn count = IntColumn.create("rows");
        DoubleColumn r2 = DoubleColumn.create("r2");
        DoubleColumn rmse = DoubleColumn.create("rmse");
        DoubleColumn maxError = DoubleColumn.create("maxError");
        for (MetricsRow m : rows) {
            stage.append(m.stage());
            output.append(m.output());
            quantity.append(m.quantity());
            region.append(m.region());
            lower.append(m.lower());
            upper.append(m.upper());
            count.append(m.rows());
            r2.append(m.r2());
            rmse.append(m.rmse());
            maxError.append(m.maxError());
        }
        return Table.create("metrics", stage, output, quantity, region, lower, upper, count, r2, rmse, maxError);
    }

    /**
     * The rows as CSV with a header line, written by Tablesaw.
     *
     * @param rows the metrics
     * @return the CSV text
     */
    public static String csv(List<MetricsRow> rows) {
        StringWriter w = new StringWriter();
        table(rows).write().csv(w);
        return w.toString();
    }
}
