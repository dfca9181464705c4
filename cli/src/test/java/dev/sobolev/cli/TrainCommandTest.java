package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

class TrainCommandTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void dataSet() {
        data = tmp.resolve("hs");
        CliRunner.Run r = CliRunner.run("dataset", "bachelier", "--recipe", "huge-savine", "--dim", "3", "--size", "2048",
                "--test-size", "512", "--seed", "3", "--out", data.toString());
        assertEquals(0, r.code(), r.err());
    }

    private static CliRunner.Run train(Path out, String... extra) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("train", "--data", data.toString(),
                "--hidden", "8x2", "--epochs", "15", "--batch", "128", "--out", out.toString(), "--json"));
        return CliRunner.run(a, extra);
    }

    @Test
    void sameSeedSameModelFileForOneAndTwoThreadsAndEvalReportsMetrics() throws Exception {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        CliRunner.Run ra = train(a, "--threads", "1");
        assertEquals(0, ra.code(), ra.err());
        assertEquals(0, train(b, "--threads", "2").code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode j = Json.MAPPER.readTree(ra.out());
        assertEquals(8 * 4 + 8 * 9 + 9, j.get("params").asInt());
        CliRunner.Run ev = CliRunner.run("eval", "--model", a.toString(), "--test", data.resolve("test").toString(), "--json");
        assertEquals(0, ev.code(), ev.err());
        JsonNode m = Json.MAPPER.readTree(ev.out());
        assertTrue(m.get("r2").get("value").asDouble() > 0.9, m.toString());
        assertTrue(m.get("r2").has("delta") && m.get("r2").has("gamma"), m.toString());
        assertTrue(m.get("rmse").get("value").asDouble() > 0);
        ModelSchema schema = ModelFile.read(a).schema();
        assertEquals(List.of("S1", "S2", "S3"), schema.inputNames());
        assertEquals(new OutputSpec("price", "price"), schema.output(0));
        Dataset ds = DatasetReader.read(data);
        double lo = Double.POSITIVE_INFINITY;
        for (int r = 0; r < ds.rows(); r++) {
            lo = Math.min(lo, ds.x(r, 2));
        }
        assertEquals(lo, schema.input(2).lower(), 0.0);
        assertEquals("price", schema.input(2).unit());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "12x | --hidden | 12x | --hidden must look like 128x6 (width x layers) or 64,32 (widths), got 12x",
        "0x3 | --hidden | 0x3 | --hidden width and layer count must be >= 1, got 0x3",
        "activation | --activation | swish | --activation must be identity, tanh, sigmoid, softplus, silu, relu or gelu, got swish",
        "lr | --lr | 0 | --lr must be finite and > 0, got 0.0",
        "negative lr | --lr | -0.1 | --lr must be finite and > 0, got -0.1",
        "epochs | --epochs | 0 | --epochs must be >= 1, got 0",
        "loss | --loss | huber | --loss must be sobolev or value, got huber",
        "precision | --precision | float16 | --precision must be float64 or float32, got float16"})
    void badInput(String what, String option, String value, String message) {
        Path out = tmp.resolve("bad-" + what.replace(' ', '-') + ".json");
        CliRunner.Run r = train(out, option, value);
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("sobolev: " + message, r.err().strip());
        assertTrue(!Files.exists(out));
    }

    /**
     * --precision float32: the same model file for one and two threads, its precision in the provenance (a
     * float64 file names none), a surrogate as good as float64's on the test set, and no second-order term.
     */
    @Test
    void float32TrainsTheSameFileOnAnyThreadCountAndSaysSo() throws Exception {
        Path a = tmp.resolve("f32-a.json");
        Path b = tmp.resolve("f32-b.json");
        CliRunner.Run ra = train(a, "--threads", "1", "--precision", "float32");
        assertEquals(0, ra.code(), ra.err());
        assertEquals(0, train(b, "--threads", "2", "--precision", "float32").code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals("float32", Json.MAPPER.readTree(a.toFile()).findValue("precision").asText());
        assertEquals("float32", Json.MAPPER.readTree(ra.out()).get("precision").asText());
        Path f64 = tmp.resolve("f64.json");
        assertEquals(0, train(f64, "--threads", "2").code());
        assertTrue(Json.MAPPER.readTree(f64.toFile()).findValue("precision") == null);
        double[] r2 = new double[2];
        Path[] models = {a, f64};
        for (int k = 0; k < 2; k++) {
            CliRunner.Run ev = CliRunner.run("eval", "--model", models[k].toString(), "--test",
                    data.resolve("test").toString(), "--json");
            assertEquals(0, ev.code(), ev.err());
            r2[k] = Json.MAPPER.readTree(ev.out()).get("r2").get("value").asDouble();
        }
        assertEquals(r2[1], r2[0], 1e-3, "test R2 float32 " + r2[0] + " against float64 " + r2[1]);
        Path hv = tmp.resolve("f32-hv.json");
        CliRunner.Run second = train(hv, "--precision", "float32", "--hv-weight", "1");
        assertEquals(SobolevCli.BAD_INPUT, second.code(), second.err());
        assertEquals("sobolev: --precision float32 trains without the second-order term, got its weight 1.0",
                second.err().strip());
        assertTrue(!Files.exists(hv));
    }

    @Test
    void dataProblemsAreNamed() throws Exception {
        CliRunner.Run r = CliRunner.run("train", "--data", tmp.resolve("nowhere").toString(), "--out",
                tmp.resolve("x.json").toString());
        assertEquals(SobolevCli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("nowhere"), r.err());
        Path bad = tmp.resolve("corrupt.json");
        Files.writeString(bad, "{\"format\": \"sobolev-mlp\", \"version\": 99}");
        CliRunner.Run e = CliRunner.run("eval", "--model", bad.toString(), "--test", data.resolve("test").toString());
        assertEquals(SobolevCli.BAD_INPUT, e.code());
        assertTrue(e.err().contains("has version 99; this build reads versions 1 and 2"), e.err());
    }

    @Test
    void theOutputIsNeverAFileOfTheDataSetAndAnExistingModelNeedsForce() throws Exception {
        Path x = data.resolve("X.npy");
        byte[] before = Files.readAllBytes(x);
        CliRunner.Run clash = CliRunner.run("train", "--data", data.toString(), "--hidden", "4x1", "--epochs", "1",
                "--out", x.toString(), "--force");
        assertEquals(SobolevCli.BAD_INPUT, clash.code(), clash.err());
        assertEquals("", clash.out());
        assertEquals("sobolev: --out " + x + " lies inside the input data set " + data + "; writing it would change "
                + "the input; choose a path outside it\n", clash.err());
        assertArrayEquals(before, Files.readAllBytes(x));

        Path m = tmp.resolve("once.json");
        List<String> args = List.of("train", "--data", data.toString(), "--hidden", "4x1", "--epochs", "2", "--out",
                m.toString());
        assertEquals(0, CliRunner.run(args.toArray(String[]::new)).code());
        byte[] first = Files.readAllBytes(m);
        Files.write(m, new byte[] {'{', '}'});
        CliRunner.Run again = CliRunner.run(args.toArray(String[]::new));
        assertEquals(SobolevCli.BAD_INPUT, again.code());
        assertEquals("sobolev: --out " + m + " already exists; choose a new path or allow overwriting it\n", again.err());
        assertEquals("{}", Files.readString(m));
        List<String> forced = new java.util.ArrayList<>(args);
        forced.add("--force");
        assertEquals(0, CliRunner.run(forced.toArray(String[]::new)).code());
        assertArrayEquals(first, Files.readAllBytes(m));
    }

    @Test
    void aDivergedRunExitsFourAndWritesNothingUnlessAskedToKeepTheBestWeights() throws Exception {
        // Adam at 1e6 reported a loss of 1e12 as "completed"
        Path out = tmp.resolve("diverged.json");
        CliRunner.Run r = train(out, "--lr", "1e6");
        assertEquals(SobolevCli.DIVERGED, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("sobolev: training diverged in epoch 1 ("), r.err());
        assertTrue(r.err().strip().endsWith("; nothing written (--keep-best writes the best finished epoch's weights)"),
                r.err());
        assertTrue(Files.notExists(out));
        // plain SGD on a one-cycle schedule up to 1: epoch 1 finishes, epoch 2's loss explodes; --keep-best writes
        // the best finished epoch and says so
        CliRunner.Run kept = CliRunner.run(List.of("train", "--data", data.toString(), "--hidden", "8x2", "--epochs",
                "15", "--batch", "128", "--out", out.toString(), "--json", "--keep-best"), "--optimizer", "sgd",
                "--schedule", "one-cycle", "--lr", "1");
        assertEquals(0, kept.code(), kept.err());
        JsonNode j = Json.MAPPER.readTree(kept.out());
        assertTrue(j.get("diverged").asBoolean(), j.toString());
        int epoch = j.get("bestEpoch").asInt();
        assertTrue(j.get("stopReason").asText().endsWith("; kept the weights of epoch " + epoch
                + ", the best finished epoch"), j.toString());
        JsonNode provenance = ModelFile.read(out).provenance();
        assertTrue(provenance.get("result").get("diverged").asBoolean(), provenance.toString());
        assertEquals(j.get("stopReason").asText(), provenance.get("result").get("stopReason").asText());
        assertTrue(provenance.get("training").get("keepBest").asBoolean(), provenance.toString());
        Files.delete(out);
        CliRunner.Run plain = train(out, "--optimizer", "sgd", "--schedule", "one-cycle", "--lr", "1");
        assertEquals(SobolevCli.DIVERGED, plain.code(), plain.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void aNetworkTooLargeForTheHeapIsBadInputNamingHidden() {
        // printed an OutOfMemoryError stack trace
        Path out = tmp.resolve("huge.json");
        CliRunner.Run r = train(out, "--hidden", "20000x3");
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("sobolev: --hidden [20000, 20000, 20000] needs about "), r.err());
        assertTrue(r.err().contains(" units a layer fit, or raise the maximum heap (-Xmx)"), r.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void evalAndPruneRefuseAModelFileTooLargeForTheHeap() throws Exception {
        Path huge = tmp.resolve("huge-model.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 40); // sparse
        }
        for (CliRunner.Run r : List.of(
                CliRunner.run("eval", "--model", huge.toString(), "--test", data.resolve("test").toString()),
                CliRunner.run("prune", "--model", huge.toString(), "--data", data.toString(), "--width", "2", "--out",
                        tmp.resolve("never.json").toString()))) {
            assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().startsWith("sobolev: --model: model file " + huge + " holds 1024.0 GiB; reading it needs about"),
                    r.err());
        }
        assertTrue(Files.notExists(tmp.resolve("never.json")));
    }
}
