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

/** The search job at tiny sizes (20 rows, η ≤ 3, 3 epochs): the shape of its JSON and report, and determinism. */
class SearchExperimentTest {
    private static SearchExperiment.Result result;

    private static SearchExperiment.Builder tiny() {
        return SearchExperiment.Settings.builder().size(20).validationRows(20).testRows(20).eta(1, 3).epochs(3)
                .population(3).generations(2).seed(5);
    }

    @BeforeAll
    static void run() {
        result = SearchExperiment.run(tiny().threads(1).reference(new SearchExperiment.Reference(0.5, 28)).build());
    }

    @Test
    void theJsonHasTheIssuesShapeAndIsTheSameForAnyThreadCount() {
        ObjectNode json = result.json();
        for (String search : List.of("ga", "cmaes")) {
            JsonNode node = json.get(search);
            for (String key : List.of("eta", "learningRate", "alpha", "validationRmse", "testRmse", "trainings",
                    "bound")) {
                assertTrue(node.has(key), search + " has " + key);
            }
            assertTrue(node.get("eta").asInt() <= node.get("bound").asInt(), "the winner lies within the bound");
            assertTrue(node.get("trainings").asInt() >= 6, "the probe trains 3 candidates both ways");
            assertEquals(node.get("testRmse").asDouble() / 0.5, node.get("vsReference").get("testRmseRatio")
                    .asDouble(), 1e-15);
        }
        assertEquals(0.5, json.get("reference").get("testRmse").asDouble());
        assertEquals(28, json.get("reference").get("trainings").asInt());
        assertEquals(json, SearchExperiment.run(tiny().threads(3).reference(new SearchExperiment.Reference(0.5, 28))
                .build()).json());
        assertFalse(SearchExperiment.run(tiny().threads(2).build()).json().has("reference"));
    }

    @Test
    void theSearchesShareTheirProbeAndTheWinnerIsOneOfTheirTrainings() {
        assertEquals(result.ga().search().bound(), result.cmaes().search().bound(), "same seed, same probe");
        assertTrue(result.trainingsRun() < result.ga().search().trainings() + result.cmaes().search().trainings());
        assertEquals(result.ga().search().validationRmse(), result.ga().search().evaluations().stream()
                .filter(e -> e.candidate().equals(result.ga().search().best())).findFirst().orElseThrow().rmse());
    }

    @Test
    void theReportHasTheSearchesTheConvergenceTheBoundAndTheHistogram() {
        ExperimentReport report = result.report();
        assertEquals("search", report.name());
        assertEquals(List.of("searches", "convergence", "bound", "eta-histogram"),
                report.sections().stream().map(ExperimentSection::id).toList());
        NamedTable searches = report.sections().get(0).tables().get(0);
        assertEquals(3, searches.table().rowCount(), "GA, CMA-ES and the reference");
        NamedTable evaluations = report.sections().get(1).tables().get(0);
        assertEquals(result.ga().search().evaluations().size() + result.cmaes().search().evaluations().size(),
                evaluations.table().rowCount());
        NamedTable histogram = report.sections().get(3).tables().get(0);
        assertEquals(3, histogram.table().rowCount(), "eta 1..3");
        assertTrue(report.summary().startsWith("GA: eta "));
        assertEquals(1, report.sections().get(1).figures().size());
    }

    @Test
    void badSettingsNameTheParameter() {
        assertEquals("size", assertThrows(InvalidParameterException.class, () -> tiny().size(1).build()).parameter());
        assertEquals("population", assertThrows(InvalidParameterException.class,
                () -> tiny().population(1).build()).parameter());
        assertEquals("generations", assertThrows(InvalidParameterException.class,
                () -> tiny().generations(0).build()).parameter());
        assertEquals("etaMax", assertThrows(InvalidParameterException.class, () -> tiny().eta(4, 3).build())
                .parameter());
        assertEquals("learningRateMin", assertThrows(InvalidParameterException.class,
                () -> tiny().learningRate(Double.NaN, 0.1).build()).parameter());
        assertEquals("validationRows", assertThrows(InvalidParameterException.class,
                () -> tiny().validationRows(1).build()).parameter());
        assertEquals("epochs", assertThrows(InvalidParameterException.class, () -> tiny().epochs(0).build())
                .parameter());
        assertEquals("boundGenerations", assertThrows(InvalidParameterException.class,
                () -> tiny().boundGenerations(3).build()).parameter());
        assertEquals("referenceTestRmse", assertThrows(InvalidParameterException.class,
                () -> new SearchExperiment.Reference(Double.NaN, 3)).parameter());
        assertEquals("referenceTrainings", assertThrows(InvalidParameterException.class,
                () -> new SearchExperiment.Reference(0.1, 0)).parameter());
    }
}
