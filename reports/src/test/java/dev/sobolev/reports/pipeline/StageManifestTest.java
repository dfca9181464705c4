package dev.sobolev.reports.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class StageManifestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    Path out;

    private ObjectNode settings(long seed) {
        return MAPPER.createObjectNode().put("seed", seed).put("lr", 3e-4);
    }

    /** Settings, inputs and outputs each make a recorded stage unusable when they change; a clean one verifies. */
    @Test
    void verifiesSettingsInputsAndOutputs() throws Exception {
        Files.writeString(out.resolve("in.txt"), "input");
        Files.createDirectories(out.resolve("dir/sub"));
        Files.writeString(out.resolve("dir/sub/a.txt"), "a");
        Files.writeString(out.resolve("model.json"), "{}");
        List<String> inputs = List.of("in.txt");
        List<String> outputs = List.of("dir", "model.json");
        StageManifest m = StageManifest.record(out, "s", settings(42L), inputs, outputs);
        Path file = StageManifest.fileOf(out, "s");
        m.write(file);
        StageManifest read = StageManifest.read(file).orElseThrow();
        assertEquals(m.toJson().toString(), read.toJson().toString());
        assertEquals(List.of("dir/sub/a.txt", "model.json"), read.files().stream().map(StageManifest.FileEntry::path)
                .toList());
        // a long read back as an int is the same setting
        assertEquals(Optional.empty(), read.verify(out, settings(42L), inputs));
        assertEquals(Optional.of("its settings changed ({\"seed\":42,\"lr\":3.0E-4} when written, now "
                + "{\"seed\":7,\"lr\":3.0E-4})"), read.verify(out, settings(7), inputs));
        Files.writeString(out.resolve("in.txt"), "Input");
        assertEquals(Optional.of("input " + out.resolve("in.txt") + " has another SHA-256 than when written"),
                read.verify(out, settings(42L), inputs));
        Files.writeString(out.resolve("in.txt"), "input");
        Files.writeString(out.resolve("dir/stray.txt"), "");
        assertEquals(Optional.of(out.resolve("dir/stray.txt") + " was not written by the stage"),
                read.verify(out, settings(42L), inputs));
        Files.delete(out.resolve("dir/stray.txt"));
        Files.delete(out.resolve("model.json"));
        assertEquals(Optional.of(out.resolve("model.json") + " is missing"), read.verify(out, settings(42L), inputs));
    }

    @Test
    void aFileThatIsNotAManifestReadsAsNone() throws Exception {
        Path f = out.resolve("x.manifest.json");
        Files.writeString(f, "{\"format\":\"sobolev-pipeline-stage\",\"stage\":\"x\",\"settings\":{},\"outputs\":[],"
                + "\"files\":[{\"path\":3}]}");
        assertEquals(Optional.empty(), StageManifest.read(f));
        Files.writeString(f, "not json");
        assertEquals(Optional.empty(), StageManifest.read(f));
    }
}
