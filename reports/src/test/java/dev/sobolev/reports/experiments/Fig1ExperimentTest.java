package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.Figure;

/** {@link Fig1Experiment} at tiny sizes: per-epoch curves, thread-count invariance, report and JSON. */
class Fig1ExperimentTest {
    private static Fig1Experiment.Result one;
    private static Fig1Experiment.Result two;

    @BeforeAll
    static void run() {
        one = Fig1Experiment.run(new Fig1Experiment.Settings(List.of(20, 40), 2, 100, 6, 1));
        two = Fig1Experiment.run(new Fig1Experiment.Settings(List.of(20, 40), 2, 100, 6, 2));
    }

    @Test
    void curvesHaveOneEntryPerEpochAndDoNotDependOnTheThreadCount() {
        assertEquals(4, one.curves().size());
        for (Fig1Experiment.Curve c : one.curves()) {
            assertEquals(PaperProtocol.EPOCHS, c.trainRmse().size());
            assertEquals(PaperProtocol.EPOCHS, c.parameterChange().size());
            assertTrue(c.parameterChange().stream().allMatch(v -> v > 0 && Double.isFinite(v)), c.toString());
            // the test labels carry N(0, 1) noise: no network gets far below its standard deviation on 100 rows
            // (the sample standard deviation of 100 normals is below 0.7 with probability about 1e-4)
            assertTrue(c.testRmse().stream().allMatch(v -> v > 0.7), c.toString());
            assertTrue(c.exactTestRmse().stream().allMatch(v -> v > 0 && Double.isFinite(v)), c.toString());
        }
        assertEquals(one.curves(), two.curves());
    }

    @Test
    void theReportAndJsonShowEachSizeAndMode() {
        ExperimentReport report = one.report();
        assertEquals("fig1", report.name());
        assertEquals(List.of("fig1-rmse-n20", "fig1-change-n20", "fig1-rmse-n40", "fig1-change-n40"),
                report.sections().get(0).figures().stream().map(Figure::id).toList());
        assertEquals(List.of(), report.sections().get(0).tables(), "the figures come first, the epochs after them");
        assertEquals(4 * PaperProtocol.EPOCHS, report.sections().get(1).tables().get(0).table().rowCount());
        JsonNode json = one.json();
        assertEquals(2, json.get("runs").asInt());
        JsonNode curve = json.get("curves").get(3);
        assertEquals(40, curve.get("size").asInt());
        assertTrue(curve.get("gradients").asBoolean());
        assertEquals(PaperProtocol.EPOCHS, curve.get("testRmse").size());
        assertEquals(one.curve(40, true).parameterChange().get(9), curve.get("parameterChange").get(9).asDouble(),
                0.0);
        int larger = one.largerChangeWithGradients(40);
        assertTrue(larger >= 0 && larger <= PaperProtocol.EPOCHS);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertEquals("sizes must hold at least one value, got none", assertThrows(InvalidParameterException.class,
                () -> Fig1Experiment.Settings.of(List.of(), null, 1, 1)).getMessage());
        assertEquals("sizes[1] must be greater than the value before it, 40 (strictly increasing), got 20",
                assertThrows(InvalidParameterException.class,
                        () -> Fig1Experiment.Settings.of(List.of(40, 20), null, 1, 1)).getMessage());
        assertEquals("runs must be >= 1, got 0", assertThrows(InvalidParameterException.class,
                () -> Fig1Experiment.Settings.of(null, 0, 1, 1)).getMessage());
        assertEquals(List.of(250, 1000), Fig1Experiment.Settings.of(null, null, 1, 1).sizes());
        assertEquals(5, Fig1Experiment.Settings.of(null, null, 1, 1).runs());
        assertEquals(1000, Fig1Experiment.Settings.of(null, null, 1, 1).testRows());
        assertEquals("testRows must be >= 2, got 1", assertThrows(InvalidParameterException.class,
                () -> new Fig1Experiment.Settings(List.of(10), 1, 1, 1, 1)).getMessage());
    }
}
