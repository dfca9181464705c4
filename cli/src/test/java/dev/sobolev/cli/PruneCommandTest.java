package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.surrogate.io.ModelFile;

class PruneCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path model;

    @BeforeAll
    static void trainedModel() {
        data = tmp.resolve("k");
        CliRunner.Run d = CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "2048",
                "--test-size", "512", "--seed", "5", "--out", data.toString());
        assertEquals(0, d.code(), d.err());
        model = tmp.resolve("big.json");
        CliRunner.Run t = CliRunner.run("train", "--data", data.toString(), "--hidden", "24x3", "--activation", "silu",
                "--alpha", "0.25", "--normalisation", "global", "--epochs", "30", "--batch", "128", "--out",
                model.toString());
        assertEquals(0, t.code(), t.err());
    }

    private static CliRunner.Run prune(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("prune", "--model", model.toString(), "--data", data.toString(),
                "--width", "6", "--test", data.resolve("test").toString(), "--epochs", "20", "--batch", "128",
                "--out", out.toString(), "--json"));
        return CliRunner.run(a, extra);
    }

    @Test
    void prunesFineTunesReportsTheBoundAndNamesTheParent() throws Exception {
        Path a = tmp.resolve("p1.json");
        Path b = tmp.resolve("p2.json");
        CliRunner.Run ra = prune(a, "--finetune", "nn", "--threads", "1");
        assertEquals(0, ra.code(), ra.err());
        assertEquals(0, prune(b, "--finetune", "nn", "--threads", "2").code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode j = Json.MAPPER.readTree(ra.out());
        assertEquals(24 * 4 + 2 * 24 * 25 + 25, j.get("paramsBefore").asInt());
        assertEquals(6 * 4 + 2 * 6 * 7 + 7, j.get("paramsAfter").asInt());
        assertEquals("[3, 6, 6, 6, 1]", j.get("widths").asText());
        assertTrue(j.get("bound").get("value").asDouble() >= j.get("bound").get("sampledValue").asDouble());
        assertTrue(j.get("bound").get("sampledValue").asDouble() > 0);
        assertEquals(10000, j.get("bound").get("samples").asInt());
        assertEquals(3, j.get("bound").get("delta").size());
        JsonNode test = j.get("test");
        double pruned = test.get("pruned").get("r2").get("value").asDouble();
        double tuned = test.get("finetuned").get("r2").get("value").asDouble();
        assertTrue(tuned > pruned && tuned > 0.99, test.toString());
        ModelFile.Loaded loaded = ModelFile.read(a);
        assertEquals(model.toAbsolutePath().toString(), loaded.provenance().get("parent").get("path").asText());
        assertEquals("interval", loaded.provenance().get("pruning").get("method").asText());
        assertTrue(loaded.provenance().get("parent").get("provenance").has("training"));
        assertEquals(ModelFile.read(model).schema(), loaded.schema());
        assertEquals(ModelFile.VERSION, loaded.version());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero width | --width | 0 | --width must be >= 1, got 0",
        "too wide | --width | 30 | --width must be <= the width of each hidden layer, got 30 for hidden layer 1 of width 24",
        "layer count | --width | 6,6 | --width has 2 entries, the model has 3 hidden layers",
        "method | --method | random | --method must be interval, interval-local, magnitude or taylor, got random",
        "finetune | --finetune | teacher | --finetune must be none, nn or data, got teacher",
        "box order | --box | 1:0,0:1,0:1 | --box entry 1 needs finite lo <= hi, got 1:0",
        "box nan | --box | NaN:1,0:1,0:1 | --box entry 1 needs finite lo <= hi, got NaN:1",
        "box dimension | --box | 0:1,0:1 | --box has 2 intervals, the model takes 3 inputs",
        "splits | --bound-splits | 0 | --bound-splits must be >= 1 with splits^d <= 1e6, got 0",
        "too many splits | --bound-splits | 101 | --bound-splits must be >= 1 with splits^d <= 1e6, got 101 for d = 3",
        "samples | --bound-samples | 0 | --bound-samples must be >= 1, got 0",
        "step fraction | --step-fraction | 1.5 | --step-fraction must be in (0, 1], got 1.5",
        "retrain | --retrain-epochs | -1 | --retrain-epochs must be >= 0, got -1",
        "retrain loss | --retrain-loss | huber | --retrain-loss must be sobolev or value, got huber"})
    void badInput(String what, String option, String value, String message) {
        Path out = tmp.resolve("bad-" + what.replace(' ', '-') + ".json");
        CliRunner.Run r = prune(out, option, value);
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("sobolev: " + message, r.err().strip());
        assertTrue(!Files.exists(out));
    }

    @Test
    void aBudgetReplacesTheWidthsAndExactlyOneIsRequired() throws Exception {
        Path out = tmp.resolve("budget.json");
        List<String> base = List.of("prune", "--model", model.toString(), "--data", data.toString(), "--budget", "200",
                "--out", out.toString(), "--json");
        CliRunner.Run r = CliRunner.run(base);
        assertEquals(0, r.code(), r.err());
        // 3 → w×3 → 1 with w = 8: 4·8 + 2·9·8 + 9 = 185 ≤ 200 < 3 → 9×3 → 1 (226)
        assertEquals("[3, 8, 8, 8, 1]", Json.MAPPER.readTree(r.out()).get("widths").asText());
        CliRunner.Run both = CliRunner.run(base, "--width", "6");
        assertEquals(SobolevCli.BAD_INPUT, both.code());
        assertEquals("sobolev: give exactly one of --width and --budget", both.err().strip());
    }

    @Test
    void aDataSetOfAnotherDimensionIsRejected() {
        Path other = tmp.resolve("d5");
        assertEquals(0, CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "5", "--size", "64",
                "--seed", "5", "--out", other.toString()).code());
        Path out = tmp.resolve("bad-dim.json");
        CliRunner.Run r = CliRunner.run("prune", "--model", model.toString(), "--data", other.toString(), "--width", "6",
                "--out", out.toString());
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("sobolev: --data has 5 inputs, the model takes 3", r.err().strip());
        assertTrue(!Files.exists(out));
    }

    @Test
    void theParentIsNeverOverwrittenEvenWithForce() throws Exception {
        byte[] before = Files.readAllBytes(model);
        List<String> args = new ArrayList<>(List.of("prune", "--model", model.toString(), "--data", data.toString(),
                "--width", "6", "--out", model.toString(), "--force"));
        CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("sobolev: --out " + model + " is the input model " + model + "; writing it would destroy the "
                + "input; choose another path\n", r.err());
        assertArrayEquals(before, Files.readAllBytes(model));
        Path inTest = data.resolve("test").resolve("small.json");
        CliRunner.Run inside = prune(inTest);
        assertEquals(SobolevCli.BAD_INPUT, inside.code(), inside.err());
        assertTrue(inside.err().startsWith("sobolev: --out " + inTest + " lies inside the input data set " + data),
                inside.err());
        assertTrue(!Files.exists(inTest));
    }

    @Test
    void fineTuningThatDivergesExitsFourAndWritesNothing() {
        Path out = tmp.resolve("diverged-prune.json");
        CliRunner.Run r = prune(out, "--finetune", "nn", "--lr", "1e6");
        assertEquals(SobolevCli.DIVERGED, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("sobolev: training diverged in epoch 1 ("), r.err());
        assertTrue(java.nio.file.Files.notExists(out));
    }
}
