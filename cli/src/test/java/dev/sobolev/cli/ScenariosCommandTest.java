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

import com.fasterxml.jackson.databind.JsonNode;

class ScenariosCommandTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void trainedModel() {
        Path data = tmp.resolve("ds");
        CliRunner.Run r = CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "256",
                "--test-size", "16", "--seed", "1", "--out", data.toString());
        assertEquals(0, r.code(), r.err());
        model = tmp.resolve("model.json");
        r = CliRunner.run("train", "--data", data.toString(), "--hidden", "4x1", "--epochs", "2", "--out",
                model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void sameSeedSameBytesForAnyThreadCount() throws Exception {
        Path one = tmp.resolve("one.csv");
        Path two = tmp.resolve("two.csv");
        CliRunner.Run r = CliRunner.run("scenarios", "--model", model.toString(), "--size", "9000", "--seed", "7",
                "--out", one.toString(), "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(9000, j.get("rows").asLong());
        assertEquals(one.toAbsolutePath().toString(), j.get("path").asText());
        assertTrue(j.get("seconds").asDouble() > 0);
        r = CliRunner.run("scenarios", "--model", model.toString(), "--size", "9000", "--seed", "7", "--out",
                two.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("9000 scenarios (the input law of the kichler recipe"), r.out());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        List<String> lines = Files.readAllLines(one);
        assertEquals(9001, lines.size());
        assertEquals("id,S1,S2,S3", lines.get(0));
        assertTrue(lines.get(9000).startsWith("s009000,"), lines.get(9000));
    }

    @Test
    void shocksAroundABaseAndOverwriteOnlyWithForce() throws Exception {
        Path out = tmp.resolve("flat.csv");
        CliRunner.Run r = CliRunner.run("scenarios", "--model", model.toString(), "--size", "2", "--out",
                out.toString(), "--base", "1,2.5,0.5", "--shock", "0");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("id,S1,S2,S3", "s000001,1.0,2.5,0.5", "s000002,1.0,2.5,0.5"), Files.readAllLines(out));
        r = CliRunner.run("scenarios", "--model", model.toString(), "--size", "5", "--out", out.toString(),
                "--shock", "0.1");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("sobolev: --out "), r.err());
        assertEquals(3, Files.readAllLines(out).size(), "left as it was");
        r = CliRunner.run("scenarios", "--model", model.toString(), "--size", "5", "--out", out.toString(),
                "--shock", "0.1", "--force");
        assertEquals(0, r.code(), r.err());
        assertEquals(6, Files.readAllLines(out).size());
    }
}
