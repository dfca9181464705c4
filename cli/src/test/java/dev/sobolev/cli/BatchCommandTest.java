package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch command: its summary as text and JSON, the exit codes of refusals and of the reject limit, and a run
 * killed (SIGKILL) in the middle that {@code --resume} finishes with the bytes of an uninterrupted run.
 */
class BatchCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    /** 600,000 scenarios of three inputs with an id; every 50,000th row has text in S2. */
    static Path big;
    static Path small;

    @BeforeAll
    static void fixtures() throws IOException {
        Path ds = dir.resolve("ds");
        run("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "256", "--test-size", "16",
                "--seed", "1", "--out", ds.toString());
        model = dir.resolve("model.json");
        run("train", "--data", ds.toString(), "--hidden", "4x1", "--epochs", "2", "--out", model.toString());
        big = scenarios("big.csv", 600_000);
        small = scenarios("small.csv", 2_000);
    }

    private static Path scenarios(String name, int rows) throws IOException {
        Path p = dir.resolve(name);
        SplittableRandom r = new SplittableRandom(3);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("id,S1,S2,S3\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + "," + r.nextDouble(0.5, 1.5) + "," + (i % 50_000 == 7 ? "abc" : r.nextDouble(0.5, 1.5))
                        + "," + r.nextDouble(0.5, 1.5) + "\n");
            }
        }
        return p;
    }

    private static CliRunner.Run run(String... args) {
        CliRunner.Run r = CliRunner.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    /** A file's lines without the summary's timing rows, which no two runs share. */
    private static List<String> summary(Path p) throws IOException {
        return Files.readAllLines(p).stream().filter(l -> !l.startsWith("run,seconds") && !l.startsWith("run,rowsPer"))
                .toList();
    }

    @Test
    void jsonHasTheContractKeysAndTextTheFigures() throws Exception {
        Path out = dir.resolve("json.csv");
        CliRunner.Run r = run("batch", "--model", model.toString(), "--in", small.toString(), "--out", out.toString(),
                "--base", "1,1,1", "--json");
        assertEquals("", r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String key : List.of("rows", "rejected", "seconds", "rowsPerSecond", "value", "pnl", "outside",
                "output", "rejects", "summary")) {
            assertTrue(j.has(key), key + " in " + r.out());
        }
        assertEquals(1_999, j.get("rows").asLong());
        assertEquals(1, j.get("rejected").asLong(), "row 7 has text in S2");
        assertTrue(j.get("pnl").has("var") && j.get("pnl").has("es"), r.out());
        assertEquals(2, Files.readAllLines(Path.of(j.get("rejects").asText())).size());
        CliRunner.Run t = run("batch", "--model", model.toString(), "--in", small.toString(), "--out",
                dir.resolve("text.csv").toString(), "--gamma");
        assertTrue(t.out().startsWith("priced 1,999 rows, rejected 1,"), t.out());
        assertTrue(t.out().contains("summary: " + dir.resolve("text.csv.summary.csv")), t.out());
        assertEquals("id,S1,S2,S3,value,delta_S1,delta_S2,delta_S3,gamma",
                Files.readAllLines(dir.resolve("text.csv")).get(0));
    }

    @Test
    void theRejectLimitExitsWithFourAndResumeFinishes() throws Exception {
        Path out = dir.resolve("limit.csv");
        CliRunner.Run r = CliRunner.run("batch", "--model", model.toString(), "--in", big.toString(), "--out",
                out.toString(), "--max-rejects", "0");
        assertEquals(4, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("sobolev: more than 0 rows rejected (2 by line 65537"), r.err());
        assertTrue(r.err().strip().endsWith("can be continued with --resume"), r.err());
        CliRunner.Run again = CliRunner.run("batch", "--model", model.toString(), "--in", big.toString(), "--out",
                out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith("sobolev: --resume is needed: "), again.err());
        CliRunner.Run resumed = run("batch", "--model", model.toString(), "--in", big.toString(), "--out",
                out.toString(), "--resume", "--json");
        assertEquals(12, Json.MAPPER.readTree(resumed.out()).get("rejected").asLong());
    }

    /**
     * A run killed (SIGKILL) after its first committed chunk, then resumed, writes the output, rejects and summary
     * of an uninterrupted run byte for byte (the summary's timing rows aside): the command runs as a subprocess
     * with the test class path and is killed once its journal records priced rows.
     */
    @Test
    void aRunKilledMidwayAndResumedWritesTheBytesOfAnUninterruptedRun() throws Exception {
        Path whole = dir.resolve("whole.csv");
        run("batch", "--model", model.toString(), "--in", big.toString(), "--out", whole.toString(), "--base", "17");
        Path out = dir.resolve("killed.csv");
        Path journal = dir.resolve("killed.csv.journal");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SobolevCli.class.getName(), "batch", "--model",
                model.toString(), "--in", big.toString(), "--out", out.toString(), "--base", "17", "--threads", "2")
                .redirectError(dir.resolve("killed.err").toFile()).redirectOutput(new File("/dev/null")).start();
        long committed = 0;
        try {
            while (p.isAlive() && committed == 0) {
                Thread.sleep(5);
                committed = rows(journal);
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertTrue(committed > 0 && committed < 600_000, "killed mid-run, after " + committed + " rows: "
                + Files.readString(dir.resolve("killed.err")));
        assertFalse(Files.exists(out), "killed before the output was published");
        run("batch", "--model", model.toString(), "--in", big.toString(), "--out", out.toString(), "--base", "17",
                "--resume");
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(out), "output");
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole.csv.rejects.csv")),
                Files.readAllBytes(dir.resolve("killed.csv.rejects.csv")), "rejects");
        assertEquals(summary(dir.resolve("whole.csv.summary.csv")), summary(dir.resolve("killed.csv.summary.csv")));
        assertFalse(Files.exists(journal));
    }

    /** Rows the journal records as committed, 0 while it is missing or being replaced. */
    private static long rows(Path journal) {
        try {
            return Json.MAPPER.readTree(journal.toFile()).path("rows").asLong();
        } catch (IOException e) {
            return 0;
        }
    }
}
