package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.Version;

/**
 * The pipeline command on the quick protocol. One run (seed 5) is shared by the tests: each test that damages it
 * reruns until it is whole again, with the first run's bytes, so the tests do not depend on their order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineCommandTest {
    /** The stages in order, and the artefacts of each (relative to the output directory). */
    private static final List<String> STAGES = List.of("price-check", "dataset", "train", "prune", "finetune", "eval",
            "garch", "report");
    private static final Map<String, List<String>> OUTPUTS = Map.of(
            "price-check", List.of("price-check.json"),
            "dataset", List.of("dataset", "exact"),
            "train", List.of("oversized.json"),
            "prune", List.of("pruned.json", "pruning-trace.json"),
            "finetune", List.of("finetuned-nn.json", "finetuned-exact.json"),
            "eval", List.of("metrics.csv"),
            "garch", List.of("dem2gbp.csv", "garch.json"),
            "report", List.of("report.html", "learning-curves.csv", "pruning-steps.csv"));

    private Path tmp;
    private Path shared;
    private JsonNode first;
    /** Every file of every stage of the shared run, with its bytes, except the report's (it holds timings). */
    private Map<Path, byte[]> files;

    @BeforeAll
    void runOnce(@TempDir Path dir) throws Exception {
        tmp = dir;
        shared = tmp.resolve("shared");
        CliRunner.Run r = CliRunner.run("pipeline", "--quick", "--out", shared.toString(), "--json", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        first = Json.MAPPER.readTree(r.out());
        files = new TreeMap<>();
        for (String stage : STAGES) {
            if (!stage.equals("report")) {
                for (Path p : files(stage)) {
                    files.put(p, Files.readAllBytes(p));
                }
            }
        }
    }

    private List<Path> files(String stage) throws Exception {
        List<Path> list = new ArrayList<>();
        for (String o : OUTPUTS.get(stage)) {
            try (Stream<Path> walk = Files.walk(shared.resolve(o))) {
                walk.filter(Files::isRegularFile).sorted().forEach(list::add);
            }
        }
        return list;
    }

    private JsonNode rerun() throws Exception {
        CliRunner.Run r = CliRunner.run("pipeline", "--quick", "--out", shared.toString(), "--json", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    private static String status(JsonNode run, String stage) {
        return run.get("stages").get(STAGES.indexOf(stage)).get("status").asText();
    }

    private static String reason(JsonNode run, String stage) {
        return run.get("stages").get(STAGES.indexOf(stage)).path("redoneBecause").asText();
    }

    /** Every stage file has the shared run's bytes, and no other file or staging leftover is there. */
    private void assertWhole(String what) throws Exception {
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), what + ": " + e.getKey());
        }
        for (String stage : STAGES) {
            if (!stage.equals("report")) {
                for (Path p : files(stage)) {
                    assertTrue(files.containsKey(p), what + ": " + p + " is new");
                }
            }
        }
        try (Stream<Path> s = Files.list(shared)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), what);
        }
    }

    @Test
    void aQuickRunHasEveryStageAndTheFinalR2OfEval() throws Exception {
        JsonNode stages = first.get("stages");
        assertEquals(STAGES.size(), stages.size());
        for (int i = 0; i < STAGES.size(); i++) {
            assertEquals(STAGES.get(i), stages.get(i).get("name").asText());
            assertEquals("done", stages.get(i).get("status").asText());
            assertTrue(stages.get(i).get("seconds").asDouble() >= 0);
            assertTrue(stages.get(i).get("metrics").isObject());
        }
        assertTrue(Math.abs(stages.get(0).get("metrics").get("zScore").asDouble()) <= 4);
        // 7 -> 8x6 -> 1: (7·8 + 8) + 5·(8·8 + 8) + (8 + 1) = 433 parameters, the slide's pruned net
        assertEquals(433, stages.get(3).get("metrics").get("parameters").asInt());
        assertEquals(shared.resolve("report.html").toString(), first.get("report").asText());
        assertTrue(Files.readString(shared.resolve("report.html")).contains("<html"));
        assertTrue(Files.readString(shared.resolve("metrics.csv")).startsWith("stage,output,quantity,region"));
        JsonNode fin = first.get("final");
        assertEquals(shared.resolve("finetuned-exact.json").toString(), fin.get("model").asText());
        assertEquals(shared.resolve("dataset/test").toString(), fin.get("test").asText());
        CliRunner.Run eval = CliRunner.run("eval", "--model", fin.get("model").asText(), "--test",
                fin.get("test").asText(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode r2 = Json.MAPPER.readTree(eval.out()).get("r2");
        assertEquals(r2.toString(), fin.get("r2").toString(), "the final R2 digit for digit as eval prints it");
        assertEquals(r2.get("value").asDouble(), stages.get(5).get("metrics").get("finetuned-exact").get("r2Value")
                .asDouble(), 0.0);
        JsonNode summary = Json.MAPPER.readTree(shared.resolve("pipeline.json").toFile());
        assertEquals(fin, summary.get("final"));
        assertEquals(5, summary.get("protocol").get("seed").asLong());
    }

    @Test
    void anUnrelatedNonEmptyDirectoryIsRefusedAndLeftAsItWas() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        CliRunner.Run r = CliRunner.run("pipeline", "--quick", "--out", mine.toString());
        assertEquals(SobolevCli.BAD_INPUT, r.code());
        assertEquals("", r.out());
        assertEquals("sobolev: --out " + mine + " is not empty and holds no pipeline output (no pipeline.json or stage "
                + "manifest); choose a new or empty directory\n", r.err());
        try (Stream<Path> s = Files.list(mine)) {
            assertEquals(List.of(mine.resolve("notes.txt")), s.toList());
        }
    }

    @Test
    void aSecondRunReusesEveryStage() throws Exception {
        JsonNode again = rerun();
        for (String stage : STAGES) {
            assertEquals("reused", status(again, stage), stage);
        }
        assertEquals(first.get("final"), again.get("final"));
        assertWhole("after a rerun");
    }

    /**
     * Other settings in the directory of a finished run (another seed) are no error: every stage using the seed is
     * redone, saying why, with every stage reading its artefacts; the GARCH stage, which has no seed, is reused.
     */
    @Test
    void otherSettingsRedoTheStagesThatUseThem() throws Exception {
        CliRunner.Run other = CliRunner.run("pipeline", "--quick", "--out", shared.toString(), "--json", "--seed", "6");
        assertEquals(0, other.code(), other.err());
        JsonNode r = Json.MAPPER.readTree(other.out());
        for (String stage : STAGES) {
            assertEquals(stage.equals("garch") ? "reused" : "redone", status(r, stage), stage);
        }
        String software = ",\"software\":\"" + Version.get() + "\"";
        assertEquals("its settings changed ({\"seed\":5,\"pricePaths\":200000" + software + "} when written, now "
                + "{\"seed\":6,\"pricePaths\":200000" + software + "})", reason(r, "price-check"));
        assertEquals("its input price-check.json was written again (stage price-check)", reason(r, "report"));
        JsonNode back = rerun();
        assertEquals("redone", status(back, "train"));
        assertWhole("after another seed and back");
    }

    /**
     * A changed data set file redoes the data set stage with the first run's bytes and every stage reading it; a
     * changed, truncated or deleted file of the GARCH stage, or its lost manifest, redoes that stage (saying why)
     * and the report, and reuses the stages before it.
     */
    @Test
    void aStageWhoseFilesChangedOrLostTheirChecksumsIsRedoneWithTheStagesAfterIt() throws Exception {
        Path x = shared.resolve("dataset/X.npy");
        byte[] xBytes = files.get(x);
        Files.write(x, Arrays.copyOf(xBytes, xBytes.length / 2));
        JsonNode truncated = rerun();
        assertEquals("redone", status(truncated, "dataset"));
        assertEquals(x + " has " + xBytes.length / 2 + " bytes, " + xBytes.length + " when written",
                reason(truncated, "dataset"));
        for (String stage : List.of("train", "prune", "finetune", "eval", "report")) {
            assertEquals("redone", status(truncated, stage), stage);
        }
        assertEquals("its input dataset was written again (stage dataset)", reason(truncated, "train"));
        assertEquals("its input oversized.json was written again (stage train)", reason(truncated, "prune"));
        assertEquals("reused", status(truncated, "price-check"));
        assertEquals("reused", status(truncated, "garch"), "the GARCH stage reads nothing of the data set's");
        assertEquals(first.get("final"), truncated.get("final"));
        assertWhole("after the data set was truncated");

        Path garch = shared.resolve("garch.json");
        Path series = shared.resolve("dem2gbp.csv");
        byte[] flipped = files.get(garch).clone();
        flipped[40] ^= 1;
        Files.write(garch, flipped);
        assertEquals(garch + " has another SHA-256 than when written", garchRedone());
        Files.delete(series);
        assertEquals(series + " is missing", garchRedone());
        Files.delete(shared.resolve("garch.manifest.json"));
        Files.delete(shared.resolve("pipeline.json"));
        assertEquals("no checksums were recorded for " + series, garchRedone());
        assertEquals("reused", status(rerun(), "garch"));
        assertWhole("after the GARCH stage was damaged");
    }

    /** Reruns after damage to the GARCH stage: garch and report redone, the stages before reused; the reason. */
    private String garchRedone() throws Exception {
        JsonNode r = rerun();
        for (String stage : STAGES) {
            String expected = stage.equals("garch") || stage.equals("report") ? "redone" : "reused";
            assertEquals(expected, status(r, stage), stage);
        }
        return reason(r, "garch");
    }

    /**
     * Property: whatever single corruption a finished stage suffers (a file truncated at a random length, a random
     * byte flipped, a file deleted, a stray file added, a checksum of its manifest edited), the rerun never reuses
     * it: it redoes it and every stage that reads its artefacts, reuses the others and restores every file to the
     * first run's bytes.
     */
    @Test
    void aRerunNeverReusesACorruptedStage() throws Exception {
        SplittableRandom r = new SplittableRandom(2424);
        for (int c = 0; c < 5; c++) {
            // the data set stage is the truncation case of the test above; here the stages after it
            String stage = STAGES.get(2 + r.nextInt(STAGES.size() - 3));
            List<Path> paths = files(stage);
            Path victim = paths.get(r.nextInt(paths.size()));
            byte[] bytes = files.get(victim);
            String what;
            switch (c) {
                case 0 -> {
                    int length = r.nextInt(bytes.length);
                    Files.write(victim, Arrays.copyOf(bytes, length));
                    what = "truncated " + victim + " to " + length;
                }
                case 1 -> {
                    byte[] b = bytes.clone();
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    Files.write(victim, b);
                    what = "flipped a bit of byte " + at + " of " + victim;
                }
                case 2 -> {
                    Files.delete(victim);
                    what = "deleted " + victim;
                }
                case 3 -> {
                    Path stray = shared.resolve("dataset").resolve("stray-" + c + ".npy");
                    stage = "dataset";
                    Files.write(stray, new byte[] {1, 2, 3});
                    what = "added " + stray;
                }
                default -> {
                    Path manifest = shared.resolve(stage + ".manifest.json");
                    String m = Files.readString(manifest);
                    String edited = m.replaceFirst("\"sha256\" ?: ?\"([0-9a-f])", "\"sha256\" : \""
                            + (r.nextBoolean() ? "0" : "f"));
                    if (edited.equals(m)) {
                        edited = m.replaceFirst("\"sha256\" ?: ?\"", "\"sha256\" : \"1");
                    }
                    Files.writeString(manifest, edited);
                    what = "edited a checksum of " + manifest;
                }
            }
            JsonNode redone = rerun();
            int at = STAGES.indexOf(stage);
            for (int s = 0; s < STAGES.size(); s++) {
                // every later stage reads the artefacts of the one before, but garch reads none and report all
                boolean downstream = s == at || s > at && !STAGES.get(s).equals("garch");
                assertEquals(downstream ? "redone" : "reused", status(redone, STAGES.get(s)), what + ": "
                        + STAGES.get(s));
            }
            assertWhole(what);
        }
    }

    /**
     * A run killed (SIGKILL) while its train stage runs, then rerun, writes the final model of an uninterrupted
     * run byte for byte: the quick pipeline runs as a subprocess with the test class path, drawing progress bars
     * (as on a terminal), and is killed once the train stage's bar appears.
     */
    @Test
    void aRunKilledWhileTrainingAndRerunWritesTheSameFinalModel() throws Exception {
        Files.delete(shared.resolve("oversized.json"));
        Files.delete(shared.resolve("train.manifest.json"));
        Path err = tmp.resolve("killed.err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-D" + PipelineCommand.TTY_PROPERTY + "=true", "-cp", System.getProperty("java.class.path"),
                SobolevCli.class.getName(), "pipeline", "--quick", "--out", shared.toString(), "--seed", "5",
                "--threads", "2")
                .redirectError(err.toFile()).redirectOutput(new File("/dev/null")).start();
        try {
            while (p.isAlive() && !Files.readString(err).contains("3/8 train")) {
                Thread.sleep(10);
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(shared.resolve("train.manifest.json")), "killed before training finished: "
                + Files.readString(err));
        assertFalse(Files.exists(shared.resolve("oversized.json")));
        JsonNode resumed = rerun();
        assertEquals("reused", status(resumed, "dataset"));
        assertEquals("done", status(resumed, "train"));
        assertEquals("redone", status(resumed, "prune"));
        assertWhole("after a kill while training and a rerun");
    }
}
