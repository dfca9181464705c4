package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.fuzz.Fuzz;

/**
 * Property: {@link DatasetReader#read} of a data set directory (NPY or CSV, written by {@link DatasetWriter}) with
 * one file corrupted either refuses with a one-line {@link IllegalArgumentException} naming the directory and the
 * corrupted file, or returns a data set whose values are all finite, whose {@code meta.json} agrees with its arrays
 * and whose untouched arrays equal the original. CSV edits that keep the meaning (CRLF, a byte-order mark, quoted
 * or padded cells, blank lines around the table) read back the original; edits that break a cell (empty, NaN,
 * inf, 1e400, text, a cell more or less) are refused.
 */
class DatasetReaderFuzzTest {
    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final int N = 6;
    private static final int D = 3;
    private static final int M = 2;
    private static final int K = 2;
    private static final List<String> BAD_CELLS = List.of("", " ", "NaN", "nan", "-inf", "Infinity", "1e400",
            "-1e400", "abc", "1d", "0x10", "1,5", "\"\"", "--1", "1e", ".", "+");
    private static final List<String> STEMS = List.of("X", "Y", "dYdX", "gamma", "hessian", "directions", "hv");

    private static Dataset original;
    private static final Map<DatasetFormat, Path> ORIGINAL_DIRS = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeOriginals(@TempDir Path dir) {
        SplittableRandom r = new SplittableRandom(11);
        ObjectNode meta = LENIENT.createObjectNode().put("format", "sobolev-dataset").put("split", "train")
                .put("size", N).put("testSize", 3).put("seed", 11);
        meta.putObject("market").put("dimension", D).put("strike", 100.0);
        meta.putObject("secondOrder").put("kind", "pca").put("count", K);
        Columns.numbered("S", D, "price", "v", M, "price").writeTo(meta);
        original = Dataset.builder(N, D)
                .x(r.doubles((long) N * D, -50, 50).toArray())
                .y(r.doubles((long) N * M).toArray(), M)
                .dydx(r.doubles((long) N * M * D).toArray())
                .gamma(r.doubles(N).toArray())
                .hessian(r.doubles((long) N * D * D).toArray())
                .secondOrder(r.doubles((long) K * D).toArray(), K, r.doubles((long) N * K * D).toArray())
                .meta(meta)
                .build();
        for (DatasetFormat f : DatasetFormat.values()) {
            ORIGINAL_DIRS.put(f, DatasetWriter.write(dir.resolve(f.suffix()), f, original));
        }
    }

    @Test
    void corruptedNpyDataSetsAreRefusedOrReadCorrectly() {
        fuzz(DatasetFormat.NPY, 3003);
    }

    @Test
    void corruptedCsvDataSetsAreRefusedOrReadCorrectly() {
        fuzz(DatasetFormat.CSV, 4004);
    }

    @Test
    void meaningPreservingCsvEditsReadTheOriginal() throws IOException {
        Path dir = copy(DatasetFormat.CSV, "keep");
        Fuzz.run(5005, Math.max(1, Fuzz.cases() / 4), r -> {
            String stem = STEMS.get(r.nextInt(STEMS.size()));
            Path file = dir.resolve(stem + ".csv");
            byte[] saved = Files.readAllBytes(file);
            String edited = keepMeaning(new String(saved, StandardCharsets.ISO_8859_1), r);
            Files.write(file, edited.getBytes(StandardCharsets.ISO_8859_1));
            try {
                DatasetReaderTest.assertSame(original, DatasetReader.read(dir));
            } finally {
                Files.write(file, saved);
            }
        });
    }

    @Test
    void brokenCsvCellsAreRefusedNamingTheFile() throws IOException {
        Path dir = copy(DatasetFormat.CSV, "cells");
        Fuzz.run(6006, Math.max(1, Fuzz.cases() / 4), r -> {
            String stem = STEMS.get(r.nextInt(STEMS.size()));
            Path file = dir.resolve(stem + ".csv");
            byte[] saved = Files.readAllBytes(file);
            List<String> lines = new ArrayList<>(List.of(new String(saved, StandardCharsets.ISO_8859_1).split("\n")));
            int row = 1 + r.nextInt(lines.size() - 1);
            List<String> cells = new ArrayList<>(List.of(lines.get(row).split(",", -1)));
            int c = r.nextInt(cells.size());
            String what;
            switch (r.nextInt(3)) {
                case 0 -> {
                    String bad = BAD_CELLS.get(r.nextInt(BAD_CELLS.size()));
                    cells.set(c, bad);
                    what = "cell " + c + " of line " + (row + 1) + " set to '" + bad + "'";
                }
                case 1 -> {
                    cells.add(c, cells.get(c));
                    what = "cell " + c + " of line " + (row + 1) + " repeated";
                }
                default -> {
                    if (cells.size() == 1) {
                        cells.set(0, "");
                    } else {
                        cells.remove(c);
                    }
                    what = "cell " + c + " of line " + (row + 1) + " removed";
                }
            }
            lines.set(row, String.join(",", cells));
            Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                Throwable t = assertThrows(Throwable.class, () -> DatasetReader.read(dir), what);
                Fuzz.assertCleanRefusal(t, dir.toString(), stem + ".csv " + what);
                Fuzz.assertCleanRefusal(t, stem + ".csv", stem + ".csv " + what);
            } finally {
                Files.write(file, saved);
            }
        });
    }

    /** Each declared field of meta.json that contradicts the arrays is refused naming meta.json and the field. */
    @Test
    void metaContradictingTheArraysIsRefusedNamingTheField() throws IOException {
        Path dir = copy(DatasetFormat.NPY, "meta");
        Path file = dir.resolve("meta.json");
        ObjectNode meta = (ObjectNode) original.meta().orElseThrow();
        Map<String, java.util.function.Consumer<ObjectNode>> edits = new java.util.LinkedHashMap<>();
        edits.put("size", m -> m.put("size", N + 1));
        edits.put("testSize", m -> m.put("split", "test").put("testSize", N - 1));
        edits.put("dimension", m -> m.put("dimension", D + 1));
        edits.put("market.dimension", m -> ((ObjectNode) m.get("market")).put("dimension", D - 1));
        edits.put("secondOrder.count", m -> ((ObjectNode) m.get("secondOrder")).put("count", K + 5));
        edits.put("inputNames", m -> ((ArrayNode) m.get("inputNames")).add("S4"));
        edits.put("inputUnits", m -> ((ArrayNode) m.get("inputUnits")).remove(0));
        edits.put("outputNames", m -> ((ArrayNode) m.get("outputNames")).remove(0));
        edits.put("outputUnits", m -> ((ArrayNode) m.get("outputUnits")).add(""));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> e : edits.entrySet()) {
            ObjectNode bad = meta.deepCopy();
            e.getValue().accept(bad);
            Files.writeString(file, bad.toString());
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir),
                    e.getKey());
            assertTrue(x.getMessage().startsWith(file + ": " + e.getKey() + " "), x.getMessage());
        }
        Files.writeString(file, meta.deepCopy().put("size", "6").toString());
        assertEquals(file + ": size must be an integer, got \"6\"",
                assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir)).getMessage());
        Files.writeString(file, "{\"size\": 6, \"size\": 7}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir)).getMessage()
                .startsWith(file + " is not valid JSON: Duplicate field 'size'"));
        Files.writeString(file, "{\"size\": 6} {}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir)).getMessage()
                .startsWith(file + " is not valid JSON: "));
        Files.writeString(file, "{\"strike\": 1e400}");
        assertEquals(file + ": strike holds a number beyond the range of a double",
                assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir)).getMessage());
        Files.writeString(file, "{\"inputNames\": [\"a\", \"a\", \"b\"]}");
        assertEquals(file + ": inputNames[1] repeats the name 'a'",
                assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir)).getMessage());
    }

    private void fuzz(DatasetFormat format, long seed) {
        Path dir;
        try {
            dir = copy(format, "fuzz");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> names = new ArrayList<>();
        for (String stem : STEMS) {
            names.add(format.fileName(stem));
        }
        names.add("meta.json");
        Fuzz.run(seed, r -> {
            String name = names.get(r.nextInt(names.size()));
            Path file = dir.resolve(name);
            byte[] saved = Files.readAllBytes(file);
            Fuzz.Mutant m;
            if (name.equals("meta.json") && r.nextBoolean()) {
                m = metaEdit(r);
            } else if (r.nextInt(10) == 0) {
                String other = names.get(r.nextInt(names.size()));
                m = new Fuzz.Mutant(Files.readAllBytes(dir.resolve(other)), "replaced by " + other);
            } else {
                m = Fuzz.bytes(saved, r);
            }
            Files.write(file, m.bytes());
            try {
                check(dir, name, m);
            } finally {
                Files.write(file, saved);
            }
        });
    }

    private static void check(Path dir, String name, Fuzz.Mutant m) {
        Dataset ds;
        String context = name + ": " + m.description();
        try {
            ds = DatasetReader.read(dir);
        } catch (Throwable t) {
            Fuzz.assertCleanRefusal(t, dir.toString(), context);
            Fuzz.assertCleanRefusal(t, name, context);
            return;
        }
        for (double[] a : List.of(ds.xArray(), ds.yArray(), ds.dydxArray(), ds.gammaArray(), ds.hessianArray(),
                ds.directionsArray(), ds.hvArray())) {
            for (double v : a == null ? new double[0] : a) {
                assertTrue(Double.isFinite(v), context + ": accepted " + v);
            }
        }
        JsonNode meta = ds.meta().orElse(null);
        if (meta != null) {
            assertDeclared(meta.get("size"), ds.rows(), context);
            assertDeclared(meta.path("market").get("dimension"), ds.inputDim(), context);
            assertDeclared(meta.path("secondOrder").get("count"), ds.directionCount(), context);
            Columns c = Columns.of(ds);
            assertEquals(ds.inputDim(), c.inputNames().size(), context);
            assertEquals(ds.outputs(), c.outputNames().size(), context);
        }
        String stem = name.substring(0, name.indexOf('.'));
        Dataset o = original;
        if (!stem.equals("X")) {
            TestFiles.assertBitsEqual(o.xArray(), ds.xArray());
        }
        if (!stem.equals("Y")) {
            TestFiles.assertBitsEqual(o.yArray(), ds.yArray());
        }
        if (!stem.equals("dYdX")) {
            TestFiles.assertBitsEqual(o.dydxArray(), ds.dydxArray());
        }
        if (!stem.equals("gamma")) {
            TestFiles.assertBitsEqual(o.gammaArray(), ds.gammaArray());
        }
        if (!stem.equals("hessian")) {
            TestFiles.assertBitsEqual(o.hessianArray(), ds.hessianArray());
        }
        if (!stem.equals("directions")) {
            TestFiles.assertBitsEqual(o.directionsArray(), ds.directionsArray());
        }
        if (!stem.equals("hv")) {
            TestFiles.assertBitsEqual(o.hvArray(), ds.hvArray());
        }
    }

    private static void assertDeclared(JsonNode declared, long actual, String context) {
        if (declared != null && !declared.isNull()) {
            assertEquals(actual, declared.longValue(), context);
        }
    }

    /** A meta.json edit: a field's type or value, a key repeated, raw NaN or 1e400, deep nesting, another root. */
    private static Fuzz.Mutant metaEdit(SplittableRandom r) {
        ObjectNode meta = ((ObjectNode) original.meta().orElseThrow()).deepCopy();
        List<String> fields = List.of("size", "testSize", "split", "dimension", "market", "secondOrder",
                "inputNames", "inputUnits", "outputNames", "outputUnits", "seed");
        String field = fields.get(r.nextInt(fields.size()));
        String[] values = {"null", "true", "\"6\"", "6.0", "6.5", "-1", "0", "7", "5", "3", "2", "1e400", "-1e400",
            "NaN", "Infinity", "99999999999999999999999", "[]", "{}", "[\"a\"]", "[\"a\", \"b\"]",
            "[\"S1\", \"S2\", \"S3\"]", "[\"v1\", \"v2\"]", "[1, 2, 3]", "[\"a\", \"a\", \"b\"]", "[\"\", \"b\", \"c\"]",
            "{\"dimension\": 4}", "{\"count\": 3}", "{\"count\": \"2\"}", "\"test\""};
        String value = values[r.nextInt(values.length)];
        String marker = "\"@@VALUE@@\"";
        String text;
        String what;
        switch (r.nextInt(6)) {
            case 0 -> {
                meta.put(field, "@@VALUE@@");
                text = meta.toString().replace(marker, value);
                what = field + " = " + value;
            }
            case 1 -> {
                text = meta.toString().replaceFirst("\\{", "{\"" + field + "\": " + value + ", ");
                what = field + " repeated as " + value;
            }
            case 2 -> {
                meta.remove(field);
                text = meta.toString();
                what = field + " removed";
            }
            case 3 -> {
                int depth = 1 + r.nextInt(3000);
                meta.put("deep", "@@VALUE@@");
                text = meta.toString().replace(marker, "[".repeat(depth) + "]".repeat(depth));
                what = "nesting " + depth + " deep";
            }
            case 4 -> {
                text = value;
                what = "root " + value;
            }
            default -> {
                text = meta.toString() + (r.nextBoolean() ? " {}" : "\n" + value);
                what = "text after the object";
            }
        }
        return new Fuzz.Mutant(text.getBytes(StandardCharsets.UTF_8), "meta edit: " + what);
    }

    /** CSV edits that must not change what is read. */
    private static String keepMeaning(String csv, SplittableRandom r) {
        String s = csv;
        int edits = 1 + r.nextInt(3);
        boolean bom = false;
        for (int e = 0; e < edits; e++) {
            switch (r.nextInt(6)) {
                case 0 -> s = s.replace("\r\n", "\n").replace("\n", "\r\n");
                case 1 -> bom = true;
                case 2 -> s = quoteCells(s, r);
                case 3 -> s = s.replace(",", r.nextBoolean() ? " , " : ",\t");
                case 4 -> s = "\n".repeat(r.nextInt(3)) + s + "\n".repeat(1 + r.nextInt(3));
                default -> s = s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n")
                        ? s.substring(0, s.length() - 1) : s;
            }
        }
        return bom ? "\u00EF\u00BB\u00BF" + s : s; // a byte-order mark is one only at the start of the file
    }

    private static String quoteCells(String csv, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i <= csv.length(); i++) {
            char c = i < csv.length() ? csv.charAt(i) : ',';
            if (c == ',' || c == '\n' || c == '\r') {
                String v = cell.toString();
                sb.append(!v.isBlank() && !v.contains("\"") && r.nextBoolean() ? "\"" + v + "\"" : v);
                cell.setLength(0);
                if (i < csv.length()) {
                    sb.append(c);
                }
            } else {
                cell.append(c);
            }
        }
        return sb.toString();
    }

    private Path copy(DatasetFormat format, String name) throws IOException {
        Path to = Files.createDirectory(tmp.resolve(name));
        List<Path> files;
        try (Stream<Path> s = Files.list(ORIGINAL_DIRS.get(format))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }
}
