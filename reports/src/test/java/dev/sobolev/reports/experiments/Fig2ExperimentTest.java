package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.Figure;

/** {@link Fig2Experiment} on a tiny 2-D sweep: figures over η per size and mode, JSON of the cells. */
class Fig2ExperimentTest {

    @Test
    void theFigureShowsRmseAndCorrelationPerSizeAndMode() {
        Fig2Experiment.Settings settings = Fig2Experiment.Settings.of(List.of(10, 20), List.of(1, 2), 1, 4, 2);
        assertEquals("2d", settings.sweep().problem().name());
        Fig2Experiment.Result result = Fig2Experiment.run(settings);
        ExperimentReport report = result.report();
        assertEquals("fig2", report.name());
        List<Figure> figures = report.sections().get(0).figures();
        assertEquals(List.of("figure-2-rmse", "figure-2-pearson"), figures.stream().map(Figure::id).toList());
        for (Figure f : figures) {
            assertEquals(List.of("N = 10, with gradients", "N = 10, values only", "N = 20, with gradients",
                    "N = 20, values only"), f.series().stream().map(Figure.Series::name).toList());
            assertEquals(List.of(1.0, 2.0), f.series().get(0).x());
        }
        assertEquals(result.sweep().cell(20, 2, true).pearson(), figures.get(1).series().get(2).y().get(1), 0.0);
        JsonNode cells = result.json().get("cells");
        assertEquals(8, cells.size());
        JsonNode last = cells.get(7);
        assertEquals(List.of(20, 2), List.of(last.get("size").asInt(), last.get("eta").asInt()));
        assertTrue(last.get("gradients").asBoolean());
        assertEquals(result.sweep().cell(20, 2, true).testRmse(), last.get("rmse").asDouble(), 0.0);
        long wins = result.sweep().cells().stream().filter(c -> c.gradients()
                && c.testRmse() < result.sweep().cell(c.size(), c.eta(), false).testRmse()).count();
        assertEquals(wins, result.json().get("gradientWins").asLong());
        assertTrue(report.summary().startsWith("gradient-trained surrogates have the lower mean test RMSE in " + wins
                + " of 4 (size, eta) cells; 8 trainings in "), report.summary());
    }
}
