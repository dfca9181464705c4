package dev.sobolev.reports.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.io.AtomicFiles;

/**
 * What a pipeline stage read and wrote: its settings, the size and SHA-256 of each file of its inputs (upstream
 * artefacts) and of its outputs at write time. Written atomically after the outputs ({@code <stage>.manifest.json}
 * in the pipeline directory); a rerun {@link #verify verifies} settings, inputs and outputs against it before
 * reusing the stage, so changed settings, a changed input, or a truncated, changed, deleted or added output file
 * make the stage run again instead of being trusted.
 *
 * @param stage    the stage name
 * @param settings the stage's parameters
 * @param inputs   the files of its input artefacts, paths relative to the pipeline directory with {@code /}
 *                 separators, sorted
 * @param outputs  its output artefacts (files or directories), relative to the pipeline directory
 * @param files    the files of its outputs, as {@code inputs}
 */
record StageManifest(String stage, JsonNode settings, List<FileEntry> inputs, List<String> outputs,
                     List<FileEntry> files) {
    /** The {@code format} tag of a manifest file. */
    static final String FORMAT = "sobolev-pipeline-stage";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file.
     *
     * @param path   relative to the pipeline directory, {@code /}-separated
     * @param size   bytes
     * @param sha256 lower-case hexadecimal SHA-256 of the content
     */
    record FileEntry(String path, long size, String sha256) {
    }

    StageManifest {
        Objects.requireNonNull(stage, "stage");
        settings = settings.deepCopy();
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        files = List.copyOf(files);
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    /** The manifest file of a stage: {@code <out>/<stage>.manifest.json}. */
    static Path fileOf(Path out, String stage) {
        return out.resolve(stage + ".manifest.json");
    }

    /**
     * Records the stage's inputs and outputs as they are now.
     *
     * @param out      the pipeline directory
     * @param stage    the stage name
     * @param settings its parameters
     * @param inputs   its input artefacts, relative to {@code out}
     * @param outputs  its output artefacts, relative to {@code out}
     * @return the manifest
     */
    static StageManifest record(Path out, String stage, JsonNode settings, List<String> inputs, List<String> outputs) {
        try {
            return new StageManifest(stage, settings, entries(out, inputs), outputs, entries(out, outputs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the artefacts of stage " + stage + " in " + out + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<FileEntry> entries(Path out, List<String> artefacts) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        for (String p : files(out, artefacts)) {
            Path f = out.resolve(p);
            entries.add(new FileEntry(p, Files.size(f), sha256(f)));
        }
        return entries;
    }

    /** The regular files of the artefacts (a file, or every file under a directory), relative and sorted. */
    private static List<String> files(Path out, List<String> artefacts) throws IOException {
        List<String> found = new ArrayList<>();
        for (String a : artefacts) {
            Path p = out.resolve(a);
            if (Files.isRegularFile(p)) {
                found.add(a);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).forEach(f -> found.add(out.relativize(f).toString()
                            .replace('\\', '/')));
                }
            }
        }
        Collections.sort(found);
        return found;
    }

    /**
     * Compares settings, inputs and outputs with the recorded ones.
     *
     * @param out      the pipeline directory
     * @param expected the settings of this run
     * @param inputs   the input artefacts of this run
     * @return why the stage cannot be reused (the first difference found), or empty if the settings are the same,
     *         every input file has its recorded size and checksum, and every output file too with none added
     */
    Optional<String> verify(Path out, JsonNode expected, List<String> inputs) {
        // as text: a number read back from the file may be another node type (an int for a long) of equal value
        if (!settings.toString().equals(expected.toString())) {
            return Optional.of("its settings changed (" + settings + " when written, now " + expected + ")");
        }
        Optional<String> in = compare(out, inputs, this.inputs, "input ");
        return in.isPresent() ? in : compare(out, outputs, files, "");
    }

    private static Optional<String> compare(Path out, List<String> artefacts, List<FileEntry> recorded, String what) {
        List<String> present;
        try {
            present = new ArrayList<>(files(out, artefacts));
        } catch (IOException e) {
            return Optional.of(what + out + " cannot be read: " + e.getMessage());
        }
        for (FileEntry f : recorded) {
            Path p = out.resolve(f.path());
            if (!present.remove(f.path())) {
                return Optional.of(what + p + " is missing");
            }
            try {
                long size = Files.size(p);
                if (size != f.size()) {
                    return Optional.of(what + p + " has " + size + " bytes, " + f.size() + " when written");
                }
                if (!sha256(p).equals(f.sha256())) {
                    return Optional.of(what + p + " has another SHA-256 than when written");
                }
            } catch (IOException e) {
                return Optional.of(what + p + " cannot be read: " + e.getMessage());
            }
        }
        if (!present.isEmpty()) {
            return Optional.of(what + out.resolve(present.get(0)) + " was not written by the stage");
        }
        return Optional.empty();
    }

    /**
     * The JSON form: {@code format}, {@code stage}, {@code settings}, {@code inputs[{path, size, sha256}]},
     * {@code outputs[path]}, {@code files[{path, size, sha256}]}.
     */
    ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("stage", stage);
        o.set("settings", settings.deepCopy());
        entriesJson(o.putArray("inputs"), inputs);
        outputs.forEach(o.putArray("outputs")::add);
        entriesJson(o.putArray("files"), files);
        return o;
    }

    private static void entriesJson(ArrayNode arr, List<FileEntry> entries) {
        for (FileEntry f : entries) {
            arr.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
        }
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
                    || !o.path("settings").isObject() || !o.path("outputs").isArray()) {
                return Optional.empty();
            }
            List<FileEntry> inputs = entries(o.path("inputs"));
            List<FileEntry> files = entries(o.path("files"));
            List<String> outputs = new ArrayList<>();
            for (JsonNode p : o.get("outputs")) {
                if (!p.isTextual()) {
                    return Optional.empty();
                }
                outputs.add(p.asText());
            }
            if (inputs == null || files == null) {
                return Optional.empty();
            }
            return Optional.of(new StageManifest(o.get("stage").asText(), o.get("settings"), inputs, outputs, files));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The entries of a JSON array, or null if it is not an array of well-formed entries. */
    private static List<FileEntry> entries(JsonNode arr) {
        if (!arr.isArray()) {
            return null;
        }
        List<FileEntry> list = new ArrayList<>();
        for (JsonNode f : arr) {
            if (!f.path("path").isTextual() || !f.path("size").canConvertToLong() || !f.path("sha256").isTextual()) {
                return null;
            }
            list.add(new FileEntry(f.get("path").asText(), f.get("size").asLong(), f.get("sha256").asText()));
        }
        return list;
    }

    /** Lower-case hexadecimal SHA-256 of a file's content. */
    static String sha256(Path p) throws IOException {
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
