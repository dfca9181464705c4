package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code sobolev experiment latent-mle} at small sizes: the issue's JSON, the files, the text, bad input. */
class ExperimentLatentMleCommandTest {
    @TempDir
    Path tmp;

    /** Two tiny sizes, one complexity, two draws, two observation sets: about a second of training. */
    private static final List<String> SMALL = List.of("experiment", "latent-mle", "--sizes", "20,40", "--etas", "1",
            "--draws", "2", "--test-size", "50", "--replications", "5", "--starts", "3", "--observation-sets", "2",
            "--threads", "2");

    /** The small run with option/value pairs replacing or adding to its own. */
    private static CliRunner.Run run(String... pairs) {
        return CliRunner.run(SMALL, pairs);
    }

    @Test
    void jsonHasTheIssuesRowsAndTheFilesAreWritten() throws Exception {
        Path out = tmp.resolve("mle");
        List<String> args = new ArrayList<>(SMALL);
        args.addAll(List.of("--out", out.toString(), "--json"));
        CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        JsonNode rows = j.get("rows");
        assertEquals(2, rows.size());
        assertEquals(20, rows.get(0).get("size").asInt());
        assertEquals(40, rows.get(1).get("size").asInt());
        for (JsonNode row : rows) {
            assertTrue(row.get("value").get("error").isNumber(), row.toString());
            assertTrue(row.get("sobolev").get("error").isNumber(), row.toString());
            assertEquals(2, row.get("value").get("surrogates").asInt());
        }
        assertEquals(2, j.get("trueSimulator").get("standardErrors").size());
        assertEquals(5, j.get("trueSimulator").get("coverage").get("replications").asInt());
        assertEquals(2, j.get("settings").get("observationSets").asInt());
        assertTrue(j.get("trueSimulator").get("meanError").isNumber());
        assertEquals(out.toAbsolutePath().toString(), j.get("out").asText());
        for (String file : new String[] {"report.html", "latent-mle.csv", "complexity.csv", "fits.csv",
            "observations.csv"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("Fig. 3"));
        assertEquals(1 + 2, Files.readAllLines(out.resolve("latent-mle.csv")).size());
    }

    @Test
    void textPrintsTheSummaryAndTheFacts() {
        CliRunner.Run r = run("--out", tmp.resolve("text").toString(), "--sizes", "20", "--replications", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("gradient-trained surrogates give the smaller mean theta error over 2 "
                + "observation sets at N = "),
                r.out());
        assertTrue(r.out().contains("theta-hat +- SE"), r.out());
        assertTrue(r.out().contains("N = 20"), r.out());
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing() {
        Path out = tmp.resolve("bad");
        CliRunner.Run r = run("--out", out.toString(), "--etas", "2,0");
        assertEquals(2, r.code());
        assertEquals("sobolev: --etas[1] must be in [1, 1000], got 0", r.err().strip());
        CliRunner.Run v = run("--out", out.toString(), "--noise-variance", "0");
        assertEquals(2, v.code());
        assertEquals("sobolev: --noise-variance must be finite and > 0, got 0.0", v.err().strip());
        CliRunner.Run d = run("--out", out.toString(), "--draws", "0");
        assertEquals("sobolev: --draws must be in [1, 10000], got 0", d.err().strip());
        CliRunner.Run k = run("--out", out.toString(), "--observation-sets", "0");
        assertEquals("sobolev: --observation-sets must be in [1, 10000], got 0", k.err().strip());
        assertFalse(Files.exists(out));
    }
}
