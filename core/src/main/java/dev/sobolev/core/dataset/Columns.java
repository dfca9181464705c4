package dev.sobolev.core.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Names and units of a data set's input and output columns, as {@code meta.json} records them in the arrays
 * {@value #INPUT_NAMES}, {@value #INPUT_UNITS}, {@value #OUTPUT_NAMES} and {@value #OUTPUT_UNITS}. Names are
 * non-blank and distinct within inputs and within outputs; a unit is free text, empty when none is known.
 *
 * @param inputNames  the d input names, e.g. {@code S1..S7}
 * @param inputUnits  the d input units, e.g. {@code price}
 * @param outputNames the m output names, e.g. {@code price}
 * @param outputUnits the m output units
 */
public record Columns(List<String> inputNames, List<String> inputUnits, List<String> outputNames,
                      List<String> outputUnits) {
    /** The meta.json key of the input names. */
    public static final String INPUT_NAMES = "inputNames";
    /** The meta.json key of the input units. */
    public static final String INPUT_UNITS = "inputUnits";
    /** The meta.json key of the output names. */
    public static final String OUTPUT_NAMES = "outputNames";
    /** The meta.json key of the output units. */
    public static final String OUTPUT_UNITS = "outputUnits";

    /**
     * Validates and copies the lists.
     *
     * @throws IllegalArgumentException if names and units differ in length, a name is blank or repeated, or a list
     *                                  holds null
     */
    public Columns {
        inputNames = checkNames(INPUT_NAMES, inputNames);
        outputNames = checkNames(OUTPUT_NAMES, outputNames);
        inputUnits = checkUnits(INPUT_UNITS, inputUnits, inputNames.size());
        outputUnits = checkUnits(OUTPUT_UNITS, outputUnits, outputNames.size());
    }

    private static List<String> checkNames(String what, List<String> names) {
        Objects.requireNonNull(names, what);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException(what + "[" + i + "] must be a non-blank name, got '" + n + "'");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + "[" + i + "] repeats the name '" + n + "'");
            }
        }
        return List.copyOf(names);
    }

    private static List<String> checkUnits(String what, List<String> units, int count) {
        Objects.requireNonNull(units, what);
        if (units.size() != count) {
            throw new IllegalArgumentException(what + " has " + units.size() + " entries, the names " + count);
        }
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i) == null) {
                throw new IllegalArgumentException(what + "[" + i + "] must be a unit (empty for none), got null");
            }
        }
        return List.copyOf(units);
    }

    /**
     * Columns with numbered names sharing one unit per side.
     *
     * @param inputPrefix  inputs are named prefix1..prefixd
     * @param d            number of inputs
     * @param inputUnit    the unit of every input
     * @param outputPrefix outputs are named prefix1..prefixm, or prefix alone when m = 1
     * @param m            number of outputs (≥ 1)
     * @param outputUnit   the unit of every output
     * @return the columns
     */
    public static Columns numbered(String inputPrefix, int d, String inputUnit, String outputPrefix, int m,
                                   String outputUnit) {
        List<String> in = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            in.add(inputPrefix + j);
        }
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            out.add(m == 1 ? outputPrefix : outputPrefix + k);
        }
        return new Columns(in, Collections.nCopies(d, inputUnit), out, Collections.nCopies(m, outputUnit));
    }

    /**
     * The columns of a data set without names: inputs {@code x1..xd}, outputs {@code y} (or {@code y1..ym}), no
     * units.
     *
     * @param d number of inputs
     * @param m number of outputs (≥ 1)
     * @return the default columns
     */
    public static Columns defaults(int d, int m) {
        return numbered("x", d, "", "y", m, "");
    }

    /**
     * The columns a data set's {@code meta.json} names, else {@link #defaults}. Names without units get empty
     * units.
     *
     * @param ds the data set
     * @return its columns
     * @throws IllegalArgumentException if meta.json names a different number of columns than the data set has, or
     *                                  its names are blank or repeated
     */
    public static Columns of(Dataset ds) {
        int d = ds.inputDim();
        int m = ds.outputs();
        JsonNode meta = ds.meta().orElse(null);
        if (meta == null) {
            return defaults(d, m);
        }
        Columns fallback = defaults(d, m);
        List<String> inNames = strings(meta, INPUT_NAMES, d, fallback.inputNames());
        List<String> outNames = strings(meta, OUTPUT_NAMES, m, fallback.outputNames());
        return new Columns(inNames, strings(meta, INPUT_UNITS, d, Collections.nCopies(d, "")), outNames,
                strings(meta, OUTPUT_UNITS, m, Collections.nCopies(m, "")));
    }

    private static List<String> strings(JsonNode meta, String key, int count, List<String> fallback) {
        JsonNode a = meta.get(key);
        if (a == null || a.isNull()) {
            return fallback;
        }
        if (!a.isArray() || a.size() != count) {
            throw new IllegalArgumentException("meta.json " + key + " must be an array of " + count
                    + " strings (one per column), got " + a);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : a) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("meta.json " + key + " must hold strings, got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    /**
     * Records the columns in a {@code meta.json} object.
     *
     * @param meta the object to add the four arrays to
     */
    public void writeTo(ObjectNode meta) {
        put(meta.putArray(INPUT_NAMES), inputNames);
        put(meta.putArray(INPUT_UNITS), inputUnits);
        put(meta.putArray(OUTPUT_NAMES), outputNames);
        put(meta.putArray(OUTPUT_UNITS), outputUnits);
    }

    private static void put(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
