package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;

class DatasetCommandTest {
    @TempDir
    Path tmp;

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(dir::relativize).sorted().toList();
        }
    }

    private String[] acceptance(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("dataset", "bachelier", "--recipe", "kichler", "--dim", "7", "--size",
                "8192", "--test-size", "4096", "--seed", "42", "--out", out.toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void acceptanceCommandWritesTheDesignFiles() throws Exception {
        Path out = tmp.resolve("kichler");
        CliRunner.Run r = CliRunner.run(acceptance(out, "--json"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(out.toString(), j.get("path").asText());
        assertEquals(8192, j.get("size").asLong());
        assertTrue(j.get("samplesPerSecond").asDouble() > 0);
        assertEquals(List.of("", "X.npy", "Y.npy", "dYdX.npy", "meta.json", "test", "test/X.npy", "test/Y.npy",
                "test/dYdX.npy", "test/gamma.npy", "test/meta.json"),
                listing(out).stream().map(Path::toString).toList());
        Dataset train = DatasetReader.read(out);
        assertEquals(8192, train.rows());
        assertEquals(7, train.inputDim());
        assertEquals(4096, DatasetReader.read(out.resolve("test")).rows());
    }

    @Test
    void oneAndTwoThreadsWriteIdenticalBytes() throws Exception {
        Path a = tmp.resolve("t1");
        Path b = tmp.resolve("t2");
        assertEquals(0, CliRunner.run(acceptance(a, "--threads", "1", "--hv-directions", "random", "--hv-count", "3")).code());
        assertEquals(0, CliRunner.run(acceptance(b, "--threads", "2", "--hv-directions", "random", "--hv-count", "3")).code());
        List<Path> files = listing(a);
        assertEquals(files, listing(b));
        for (Path f : files) {
            if (Files.isRegularFile(a.resolve(f))) {
                assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f.toString());
            }
        }
    }

    @Test
    void hugeSavineInCsv() {
        Path out = tmp.resolve("hs");
        CliRunner.Run r = CliRunner.run("dataset", "bachelier", "--recipe", "huge-savine", "--dim", "20", "--size",
                "1000", "--test-size", "10", "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset d = DatasetReader.read(out);
        assertEquals(20, d.inputDim());
        assertTrue(Files.exists(out.resolve("X.csv")));
    }

    @Test
    void garchForecastDataSet() throws Exception {
        Path out = tmp.resolve("garch");
        CliRunner.Run r = CliRunner.run("dataset", "garch", "--size", "5000", "--test-size", "100", "--out",
                out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(5, Json.MAPPER.readTree(r.out()).get("horizon").asInt());
        Dataset d = DatasetReader.read(out);
        assertEquals(4, d.inputDim());
        assertEquals(5, d.outputs());
        assertEquals(100, DatasetReader.read(out.resolve("test")).rows());
        List<Path> before = listing(tmp);
        CliRunner.Run bad = CliRunner.run("dataset", "garch", "--size", "10", "--out", tmp.resolve("g2").toString(),
                "--last-variance", "-1");
        assertEquals(SobolevCli.BAD_INPUT, bad.code());
        assertEquals("sobolev: --last-variance must be finite and > 0, got -1.0", bad.err().strip());
        assertEquals(before, listing(tmp));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero size | --size | 0 | --size must be in [1, 1099511627776], got 0",
        "negative test size | --test-size | -5 | --test-size must be in [0, 1099511627776], got -5",
        "unknown recipe | --recipe | hull-white | --recipe must be kichler or huge-savine, got hull-white",
        "zero dim | --dim | 0 | --dim must be >= 1, got 0",
        "dim beyond the bound (it hung) | --dim | 10000 | --dim must be in [1, 500], got 10000 (building the random market takes time cubic in d: d = 500 takes about 10 s)",
        "unknown format | --format | parquet | --format must be npy or csv, got parquet",
        "bad width | --width | 0 | --width must be finite and > 0, got 0.0",
        "hv for a call | --payoff | call | --hv-count needs --hv-directions random|pca",
        "bad directions | --hv-directions | sobol | --hv-directions must be random or pca, got sobol"})
    void badInputLeavesNothingBehind(String what, String option, String value, String message) throws IOException {
        Path out = tmp.resolve("out");
        String[] change = "hv for a call".equals(what) ? new String[] {option, value, "--hv-count", "2"}
                : new String[] {option, value};
        List<Path> before = listing(tmp);
        CliRunner.Run r = CliRunner.run(Arrays.asList(acceptance(out)), change);
        assertEquals(SobolevCli.BAD_INPUT, r.code(), what + ": " + r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("sobolev: " + message), lines[0]);
        assertEquals(before, listing(tmp), "no partial output for " + what);
    }

    @Test
    void secondOrderLabelsOnAKinkedPayoffAreRefused() throws IOException {
        List<Path> before = listing(tmp);
        CliRunner.Run r = CliRunner.run(acceptance(tmp.resolve("o"), "--payoff", "call", "--hv-directions", "pca",
                "--hv-count", "2"));
        assertEquals(SobolevCli.BAD_INPUT, r.code());
        assertEquals("sobolev: second-order labels need a smoothed payoff, got call(K=1.1)", r.err().strip());
        assertEquals(before, listing(tmp));
    }

    @Test
    void unwritableOutputIsRefusedAndNothingIsLeft() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        List<Path> before = listing(tmp);
        CliRunner.Run r = CliRunner.run(acceptance(file.resolve("sub")));
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("sobolev: "), r.err());
        assertTrue(r.err().contains(file.toString()), r.err());
        assertEquals(before, listing(tmp));
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("keep"), "y");
        r = CliRunner.run(acceptance(busy));
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("already exists and is not empty"), r.err());
        assertEquals(List.of(Path.of(""), Path.of("keep")), listing(busy));
    }
}
