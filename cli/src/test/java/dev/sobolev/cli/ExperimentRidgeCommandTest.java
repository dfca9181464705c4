package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ExperimentRidgeCommandTest {
    @TempDir
    Path tmp;

    /** A small run: 20 draws, sweep sizes 10..14 with 4 draws each, 100 test points. */
    private List<String> small(Path out) {
        return new ArrayList<>(List.of("experiment", "ridge", "--draws", "20", "--sweep-from", "10", "--sweep-to", "14",
                "--sweep-draws", "4", "--test-size", "100", "--validation-size", "20", "--threads", "1", "--out",
                out.toString()));
    }

    @Test
    void jsonHasTheIssuesShapeAndTheFilesAreWritten() throws IOException {
        Path out = tmp.resolve("ridge");
        List<String> args = small(out);
        args.add("--json");
        CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String model : List.of("ridge", "ridgeGradients", "differential")) {
            assertTrue(json.path(model).path("rmse").isDouble(), model);
        }
        assertTrue(json.path("gradient").path("ridge").path("rmse").isDouble());
        assertTrue(json.path("gradient").path("grad").path("rmse").isDouble());
        assertEquals(3, json.path("sweep").size());
        assertEquals(14, json.path("sweep").get(2).path("size").asInt());
        for (String model : List.of("ridge", "ridgeGradients", "differential")) {
            assertTrue(json.path("sweep").get(0).path(model).isDouble(), model);
        }
        assertEquals(20, json.path("settings").path("draws").asInt());
        assertEquals(out.toAbsolutePath().toString(), json.path("out").asText());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        for (String stem : List.of("ridge-sine", "ridge-sweep", "ridge-lambda")) {
            assertTrue(Files.isRegularFile(out.resolve(stem + ".csv")), stem);
        }
        assertTrue(Files.readString(out.resolve("ridge-sweep.csv")).startsWith(
                "size,ridge,ridgeGradients,differential,difference,differenceStandardError,ridgeGradientsWins,draws"));
    }

    @Test
    void optionsReachTheExperiment() throws IOException {
        List<String> args = small(tmp.resolve("poly"));
        args.addAll(List.of("--basis", "polynomial", "--basis-size", "5", "--lambda1", "0.01", "--lambda2", "1",
                "--noise", "0.1", "--exact-test", "--grid", "0.01,1", "--json"));
        CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode settings = new ObjectMapper().readTree(r.out()).path("settings");
        assertEquals("polynomial", settings.path("basis").asText());
        assertEquals(5, settings.path("basisSize").asInt());
        assertEquals(0.01, settings.path("lambda1").asDouble());
        assertEquals(1.0, settings.path("lambda2").asDouble());
        assertEquals(0.1, settings.path("noise").asDouble());
        assertTrue(settings.path("exactTest").asBoolean());
        assertEquals(2, settings.path("grid").size());
    }

    @Test
    void textOutputShowsTheSummaryAndTheFacts() {
        CliRunner.Run r = CliRunner.run(small(tmp.resolve("text")).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("sine, N = 12, 7 Gaussian RBFs"), r.out());
        assertTrue(r.out().contains("test RMSE, ridge-gradients"), r.out());
        assertTrue(r.out().contains("wrote report.html and 3 tables"), r.out());
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing() {
        Path out = tmp.resolve("bad");
        String[][] cases = {
            {"--lambda1", "-1", "--lambda1 must be finite and >= 0, got -1.0"},
            {"--lambda2", "NaN", "--lambda2 must be finite and >= 0, got NaN"},
            {"--basis-size", "0", "--basis-size must be >= 1, got 0"},
            {"--size", "0", "--size must be >= 1, got 0"},
            {"--radius", "0", "--radius must be finite and > 0, got 0.0"},
            {"--grid", "0.1,0", "--grid[1] must be finite and > 0, got 0.0"},
            {"--sweep-to", "5", "--sweep-to must be >= the smallest sweep size (10), got 5"},
        };
        for (String[] c : cases) {
            CliRunner.Run r = CliRunner.run(small(out), c[0], c[1]);
            assertEquals(SobolevCli.BAD_INPUT, r.code(), c[0]);
            assertEquals("", r.out(), c[0]);
            assertEquals("sobolev: " + c[2] + "\n", r.err(), c[0]);
        }
        assertEquals("sobolev: --lambda1 must be > 0 when a training size (5) is below the 8 basis functions, "
                + "got 0.0\n", CliRunner.run(small(out), "--lambda1", "0", "--size", "5").err());
        assertFalse(Files.exists(out));
    }
}
