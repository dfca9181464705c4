package dev.sobolev.surrogate.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.fuzz.Fuzz;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

/**
 * Property: {@link ModelFile#read} of a corrupted model file (bytes, or one JSON value: its type, a huge or
 * overflowing number, raw NaN, deep nesting, a repeated or missing key, the version) either refuses with a one-line
 * {@link IllegalArgumentException} naming the file, or returns a model that is exactly what the file says: its
 * version, widths, parameters and normalisation as the JSON text holds them, every value finite.
 */
class ModelFileFuzzTest {
    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final String MARKER = "\"@@VALUE@@\"";
    private static final String[] VALUES = {"null", "true", "\"x\"", "\"1\"", "\"silu\"", "0", "1", "2", "3", "-1",
        "1.9", "1.0", "3.5", "-0.0", "1e400", "-1e400", "1e-400", "99999999999999999999", "2147483648", "NaN",
        "Infinity", "[]", "{}", "[1, 2]", "[\"a\"]", "{\"a\": 1}", "0.1", "-7.25"};

    private static String original;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeOriginal(@TempDir Path dir) throws Exception {
        int[] w = {3, 4, 2};
        SplittableRandom r = new SplittableRandom(5);
        double[] p = r.doubles(Mlp.parameterCount(w), -1, 1).toArray();
        Surrogate model = new Surrogate(new Mlp(w, Activation.SILU, Activation.SOFTPLUS, p),
                new Normalisation(new double[] {1, 2, 3}, new double[] {0.5, 1, 2}, new double[] {0.1, 0.2},
                        new double[] {3, 4}));
        ModelSchema schema = new ModelSchema(List.of(new InputSpec("S1", "price", 0.5, 1.5, 1.0, 0.25),
                InputSpec.unknown("rate", ""), new InputSpec("S3", "price", -0.1, 2.0, 0.9, 0.375)),
                List.of(new OutputSpec("price", "price"), new OutputSpec("vega", "price per vol")));
        ObjectNode provenance = LENIENT.createObjectNode().put("seed", 5);
        provenance.putObject("data").put("size", 100);
        original = Files.readString(ModelFile.write(model, schema, provenance, dir.resolve("model.json")));
    }

    @Test
    void corruptedModelFilesAreRefusedOrReadAsTheirTextSays() {
        Path file = tmp.resolve("model.json");
        Fuzz.run(1234, r -> {
            Fuzz.Mutant m = r.nextInt(3) == 0
                    ? Fuzz.bytes(original.getBytes(StandardCharsets.UTF_8), r) : jsonEdit(r);
            Files.write(file, m.bytes());
            check(file, m);
        });
    }

    @Test
    void versionsOtherThanTheIntegersOneAndTwoAreRefused() {
        Path file = tmp.resolve("version.json");
        Fuzz.run(4321, Math.max(1, Fuzz.cases() / 4), r -> {
            String v = VALUES[r.nextInt(VALUES.length)];
            ObjectNode root = (ObjectNode) LENIENT.readTree(original);
            root.put("version", "@@VALUE@@");
            Files.writeString(file, root.toString().replace(MARKER, v));
            if (v.equals("1") || v.equals("2")) {
                assertEquals(Integer.parseInt(v), ModelFile.read(file).version());
            } else {
                Throwable t = assertThrows(Throwable.class, () -> ModelFile.read(file), v);
                Fuzz.assertCleanRefusal(t, file.toString(), "version " + v);
                assertTrue(t.getMessage().contains("this build reads versions 1 and 2")
                        || t.getMessage().contains(" is not valid JSON"), t.getMessage());
            }
        });
    }

    /** A width written as 3.5 was read as 3. */
    @Test
    void regressionFractionalWidthIsRefused() throws Exception {
        Path file = tmp.resolve("w.json");
        Files.writeString(file, original.replaceFirst("\"widths\" : \\[ 3,", "\"widths\" : [ 3.5,"));
        assertEquals("model file " + file + " is inconsistent: architecture.widths[0] must be an integer, got 3.5",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file)).getMessage());
    }

    /** A normalisation mean written as 1e400 was read as Infinity and accepted. */
    @Test
    void regressionOverflowingNumberIsRefusedWhereItStands() throws Exception {
        Path file = tmp.resolve("p.json");
        ObjectNode root = (ObjectNode) LENIENT.readTree(original);
        ((ArrayNode) root.get("normalisation").get("xMean")).set(1, LENIENT.getNodeFactory().textNode("@@VALUE@@"));
        Files.writeString(file, root.toString().replace(MARKER, "1e400"));
        assertEquals("model file " + file + " is inconsistent: normalisation.xMean[1] is beyond the range of a double",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file)).getMessage());
    }

    /** A repeated key was read as its last value, text after the object was ignored. */
    @Test
    void regressionRepeatedKeysAndTrailingTextAreRefused() throws Exception {
        Path file = tmp.resolve("k.json");
        Files.writeString(file, original.replaceFirst("\\{", "{\"version\": 1, "));
        String m = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file)).getMessage();
        assertTrue(m.startsWith("model file " + file + " is not valid JSON (line ") && m.contains("Duplicate field"
                + " 'version'"), m);
        Files.writeString(file, original + "}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file)).getMessage()
                .startsWith("model file " + file + " is not valid JSON"));
    }

    /** JSON nested deeper than the parser allows has no location: reading it was a NullPointerException. */
    @Test
    void regressionDeepNestingIsRefused() throws Exception {
        Path file = tmp.resolve("deep.json");
        Files.writeString(file, original.replace("\"seed\" : 5", "\"seed\" : " + "[".repeat(2000) + "]".repeat(2000)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().startsWith("model file " + file + " is not valid JSON"), e.getMessage());
    }

    /** A directory given as the model file was an UncheckedIOException. */
    @Test
    void regressionDirectoryIsRefusedByName() {
        assertEquals("model file " + tmp + " is a directory, not a file",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(tmp)).getMessage());
    }

    /** A bad activation in the file was reported as the command line's --activation option. */
    @Test
    void regressionActivationIsNamedAsTheFileField() throws Exception {
        Path file = tmp.resolve("a.json");
        Files.writeString(file, original.replace("\"activation\" : \"silu\"", "\"activation\" : \"swish\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file));
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("model file " + file + ": architecture.activation must be"
                + " one of "), e.getMessage());
    }

    private static void check(Path file, Fuzz.Mutant m) throws Exception {
        ModelFile.Loaded loaded;
        try {
            loaded = ModelFile.read(file);
        } catch (Throwable t) {
            Fuzz.assertCleanRefusal(t, file.toString(), m.description());
            return;
        }
        JsonNode root = LENIENT.readTree(m.bytes());
        String c = m.description();
        assertEquals(root.get("version").intValue(), loaded.version(), c);
        Mlp net = loaded.model().network();
        JsonNode widths = root.get("architecture").get("widths");
        assertArrayEquals(ints(widths), net.widths(), c);
        assertArrayEquals(doubles(root.get("parameters")), net.parameters(), c);
        Normalisation n = loaded.model().normalisation();
        JsonNode norm = root.get("normalisation");
        assertArrayEquals(doubles(norm.get("xMean")), n.xMean(), c);
        assertArrayEquals(doubles(norm.get("xStd")), n.xStd(), c);
        assertArrayEquals(doubles(norm.get("yMean")), n.yMean(), c);
        assertArrayEquals(doubles(norm.get("yStd")), n.yStd(), c);
        for (double v : net.parameters()) {
            assertTrue(Double.isFinite(v), c);
        }
        if (loaded.version() == 2) {
            for (int j = 0; j < loaded.schema().inputs().size(); j++) {
                assertEquals(root.get("inputs").get(j).get("name").asText(), loaded.schema().inputs().get(j).name(), c);
            }
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            assertTrue(a.get(i).isIntegralNumber(), "accepted width " + a.get(i));
            out[i] = a.get(i).intValue();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** One edit of the JSON: a value replaced (raw text), removed, repeated, nested deeply, or a key added. */
    private static Fuzz.Mutant jsonEdit(SplittableRandom r) throws Exception {
        JsonNode root = LENIENT.readTree(original);
        List<JsonNode[]> slots = new ArrayList<>();
        collect(root, slots);
        JsonNode[] slot = slots.get(r.nextInt(slots.size()));
        JsonNode parent = slot[0];
        String key = slot[1].asText();
        String value = VALUES[r.nextInt(VALUES.length)];
        String what;
        String text;
        switch (r.nextInt(5)) {
            case 0, 1 -> {
                set(parent, key, LENIENT.getNodeFactory().textNode("@@VALUE@@"));
                text = root.toString().replace(MARKER, value);
                what = key + " = " + value;
            }
            case 2 -> {
                if (parent.isObject()) {
                    ((ObjectNode) parent).remove(key);
                } else {
                    ((ArrayNode) parent).remove(Integer.parseInt(key));
                }
                text = root.toString();
                what = key + " removed";
            }
            case 3 -> {
                int depth = 1 + r.nextInt(3000);
                set(parent, key, LENIENT.getNodeFactory().textNode("@@VALUE@@"));
                text = root.toString().replace(MARKER, "[".repeat(depth) + "]".repeat(depth));
                what = key + " nested " + depth + " deep";
            }
            default -> {
                if (parent.isObject()) {
                    ((ObjectNode) parent).put("@@KEY@@", 0);
                    text = root.toString().replace("\"@@KEY@@\":0", "\"" + key + "\":" + value);
                    what = key + " repeated as " + value;
                } else {
                    ((ArrayNode) parent).insert(Integer.parseInt(key), LENIENT.getNodeFactory().textNode("@@VALUE@@"));
                    text = root.toString().replace(MARKER, value);
                    what = value + " inserted at " + key;
                }
            }
        }
        return new Fuzz.Mutant(text.getBytes(StandardCharsets.UTF_8), "json edit: " + what);
    }

    /** Every (container, key or index) pair of the tree. */
    private static void collect(JsonNode node, List<JsonNode[]> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                out.add(new JsonNode[] {node, LENIENT.getNodeFactory().textNode(k)});
                collect(node.get(k), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new JsonNode[] {node, LENIENT.getNodeFactory().textNode(Integer.toString(i))});
                collect(node.get(i), out);
            }
        }
    }

    private static void set(JsonNode parent, String key, JsonNode value) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(key, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(key), value);
        }
    }
}
