package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void anUnrelatedNonEmptyDirectoryIsRefusedAndLeftAsItWas() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        CliRunner.Run r = CliRunner.run("pipeline", "--quick", "--out", mine.toString());
        assertEquals(SobolevCli.BAD_INPUT, r.code());
        assertEquals("", r.out());
        assertEquals("sobolev: --out " + mine + " is not empty and holds no pipeline output (no pipeline.json or stage "
                + "manifest); choose a new or empty directory\n", r.err());
        try (var s = Files.list(mine)) {
            assertEquals(java.util.List.of(mine.resolve("notes.txt")), s.toList());
        }
    }

    @Test
    void aStageWhoseFilesChangedOrLostTheirChecksumsIsRedoneNotReused() throws Exception {
        Path out = tmp.resolve("verified");
        assertEquals(0, CliRunner.run("pipeline", "--quick", "--out", out.toString(), "--seed", "5").code());
        Path x = out.resolve("dataset/X.npy");
        Path hv = out.resolve("dataset/hv.npy");
        byte[] xBytes = Files.readAllBytes(x);
        byte[] hvBytes = Files.readAllBytes(hv);
        JsonNode manifest = Json.MAPPER.readTree(out.resolve("dataset.manifest.json").toFile());
        assertEquals("sobolev-pipeline-stage", manifest.get("format").asText());
        assertTrue(manifest.get("files").toString().contains("\"path\":\"test/X.npy\""), manifest.toString());

        Files.write(x, java.util.Arrays.copyOf(xBytes, xBytes.length / 2));
        JsonNode truncated = stage(out);
        assertEquals("redone", truncated.get("status").asText());
        assertEquals(x + " has " + xBytes.length / 2 + " bytes, " + xBytes.length + " when written",
                truncated.get("metrics").get("redoneBecause").asText());
        assertArrayEquals(xBytes, Files.readAllBytes(x));

        Files.delete(hv);
        assertEquals(hv + " is missing", stage(out).get("metrics").get("redoneBecause").asText());
        assertArrayEquals(hvBytes, Files.readAllBytes(hv));

        byte[] flipped = Files.readAllBytes(x);
        flipped[200] ^= 1;
        Files.write(x, flipped);
        assertEquals(x + " has another SHA-256 than when written",
                stage(out).get("metrics").get("redoneBecause").asText());

        Files.delete(out.resolve("dataset.manifest.json"));
        Files.delete(out.resolve("pipeline.json"));
        JsonNode unverified = stage(out);
        assertEquals("no checksums were recorded for " + out.resolve("dataset"),
                unverified.get("metrics").get("redoneBecause").asText());
        assertEquals("reused", stage(out).get("status").asText());
        assertArrayEquals(xBytes, Files.readAllBytes(x));
    }

    /**
     * Property: whatever single corruption a finished data set stage suffers (a file truncated at a random length,
     * a random byte flipped, a file deleted, a stray file added, a manifest entry edited), the rerun never reuses
     * it: it redoes the stage and restores every file to the bytes of the first run; the next rerun reuses it.
     */
    @Test
    void aRerunNeverReusesACorruptedStage() throws Exception {
        Path out = tmp.resolve("property");
        assertEquals(0, CliRunner.run("pipeline", "--quick", "--out", out.toString(), "--seed", "5").code());
        Path stageDir = out.resolve("dataset");
        java.util.Map<Path, byte[]> original = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(stageDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                original.put(p, Files.readAllBytes(p));
            }
        }
        List<Path> paths = new java.util.ArrayList<>(original.keySet());
        java.util.SplittableRandom r = new java.util.SplittableRandom(2424);
        for (int c = 0; c < 12; c++) {
            int kind = c % 5;
            Path victim = paths.get(r.nextInt(paths.size()));
            byte[] bytes = original.get(victim);
            String what;
            switch (kind) {
                case 0 -> {
                    int length = r.nextInt(bytes.length);
                    Files.write(victim, java.util.Arrays.copyOf(bytes, length));
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
                    Path stray = victim.resolveSibling("stray-" + c + ".npy");
                    Files.write(stray, new byte[] {1, 2, 3});
                    what = "added " + stray;
                }
                default -> {
                    Path manifest = out.resolve("dataset.manifest.json");
                    String m = Files.readString(manifest);
                    String edited = m.replaceFirst("\"sha256\" ?: ?\"([0-9a-f])", "\"sha256\":\"" + (r.nextBoolean()
                            ? "0" : "f"));
                    if (edited.equals(m)) {
                        edited = m.replaceFirst("\"sha256\" ?: ?\"", "\"sha256\":\"1");
                    }
                    Files.writeString(manifest, edited);
                    what = "edited a checksum of the manifest";
                }
            }
            JsonNode redone = stage(out);
            assertEquals("redone", redone.get("status").asText(), what + ": " + redone);
            try (java.util.stream.Stream<Path> files = Files.walk(stageDir)) {
                assertEquals(original.keySet(), new java.util.TreeSet<>(files.filter(Files::isRegularFile).toList()),
                        what);
            }
            for (java.util.Map.Entry<Path, byte[]> e : original.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), what + ": " + e.getKey());
            }
            assertEquals("reused", stage(out).get("status").asText(), "after " + what);
        }
    }

    /** Reruns the pipeline of {@code aStageWhose…} and returns its data set stage. */
    private static JsonNode stage(Path out) throws Exception {
        CliRunner.Run r = CliRunner.run("pipeline", "--quick", "--out", out.toString(), "--seed", "5", "--json");
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out()).get("stages").get(1);
    }
}
