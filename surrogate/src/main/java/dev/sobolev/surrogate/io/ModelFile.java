package dev.sobolev.surrogate.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Printable;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

/**
 * The model file: JSON with {@code format} ("sobolev-mlp") and {@code version}, then
 * <ul>
 *   <li>{@code inputs}: per input {@code name}, {@code unit} and the training domain {@code lower}, {@code upper},
 *       {@code mean}, {@code sd} (null where unknown), and {@code outputs}: per output {@code name} and
 *       {@code unit} (version 2 only: the {@link ModelSchema});</li>
 *   <li>{@code architecture}: {@code widths}, {@code activation}, {@code outputActivation}, {@code parameters};</li>
 *   <li>{@code normalisation}: the named vectors {@code xMean}, {@code xStd}, {@code yMean}, {@code yStd} of
 *       {@link Normalisation};</li>
 *   <li>{@code parameters}: θ in {@link Mlp}'s layer order;</li>
 *   <li>{@code provenance}: an object this class stores as given (data set, configuration, seed, metrics).</li>
 * </ul>
 * Doubles are written in Java's shortest round-trip form, so a saved model reloads bit for bit; nothing time- or
 * machine-dependent is written, so the same training gives the same bytes. Written atomically (temporary file,
 * then rename).
 *
 * <p>This build writes version {@value #VERSION} and reads versions 1 and 2. Version 1 has no {@code inputs} or
 * {@code outputs}; it loads with {@link ModelSchema#unknown}: inputs {@code x1..xd}, outputs {@code y} or
 * {@code y1..ym}, every training box (−∞, +∞), so that no point lies outside it. Its network, normalisation and
 * parameters are read exactly as before and evaluate to the same bits. Loading rejects other formats, other
 * versions (anything but the integers 1 and 2) and inconsistent shapes with a message naming the file.
 */
public final class ModelFile {
    /** The format tag. */
    public static final String FORMAT = "sobolev-mlp";
    /** The version this build writes. */
    public static final int VERSION = 2;
    /** The versions this build reads. */
    public static final List<Integer> READABLE_VERSIONS = List.of(1, 2);
    /** Writes indented; reads refusing repeated keys and text after the top-level object. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelFile() {
    }

    /**
     * A loaded model with its schema and the provenance stored with it.
     *
     * @param model      the surrogate
     * @param schema     its inputs and outputs ({@link ModelSchema#unknown} for a version-1 file)
     * @param provenance the stored provenance object (empty if none)
     * @param version    the file's version
     */
    public record Loaded(Surrogate model, ModelSchema schema, JsonNode provenance, int version) {
        /**
         * Validates the parts and copies the provenance.
         *
         * @param model      the surrogate
         * @param schema     its inputs and outputs
         * @param provenance the provenance object, or null for an empty one
         * @param version    the file's version
         * @throws IllegalArgumentException if the schema does not have the model's numbers of inputs and outputs
         */
        public Loaded {
            Objects.requireNonNull(model, "model");
            checkSchema(model, schema);
            provenance = provenance == null ? MAPPER.createObjectNode() : provenance.deepCopy();
        }

        /**
         * The stored provenance.
         *
         * @return a deep copy
         */
        @Override
        public JsonNode provenance() {
            return provenance.deepCopy();
        }
    }

    private static void checkSchema(Surrogate model, ModelSchema schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.inputs().size() != model.inputs() || schema.outputs().size() != model.outputs()) {
            throw new IllegalArgumentException("the schema has " + schema.inputs().size() + " inputs and "
                    + schema.outputs().size() + " outputs, the model " + model.inputs() + " and " + model.outputs());
        }
    }

    /**
     * Writes a model as version {@value #VERSION}, replacing {@code file} if it exists.
     *
     * @param model      the surrogate
     * @param schema     its inputs and outputs (e.g. {@link ModelSchema#of} the training data)
     * @param provenance data set meta, configuration, metrics (copied into the file), or null for none
     * @param file       target path
     * @return the path written
     * @throws IllegalArgumentException   if the schema does not fit the model
     * @throws InvalidParameterException  ({@code file}) if the file cannot be written
     */
    public static Path write(Surrogate model, ModelSchema schema, JsonNode provenance, Path file) {
        return write(model, schema, provenance, file, true);
    }

    /**
     * Writes a model as version {@value #VERSION} through {@link AtomicFiles}.
     *
     * @param model      the surrogate
     * @param schema     its inputs and outputs (e.g. {@link ModelSchema#of} the training data)
     * @param provenance data set meta, configuration, metrics (copied into the file), or null for none
     * @param file       target path
     * @param overwrite  whether an existing file is replaced; if false and it exists, nothing is written
     * @return the path written
     * @throws IllegalArgumentException   if the schema does not fit the model
     * @throws InvalidParameterException  ({@code file}) if the file cannot be written, or exists and
     *                                    {@code overwrite} is false
     */
    public static Path write(Surrogate model, ModelSchema schema, JsonNode provenance, Path file, boolean overwrite) {
        checkSchema(model, schema);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode inputs = root.putArray("inputs");
        for (InputSpec in : schema.inputs()) {
            ObjectNode o = inputs.addObject();
            o.put("name", in.name());
            o.put("unit", in.unit());
            putKnown(o, "lower", in.lower());
            putKnown(o, "upper", in.upper());
            putKnown(o, "mean", in.mean());
            putKnown(o, "sd", in.sd());
        }
        ArrayNode outputs = root.putArray("outputs");
        for (OutputSpec out : schema.outputs()) {
            outputs.addObject().put("name", out.name()).put("unit", out.unit());
        }
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
            return AtomicFiles.writeString(file, MAPPER.writeValueAsString(root) + "\n", overwrite);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidParameterException("file", file + " already exists; choose a new path or allow "
                    + "overwriting it", e);
        } catch (IOException e) {
            throw new InvalidParameterException("file", file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** A finite value, or null for an unknown one (±∞ bounds, NaN moments). */
    private static void putKnown(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static ArrayNode array(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    /**
     * Heap bytes per byte of a model file while it is read: the JSON tree holds each number as an object of about
     * 24 bytes plus a reference, for about 20 bytes of text, and the parameters then become a double[] as well.
     */
    private static final double READ_BYTES_PER_FILE_BYTE = 3;

    /** Refuses a file whose reading would exhaust the heap, before any of it is read. */
    private static void checkMemory(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return; // a missing or unreadable file is reported by the read itself
        }
        Runtime rt = Runtime.getRuntime();
        double free = rt.maxMemory() - (double) (rt.totalMemory() - rt.freeMemory());
        double need = READ_BYTES_PER_FILE_BYTE * size;
        if (need > free) {
            double gib = 1L << 30;
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "model file %s holds %.1f GiB; "
                    + "reading it needs about %.1f GiB, but the JVM has %.1f GiB free of its %.1f GiB maximum heap: "
                    + "raise the maximum heap (-Xmx)", file, size / gib, need / gib, free / gib, rt.maxMemory() / gib));
        }
    }

    /**
     * Reads a model file of version 1 or 2, validating format, version and shapes.
     *
     * @param file the model file
     * @return the model, its schema, provenance and version
     * @throws IllegalArgumentException if the file does not exist, is a directory, may not be read, is not JSON,
     *                                  has another format or version, its parts are inconsistent, or reading it
     *                                  needs more memory than the heap has free (the message names the file and
     *                                  the field)
     * @throws UncheckedIOException     if reading fails for another reason (a device error)
     */
    public static Loaded read(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("model file " + file + " is a directory, not a file");
        }
        checkMemory(file);
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model file " + file + " is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")") + ": "
                    + Printable.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("model file " + file + " does not exist", e);
            }
            if (e instanceof AccessDeniedException) {
                throw new IllegalArgumentException("model file " + file + " cannot be read: permission denied", e);
            }
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model file " + file + " is empty or not a JSON object");
        }
        JsonNode format = root.path("format");
        if (!format.isTextual() || !FORMAT.equals(format.asText())) {
            throw new IllegalArgumentException("model file " + file + " has format "
                    + (format.isMissingNode() ? "(none)" : format.isTextual() ? "'" + Printable.oneLine(format.asText()) + "'"
                    : shown(format)) + ", expected '" + FORMAT + "'");
        }
        int version = version(root.path("version"), file);
        JsonNode arch = root.path("architecture");
        Activation hidden = activation(arch, "activation", file);
        Activation output = activation(arch, "outputActivation", file);
        try {
            int[] widths = ints(arch.path("widths"), "architecture.widths");
            double[] params = doubles(root.path("parameters"), "parameters");
            Mlp net = new Mlp(widths, hidden, output, params);
            JsonNode n = root.path("normalisation");
            Normalisation norm = new Normalisation(doubles(n.path("xMean"), "normalisation.xMean"),
                    doubles(n.path("xStd"), "normalisation.xStd"), doubles(n.path("yMean"), "normalisation.yMean"),
                    doubles(n.path("yStd"), "normalisation.yStd"));
            Surrogate model = new Surrogate(net, norm);
            ModelSchema schema = version == 1 ? ModelSchema.unknown(net.inputs(), net.outputs()) : schema(root);
            JsonNode provenance = root.get("provenance");
            if (provenance != null && !provenance.isNull() && !provenance.isObject()) {
                throw new IllegalArgumentException("provenance must be an object, got " + shown(provenance));
            }
            return new Loaded(model, schema, provenance, version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model file " + file + " is inconsistent: " + Printable.oneLine(e.getMessage()), e);
        }
    }

    /** The activation in field {@code architecture.<key>}, the field named when it is not a known label. */
    private static Activation activation(JsonNode arch, String key, Path file) {
        JsonNode v = arch.path(key);
        try {
            return Activation.parse(v.isTextual() ? v.asText() : "");
        } catch (InvalidParameterException e) {
            throw new IllegalArgumentException("model file " + file + ": architecture." + key + " "
                    + e.detail().replaceFirst("got $", java.util.regex.Matcher.quoteReplacement("got "
                    + (v.isMissingNode() ? "nothing" : v.toString()))), e);
        }
    }

    /** The version, if it is one of {@link #READABLE_VERSIONS} written as a JSON integer. */
    private static int version(JsonNode v, Path file) {
        if (v.isIntegralNumber() && v.canConvertToInt() && READABLE_VERSIONS.contains(v.intValue())) {
            return v.intValue();
        }
        throw new IllegalArgumentException("model file " + file + " has version "
                + (v.isMissingNode() ? "(none)" : shown(v)) + "; this build reads versions " + supported());
    }

    /** "1 and 2": the readable versions as a phrase. */
    private static String supported() {
        int last = READABLE_VERSIONS.size() - 1;
        String head = String.join(", ", READABLE_VERSIONS.subList(0, last).stream().map(String::valueOf).toList());
        return head.isEmpty() ? String.valueOf(READABLE_VERSIONS.get(last)) : head + " and " + READABLE_VERSIONS.get(last);
    }

    /** A JSON value quoted in a message: one line, at most 80 characters. */
    private static String shown(JsonNode v) {
        String s = Printable.oneLine(v.toString());
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static ModelSchema schema(JsonNode root) {
        JsonNode in = root.path("inputs");
        JsonNode out = root.path("outputs");
        if (!in.isArray() || !out.isArray()) {
            throw new IllegalArgumentException("inputs and outputs must be arrays");
        }
        List<InputSpec> inputs = new ArrayList<>();
        for (int j = 0; j < in.size(); j++) {
            JsonNode o = in.get(j);
            String at = "inputs[" + j + "]";
            inputs.add(new InputSpec(text(o, "name", at), text(o, "unit", at),
                    known(o, "lower", at, Double.NEGATIVE_INFINITY), known(o, "upper", at, Double.POSITIVE_INFINITY),
                    known(o, "mean", at, Double.NaN), known(o, "sd", at, Double.NaN)));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        for (int k = 0; k < out.size(); k++) {
            JsonNode o = out.get(k);
            String at = "outputs[" + k + "]";
            outputs.add(new OutputSpec(text(o, "name", at), text(o, "unit", at)));
        }
        return new ModelSchema(inputs, outputs);
    }

    private static String text(JsonNode o, String key, String at) {
        JsonNode v = o.path(key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at + "." + key + " must be a string, got "
                    + (v.isMissingNode() ? "nothing" : shown(v)));
        }
        return v.asText();
    }

    /** A number, or {@code unknown} where the file has null. */
    private static double known(JsonNode o, String key, String at, double unknown) {
        JsonNode v = o.path(key);
        if (v.isNull()) {
            return unknown;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(at + "." + key + " must be a number or null, got "
                    + (v.isMissingNode() ? "nothing" : shown(v)));
        }
        double x = v.asDouble();
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(at + "." + key + " is beyond the range of a double");
        }
        return x;
    }

    private static int[] ints(JsonNode a, String name) {
        if (!a.isArray()) {
            throw new IllegalArgumentException(name + " is missing or not an array");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isIntegralNumber() || !a.get(i).canConvertToInt()) {
                throw new IllegalArgumentException(name + "[" + i + "] must be an integer, got " + shown(a.get(i)));
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
                throw new IllegalArgumentException(name + "[" + i + "] is not a number: " + shown(a.get(i)));
            }
            out[i] = a.get(i).asDouble();
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is beyond the range of a double");
            }
        }
        return out;
    }
}
