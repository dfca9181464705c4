package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class PipelineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunWritesSummaryAndResumes() throws Exception {
        Path out = tmp.resolve("run");
        CliRunner.Run first = CliRunner.run("pipeline", "--quick", "--out", out.toString(), "--json", "--seed", "3");
        assertEquals(0, first.code(), first.err());
        JsonNode j = Json.MAPPER.readTree(first.out());
        assertEquals(out.resolve("pipeline.json").toString(), j.get("report").asText());
        assertEquals("price-check", j.get("stages").get(0).get("name").asText());
        assertTrue(Math.abs(j.get("stages").get(0).get("metrics").get("zScore").asDouble()) <= 4);
        assertEquals("dataset", j.get("stages").get(1).get("name").asText());
        assertEquals("done", j.get("stages").get(1).get("status").asText());
        assertTrue(Files.exists(out.resolve("dataset/hv.npy")));
        assertTrue(first.err().contains("pricing stages only"), first.err());
        byte[] x = Files.readAllBytes(out.resolve("dataset/X.npy"));

        CliRunner.Run again = CliRunner.run("pipeline", "--quick", "--out", out.toString(), "--json", "--seed", "3");
        assertEquals(0, again.code(), again.err());
        assertEquals("reused", Json.MAPPER.readTree(again.out()).get("stages").get(1).get("status").asText());
        assertEquals(-1L, java.util.Arrays.mismatch(x, Files.readAllBytes(out.resolve("dataset/X.npy"))));

        CliRunner.Run other = CliRunner.run("pipeline", "--quick", "--out", out.toString(), "--seed", "4");
        assertEquals(SobolevCli.BAD_INPUT, other.code());
        assertTrue(other.err().contains("holds a data set from other settings"), other.err());
    }
}
