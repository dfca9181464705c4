package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code sobolev experiment delta-min}, {@code fig1} and {@code fig2} at tiny sizes. */
class ExperimentDeltaMinCommandTest {
    @TempDir
    Path tmp;

    @Test
    void deltaMinPrintsTheIssuesJsonAndWritesTheTables() throws Exception {
        Path out = tmp.resolve("dm");
        CliRunner.Run r = CliRunner.run("experiment", "delta-min", "--problem", "4d", "--sizes", "12,100", "--etas",
                "1,2", "--draws", "1", "--threads", "2", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals("4d", j.get("problem").asText());
        assertEquals(2, j.get("rows").size());
        for (JsonNode row : j.get("rows")) {
            assertTrue(row.has("size") && row.has("optimal") && row.has("bound") && row.has("deltaMin"),
                    row.toString());
        }
        assertEquals(46, j.get("rows").get(1).get("paper").get("bound").asInt());
        assertEquals(8, j.get("trainings").asInt());
        assertTrue(Files.exists(out.resolve("report.html")));
        assertTrue(Files.readString(out.resolve("table-1.csv")).startsWith("size,optimal_eta,"));
        assertTrue(Files.exists(out.resolve("sweep.csv")));
    }

    /** The default grid would train for minutes: the file in the way of --out is reported before any training. */
    @Test
    void anOutThatIsAFileIsRejectedBeforeTheExperimentRuns() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        CliRunner.Run r = CliRunner.run("experiment", "delta-min", "--threads", "1", "--out", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("is a file"), r.err());
        assertEquals("", r.out());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void textOutputGivesTheSummaryAndEachSizesFact() {
        CliRunner.Run r = CliRunner.run("experiment", "delta-min", "--sizes", "10", "--etas", "1,2", "--draws", "1",
                "--threads", "2", "--out", tmp.resolve("text").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("2d: optimal eta at or below the delta-min bound at "), r.out());
        assertTrue(r.out().contains("N = 10"), r.out());
        assertTrue(r.out().contains("report.html"), r.out());
    }

    @Test
    void figuresOneAndTwoRunAtTinySizes() throws Exception {
        CliRunner.Run fig2 = CliRunner.run("experiment", "fig2", "--sizes", "10", "--etas", "1,2", "--draws", "1",
                "--threads", "2", "--json", "--out", tmp.resolve("fig2").toString());
        assertEquals(0, fig2.code(), fig2.err());
        assertEquals(4, Json.MAPPER.readTree(fig2.out()).get("cells").size());
        CliRunner.Run fig1 = CliRunner.run("experiment", "fig1", "--sizes", "10,20", "--draws", "1", "--threads", "2",
                "--json", "--out", tmp.resolve("fig1").toString());
        assertEquals(0, fig1.code(), fig1.err());
        JsonNode curves = Json.MAPPER.readTree(fig1.out()).get("curves");
        assertEquals(4, curves.size());
        assertEquals(300, curves.get(0).get("testRmse").size());
        assertTrue(Files.exists(tmp.resolve("fig1").resolve("fig1-epochs.csv")));
    }
}
