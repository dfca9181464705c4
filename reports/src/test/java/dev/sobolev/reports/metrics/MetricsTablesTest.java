package dev.sobolev.reports.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sobolev.reports.model.MetricsRow;
import tech.tablesaw.api.Table;

class MetricsTablesTest {
    @Test
    void oneTableRowPerMetricsRowWithTheDocumentedColumns() {
        List<MetricsRow> rows = List.of(
                new MetricsRow("pruned", "price", "value", "all", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                        4096, 0.99, 0.01, 0.05),
                new MetricsRow("pruned", "price", "delta S1", "decile 1", 0.3, 0.5, 410, Double.NaN, 0.0, 0.0));
        Table t = MetricsTables.table(rows);
        assertEquals(List.of("stage", "output", "quantity", "region", "lower", "upper", "rows", "r2", "rmse",
                "maxError"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals("delta S1", t.stringColumn("quantity").get(1));
        assertEquals(410, t.intColumn("rows").get(1));
        String[] lines = MetricsTables.csv(rows).split("\n");
        assertEquals("stage,output,quantity,region,lower,upper,rows,r2,rmse,maxError", lines[0]);
        assertEquals(3, lines.length);
    }
}
