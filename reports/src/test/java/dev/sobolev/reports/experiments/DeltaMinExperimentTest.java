package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.NamedTable;
import dev.sobolev.surrogate.search.DeltaMin;

/** {@link DeltaMinExperiment} on a tiny 4-D sweep: rows, the paper's row beside ours, report and JSON shapes. */
class DeltaMinExperimentTest {
    private static DeltaMinExperiment.Result result;

    @BeforeAll
    static void run() {
        result = DeltaMinExperiment.run(DeltaMinExperiment.Settings.of(new GarchProblem(), List.of(12, 100),
                List.of(1, 2), 1, 3, 2));
    }

    @Test
    void rowsAreTheSweepsDeltaMinWithThePapersRowWhereItHasTheSize() {
        assertEquals(2, result.rows().size());
        DeltaMinExperiment.Row small = result.rows().get(0);
        DeltaMinExperiment.Row paper = result.rows().get(1);
        assertEquals(12, small.size());
        assertTrue(small.paper().isEmpty());
        assertEquals(new Problem.PaperRow(100, 10, 46), paper.paper().orElseThrow());
        assertEquals(result.sweep().deltaMin(100), paper.deltaMin());
        assertEquals(8, result.sweep().trainingsRun());
        long within = result.rows().stream().filter(r -> r.deltaMin().optimalWithinBound()).count();
        assertEquals(within, result.withinBound());
    }

    @Test
    void theJsonHasTheIssuesShape() {
        ObjectNode json = result.json();
        assertEquals("4d", json.get("problem").asText());
        JsonNode rows = json.get("rows");
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            JsonNode row = rows.get(i);
            DeltaMin.Result r = result.rows().get(i).deltaMin();
            assertEquals(result.rows().get(i).size(), row.get("size").asInt());
            assertEquals(r.optimal().complexity(), row.get("optimal").asInt());
            assertEquals(r.bound(), row.get("bound").asInt());
            assertEquals(r.deltaMin(), row.get("deltaMin").asDouble(), 0.0);
            assertEquals(r.optimalWithinBound(), row.get("withinBound").asBoolean());
        }
        assertTrue(rows.get(0).get("paper").isNull());
        assertEquals(10, rows.get(1).get("paper").get("optimal").asInt());
        assertEquals(46, rows.get(1).get("paper").get("bound").asInt());
        assertEquals(8, json.get("trainings").asInt());
    }

    @Test
    void theReportHasTableOneTheSweepAndOneFigurePerSize() {
        ExperimentReport report = result.report();
        assertEquals("delta-min", report.name());
        assertTrue(report.summary().startsWith("4d: optimal eta at or below the delta-min bound at "
                + result.withinBound() + " of 2 sizes (paper: 1 of its 1 rows at these sizes); 8 trainings in "),
                report.summary());
        ExperimentSection section = report.sections().get(0);
        assertEquals(List.of("table-1", "sweep"), section.tables().stream().map(NamedTable::stem).toList());
        NamedTable table = section.tables().get(0);
        assertEquals(List.of("size", "optimal_eta", "optimal_mode", "optimal_rmse", "bound_eta", "delta_min",
                "within_bound", "paper_optimal", "paper_bound"), table.table().columnNames());
        assertEquals(2, table.table().rowCount());
        assertTrue(table.table().intColumn("paper_optimal").isMissing(0));
        assertEquals(10, table.table().intColumn("paper_optimal").get(1));
        assertEquals(8, section.tables().get(1).table().rowCount());
        assertEquals(List.of("rmse-n12", "rmse-n100"), section.figures().stream().map(f -> f.id()).toList());
        assertEquals(4, section.figures().get(0).series().size());
        assertFalse(report.provenance().isEmpty());
    }

    @Test
    void defaultsCoverThePapersSizesAndUnknownProblemsAreRefused() {
        assertEquals(List.of(50, 100, 300, 500, 700),
                DeltaMinExperiment.Defaults.of(Problems.named("2d")).sizes());
        DeltaMinExperiment.Settings s = DeltaMinExperiment.Settings.of(Problems.named("4d"), null, List.of(3), null,
                1, 1);
        assertEquals(DeltaMinExperiment.Defaults.of(new GarchProblem()).sizes(), s.sweep().sizes());
        assertEquals(List.of(3), s.sweep().etas());
        assertEquals(1000, s.sweep().pool());
        assertEquals(2500, DeltaMinExperiment.Settings.of(Problems.named("8d"), null, null, null, 1, 1).sweep()
                .pool());
        assertEquals("problem must be one of 2d, 4d, 8d, got 3d",
                assertThrows(InvalidParameterException.class, () -> Problems.named("3d")).getMessage());
    }
}
