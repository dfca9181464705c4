package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code sobolev experiment search} at tiny sizes (20 rows, η ≤ 3, 3 epochs). */
class ExperimentSearchCommandTest {
    private static final List<String> TINY = List.of("experiment", "search", "--size", "20", "--validation-size",
            "20", "--test-size", "20", "--eta-max", "3", "--epochs", "3", "--population", "3", "--generations", "2",
            "--seed", "5");

    @TempDir
    static Path tmp;

    @Test
    void jsonHasBothSearchesTheReferenceAndTheFilesAndIsTheSameForAnyThreadCount() throws Exception {
        Path out = tmp.resolve("one");
        CliRunner.Run r = CliRunner.run(concat(TINY, "--threads", "1", "--json", "--out", out.toString(),
                "--reference-test-rmse", "0.5", "--reference-trainings", "28"));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String search : List.of("ga", "cmaes")) {
            for (String key : List.of("eta", "learningRate", "alpha", "validationRmse", "testRmse", "trainings",
                    "bound")) {
                assertTrue(j.get(search).has(key), search + "." + key);
            }
        }
        assertEquals(28, j.get("reference").get("trainings").asInt());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("searches.csv")));
        assertTrue(Files.isRegularFile(out.resolve("search-evaluations.csv")));
        CliRunner.Run two = CliRunner.run(concat(TINY, "--threads", "2", "--json", "--out",
                tmp.resolve("two").toString(), "--reference-test-rmse", "0.5", "--reference-trainings", "28"));
        JsonNode k = Json.MAPPER.readTree(two.out());
        assertEquals(j.get("ga"), k.get("ga"));
        assertEquals(j.get("cmaes"), k.get("cmaes"));
    }

    @Test
    void textPrintsTheSummaryAndTheFactsWithoutTheBoundWhenAsked() {
        CliRunner.Run r = CliRunner.run(TINY, "--bound-generations", "0", "--out", tmp.resolve("text").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("GA: eta "), r.out());
        assertTrue(r.out().contains("no bound step: every complexity up to 3 searched"), r.out());
        assertFalse(r.out().contains("Table-1 sweep"));
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing() {
        Path out = tmp.resolve("bad");
        for (List<String> bad : List.of(List.of("--population", "1"), List.of("--generations", "0"),
                List.of("--eta-max", "0"), List.of("--lr-min", "NaN"), List.of("--alpha-max", "1.5"),
                List.of("--bound-generations", "3"), List.of("--draws", "3"), List.of("--reference-trainings", "5"))) {
            List<String> pairs = new java.util.ArrayList<>(bad);
            pairs.addAll(List.of("--out", out.toString()));
            CliRunner.Run r = CliRunner.run(TINY, pairs.toArray(String[]::new));
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("sobolev: " + bad.get(0)), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertFalse(Files.exists(out));
    }

    private static String[] concat(List<String> a, String... b) {
        String[] all = new String[a.size() + b.length];
        for (int i = 0; i < a.size(); i++) {
            all[i] = a.get(i);
        }
        System.arraycopy(b, 0, all, a.size(), b.length);
        return all;
    }
}
