package dev.sobolev.surrogate.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * The model file of DESIGN.md: JSON with {@code format} ("sobolev-mlp"), {@code version}, the architecture
 * (widths, activations), the normalisation, the parameters θ and a provenance object (data set meta,
 * training configuration, seed, metrics at save time). Doubles are written in Java's shortest round-trip
 * form, so a saved model reloads bit for bit; nothing time- or machine-dependent is written, so the same
 * training gives the same bytes. Written atomically (temporary file, then rename). Loading rejects other
 * formats, unknown versions and inconsistent shapes with a message naming the file.
 */
public final class ModelFile {
    /** The format tag. */
    public static final String FORMAT = "sobolev-mlp";
    /** The version this build writes and reads. */
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /** A loaded model and the provenance stored with it. */
    public record Loaded(Surrogate model, JsonNode provenance) {
    }

    /**
     * Writes a model.
     *
     * @param model      the surrogate
     * @param provenance data set meta, configuration, metrics (copied into the file)
     * @param file       target path
     */
    public static Path write(Surrogate model, JsonNode provenance, Path file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        Mlp net = model.network();
        ObjectNode arch = root.putObject("architecture");
        ArrayNode widths = arch.putArray("widths");
        for (int w : net.widths()) {
            widths.add(w);
        }
        arch.put("activation", net.hiddenActivation().label());
        arch.put("outputActivation", net.outputActivation().label());
        arch.put("parameters", net.parameterCount());
        Normalisation n = model.normalisation();
        ObjectNode norm = root.putObject("normalisation");
        norm.set("xMean", array(n.xMean()));
        norm.set("xStd", array(n.xStd()));
        norm.set("yMean", array(n.yMean()));
        norm.set("yStd", array(n.yStd()));
        root.set("parameters", array(net.parameters()));
        root.set("provenance", provenance == null ? MAPPER.createObjectNode() : provenance.deepCopy());
        try {
            return AtomicFiles.writeString(file, MAPPER.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static ArrayNode array(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    /** Reads a model file, validating format, version and shapes. */
    public static Loaded read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model file " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + "): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("model file " + file + " does not exist", e);
            }
            throw new UncheckedIOException("cannot read model file " + file, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model file " + file + " is empty or not a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("model file " + file + " has format '" + format + "', expected '" + FORMAT + "'");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("model file " + file + " has version " + root.path("version")
                    + "; this build reads version " + VERSION);
        }
        try {
            JsonNode arch = root.path("architecture");
            int[] widths = ints(arch.path("widths"), "architecture.widths");
            Activation hidden = Activation.parse(arch.path("activation").asText(""));
            Activation output = Activation.parse(arch.path("outputActivation").asText(""));
            double[] params = doubles(root.path("parameters"), "parameters");
            Mlp net = new Mlp(widths, hidden, output, params);
            JsonNode n = root.path("normalisation");
            Normalisation norm = new Normalisation(doubles(n.path("xMean"), "normalisation.xMean"),
                    doubles(n.path("xStd"), "normalisation.xStd"), doubles(n.path("yMean"), "normalisation.yMean"),
                    doubles(n.path("yStd"), "normalisation.yStd"));
            return new Loaded(new Surrogate(net, norm), root.path("provenance"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model file " + file + " is inconsistent: " + e.getMessage(), e);
        }
    }

    private static int[] ints(JsonNode a, String name) {
        if (!a.isArray()) {
            throw new IllegalArgumentException(name + " is missing or not an array");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).canConvertToInt()) {
                throw new IllegalArgumentException(name + "[" + i + "] is not an integer");
            }
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode a, String name) {
        if (!a.isArray()) {
            throw new IllegalArgumentException(name + " is missing or not an array");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException(name + "[" + i + "] is not a number: " + a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
