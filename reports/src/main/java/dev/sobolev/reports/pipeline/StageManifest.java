package dev.sobolev.reports.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.io.AtomicFiles;

/**
 * What a pipeline stage wrote: its settings and, per file of its output directory, the size and SHA-256 at write
 * time. Written atomically beside the stage's directory ({@code <stage>.manifest.json}); a rerun {@link #verify
 * verifies} the files against it before reusing the stage, so a truncated, changed or deleted file makes the stage
 * run again instead of being trusted.
 *
 * @param stage    the stage name
 * @param settings the stage's parameters (a rerun with other settings does not reuse it)
 * @param files    the files, paths relative to the stage directory with {@code /} separators, sorted
 */
record StageManifest(String stage, JsonNode settings, List<FileEntry> files) {
    /** The {@code format} tag of a manifest file. */
    static final String FORMAT = "sobolev-pipeline-stage";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file of a stage's output.
     *
     * @param path   relative to the stage directory, {@code /}-separated
     * @param size   bytes
     * @param sha256 lower-case hexadecimal SHA-256 of the content
     */
    record FileEntry(String path, long size, String sha256) {
    }

    StageManifest {
        Objects.requireNonNull(stage, "stage");
        settings = settings.deepCopy();
        files = List.copyOf(files);
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    /** The manifest file of a stage directory: {@code <dir>.manifest.json} beside it. */
    static Path fileOf(Path stageDir) {
        return stageDir.resolveSibling(stageDir.getFileName() + ".manifest.json");
    }

    /**
     * Records every regular file under {@code dir} as it is now.
     *
     * @param stage    the stage name
     * @param settings its parameters
     * @param dir      its output directory
     * @return the manifest
     */
    static StageManifest record(String stage, JsonNode settings, Path dir) {
        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new FileEntry(relative(dir, p), Files.size(p), sha256(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stage output " + dir + ": " + e.getMessage(), e);
        }
        return new StageManifest(stage, settings, files);
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Compares the files under {@code dir} with the recorded ones.
     *
     * @param dir the stage's output directory
     * @return why the output differs (the first difference found), or empty if every recorded file is there with
     *         its size and checksum and no other file was added
     */
    Optional<String> verify(Path dir) {
        List<String> present = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> present.add(relative(dir, p)));
        } catch (IOException e) {
            return Optional.of(dir + " cannot be read: " + e.getMessage());
        }
        for (FileEntry f : files) {
            Path p = dir.resolve(f.path());
            if (!present.remove(f.path())) {
                return Optional.of(p + " is missing");
            }
            try {
                long size = Files.size(p);
                if (size != f.size()) {
                    return Optional.of(p + " has " + size + " bytes, " + f.size() + " when written");
                }
                if (!sha256(p).equals(f.sha256())) {
                    return Optional.of(p + " has another SHA-256 than when written");
                }
            } catch (IOException e) {
                return Optional.of(p + " cannot be read: " + e.getMessage());
            }
        }
        if (!present.isEmpty()) {
            return Optional.of(dir.resolve(present.get(0)) + " was not written by the stage");
        }
        return Optional.empty();
    }

    /** The JSON form: {@code format}, {@code stage}, {@code settings}, {@code files[{path, size, sha256}]}. */
    ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("stage", stage);
        o.set("settings", settings.deepCopy());
        var arr = o.putArray("files");
        for (FileEntry f : files) {
            arr.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
        }
        return o;
    }

    /** Writes {@link #toJson()} atomically to {@code file}. */
    void write(Path file) {
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(toJson()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a manifest file.
     *
     * @param file the file
     * @return the manifest, or empty if the file is missing or is not a manifest of this format
     */
    static Optional<StageManifest> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode o = MAPPER.readTree(file.toFile());
            if (o == null || !FORMAT.equals(o.path("format").asText()) || !o.path("stage").isTextual()
                    || !o.path("settings").isObject() || !o.path("files").isArray()) {
                return Optional.empty();
            }
            List<FileEntry> files = new ArrayList<>();
            for (JsonNode f : o.get("files")) {
                if (!f.path("path").isTextual() || !f.path("size").canConvertToLong()
                        || !f.path("sha256").isTextual()) {
                    return Optional.empty();
                }
                files.add(new FileEntry(f.get("path").asText(), f.get("size").asLong(), f.get("sha256").asText()));
            }
            return Optional.of(new StageManifest(o.get("stage").asText(), o.get("settings"), files));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(Path p) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
