package dev.sobolev.core.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import dev.sobolev.core.Printable;

/**
 * Loads a dataset directory (NPY or CSV, see the {@linkplain dev.sobolev.core.dataset package docs}) into a
 * validated {@link Dataset}.
 *
 * <p>The format is detected from {@code X.npy} or {@code X.csv}. {@code X} and {@code Y} are required, everything
 * else optional ({@code directions} and {@code hv} only together), {@code meta.json} too. Shapes must agree and
 * every value must be finite; messages name the file, the 1-based row (and for CSV the line) and the column.
 * For CSV the column counts give the trailing dimensions: d from X, m from Y, then dYdX needs m&middot;d columns,
 * hessian d&middot;d, directions d (one row per direction) and hv k&middot;d.
 *
 * <p>{@code meta.json} must hold a JSON object without repeated keys. Where it declares the shape of the data it
 * must agree with the arrays: {@code size} (and {@code testSize} of a {@code "split": "test"} set) is n,
 * {@code dimension} and {@code market.dimension} are d, {@code secondOrder.count} is k, and
 * {@value Columns#INPUT_NAMES}, {@value Columns#INPUT_UNITS}, {@value Columns#OUTPUT_NAMES} and
 * {@value Columns#OUTPUT_UNITS} hold d, d, m and m strings (see {@link Columns}). A number beyond the range of a
 * double (1e400) is refused wherever it stands.
 */
public final class DatasetReader {

    /** Refuses duplicate keys and text after the top-level value, which a lenient parser would drop silently. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DatasetReader() {
    }

    /**
     * Detects the format of a dataset directory.
     *
     * @param dir the directory
     * @return {@link DatasetFormat#NPY} if it holds {@code X.npy}, {@link DatasetFormat#CSV} if {@code X.csv}
     * @throws IllegalArgumentException if the directory is missing, holds neither or both
     */
    public static DatasetFormat detectFormat(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("dataset directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory, so not a dataset directory");
        }
        boolean npy = Files.isRegularFile(dir.resolve("X.npy"));
        boolean csv = Files.isRegularFile(dir.resolve("X.csv"));
        if (npy && csv) {
            throw new IllegalArgumentException(dir + " holds both X.npy and X.csv; keep one format per directory");
        }
        if (!npy && !csv) {
            throw new IllegalArgumentException(dir + " holds no X.npy or X.csv: not a dataset directory");
        }
        return npy ? DatasetFormat.NPY : DatasetFormat.CSV;
    }

    /**
     * Reads and validates a dataset directory.
     *
     * @param dir the directory (for a test set, e.g. {@code run/test})
     * @return the data set, with {@code meta.json} if present
     * @throws IllegalArgumentException if the directory is not a valid dataset directory; the message names the
     *                                  offending file(s), and for bad values the row, line and column
     * @throws UncheckedIOException     on I/O errors
     */
    public static Dataset read(Path dir) {
        DatasetFormat format = detectFormat(dir);
        Loader l = new Loader(dir, format);
        Table x = l.load("X", true);
        Table y = l.load("Y", true);
        Table dydx = l.load("dYdX", false);
        Table gamma = l.load("gamma", false);
        Table hessian = l.load("hessian", false);
        Table directions = l.load("directions", false);
        Table hv = l.load("hv", false);

        if (x.rank() != 2) {
            throw l.error(x.name + " must be 2-D (samples x inputs) but has shape " + x.shape());
        }
        int n = x.shape[0];
        int d = x.shape[1];
        l.sameRows(x, y);
        int m;
        if (y.rank() == 1) {
            m = 1;
        } else if (y.rank() == 2) {
            m = y.shape[1];
            if (m < 1) {
                throw l.error(y.name + " has shape " + y.shape() + ": at least one output is needed");
            }
        } else {
            throw l.error(y.name + " must be 1-D (n) or 2-D (n x m) but has shape " + y.shape());
        }
        if (dydx != null) {
            l.sameRows(x, dydx);
            boolean ok = dydx.matches(n, (long) m * d) && (m == 1 || l.format == DatasetFormat.CSV)
                    || dydx.matches(n, m, d);
            if (!ok) {
                throw l.error(l.format == DatasetFormat.CSV
                        ? dydx.name + " has " + dydx.shape[1] + " columns but " + (long) m * d + " are expected ("
                        + m + " outputs in " + y.name + " times " + d + " inputs in " + x.name + ")"
                        : dydx.name + " has shape " + dydx.shape() + " but " + x.name + " and " + y.name + " require "
                        + (m == 1 ? Npy.shapeString(n, d) + " or " : "") + Npy.shapeString(n, m, d));
            }
        }
        if (gamma != null) {
            l.sameRows(x, gamma);
            if (!(gamma.matches(n) || gamma.matches(n, 1))) {
                throw l.error(gamma.name + " has shape " + gamma.shape() + " but one value per sample is expected");
            }
        }
        if (hessian != null) {
            l.sameRows(x, hessian);
            if (!(hessian.matches(n, d, d) || l.format == DatasetFormat.CSV && hessian.matches(n, (long) d * d))) {
                throw l.error(l.format == DatasetFormat.CSV
                        ? hessian.name + " has " + hessian.shape[1] + " columns but " + (long) d * d + " (= " + d
                        + " x " + d + " inputs in " + x.name + ") are expected"
                        : hessian.name + " has shape " + hessian.shape() + " but " + Npy.shapeString(n, d, d)
                        + " is expected (" + d + " inputs in " + x.name + ")");
            }
        }
        if ((directions == null) != (hv == null)) {
            throw l.error(directions == null
                    ? hv.name + " is present but " + l.fileName("directions") + " is missing; second-order labels"
                    + " need both"
                    : directions.name + " is present but " + l.fileName("hv") + " is missing; second-order labels"
                    + " need both");
        }
        int k = 0;
        if (directions != null) {
            if (directions.rank() != 2 || directions.shape[1] != d) {
                throw l.error(directions.name + " has shape " + directions.shape() + " but must be k x " + d
                        + " (one row per direction, " + d + " inputs as in " + x.name + ")");
            }
            k = directions.shape[0];
            l.sameRows(x, hv);
            if (!(hv.matches(n, k, d) || l.format == DatasetFormat.CSV && hv.matches(n, (long) k * d))) {
                throw l.error(l.format == DatasetFormat.CSV
                        ? hv.name + " has " + hv.shape[1] + " columns but " + (long) k * d + " are expected (" + k
                        + " directions in " + directions.name + " times " + d + " inputs)"
                        : hv.name + " has shape " + hv.shape() + " but " + Npy.shapeString(n, k, d) + " is expected ("
                        + k + " directions in " + directions.name + ", " + d + " inputs in " + x.name + ")");
            }
        }
        JsonNode meta = l.meta();
        if (meta != null) {
            l.checkMeta(meta, n, d, m, k, x.name, y.name);
        }
        Dataset ds = new Dataset(n, d, m, k, x.data, y.data, data(dydx), data(gamma), data(hessian), data(directions),
                data(hv), meta, false);
        if (meta != null) {
            try {
                Columns.of(ds);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(l.metaFile() + ": " + Printable.oneLine(e.getMessage()), e);
            }
        }
        return ds;
    }

    private static double[] data(Table t) {
        return t == null ? null : t.data;
    }

    /** A loaded array with its logical shape. */
    private static final class Table {
        final String name;
        final int[] shape;
        final double[] data;

        Table(String name, int[] shape, double[] data) {
            this.name = name;
            this.shape = shape;
            this.data = data;
        }

        int rank() {
            return shape.length;
        }

        String shape() {
            return Npy.shapeString(shape);
        }

        boolean matches(long... s) {
            if (s.length != shape.length) {
                return false;
            }
            for (int i = 0; i < s.length; i++) {
                if (shape[i] != s[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Loads the files of one directory. */
    private static final class Loader {
        final Path dir;
        final DatasetFormat format;

        Loader(Path dir, DatasetFormat format) {
            this.dir = dir;
            this.format = format;
        }

        String fileName(String stem) {
            return format.fileName(stem);
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("dataset " + dir + ": " + message);
        }

        void sameRows(Table x, Table other) {
            int nx = x.shape.length == 0 ? 1 : x.shape[0];
            int no = other.shape.length == 0 ? 1 : other.shape[0];
            if (other.rank() == 0 || nx != no) {
                throw error(x.name + " has " + nx + " rows but " + other.name + " has "
                        + (other.rank() == 0 ? "shape ()" : no + " rows")
                        + "; every array needs one row per sample");
            }
        }

        Table load(String stem, boolean required) {
            String name = fileName(stem);
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                DatasetFormat other = format == DatasetFormat.NPY ? DatasetFormat.CSV : DatasetFormat.NPY;
                if (Files.isRegularFile(dir.resolve(other.fileName(stem)))) {
                    throw error("it holds " + other.fileName(stem) + " but its format is " + format.suffix()
                            + " (from X." + format.suffix() + "); convert it to " + name);
                }
                if (required) {
                    throw error(fileName("X") + " is present but " + name + " is missing");
                }
                return null;
            }
            String display = file.toString();
            if (format == DatasetFormat.CSV) {
                Csv.Table t = Csv.read(file, display);
                return new Table(name, new int[] {t.rows, t.cols}, t.data);
            }
            Npy.NdArray a = Npy.read(file);
            int[] shape = a.shape();
            double[] v = a.rawData();
            int perRow = 1;
            for (int i = 1; i < shape.length; i++) {
                perRow *= shape[i];
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    int row = i / perRow + 1;
                    int rem = i % perRow;
                    String where;
                    if (shape.length <= 1) {
                        where = "";
                    } else if (shape.length == 2) {
                        where = ", column " + (rem + 1);
                    } else {
                        int[] idx = new int[shape.length - 1];
                        for (int a2 = shape.length - 1; a2 >= 1; a2--) {
                            idx[a2 - 1] = rem % shape[a2] + 1;
                            rem /= shape[a2];
                        }
                        StringBuilder sb = new StringBuilder(", entry [");
                        for (int j = 0; j < idx.length; j++) {
                            sb.append(j > 0 ? ", " : "").append(idx[j]);
                        }
                        where = sb.append(']').toString();
                    }
                    throw new IllegalArgumentException(display + " row " + row + where + ": "
                            + (Double.isNaN(v[i]) ? "NaN" : v[i] > 0 ? "Infinity" : "-Infinity") + " is not allowed");
                }
            }
            return new Table(name, shape, v);
        }

        Path metaFile() {
            return dir.resolve("meta.json");
        }

        JsonNode meta() {
            Path file = metaFile();
            if (!Files.exists(file)) {
                return null;
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a regular file; meta.json must be a JSON object"
                        + " (or be removed)");
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " is not valid JSON: " + Printable.oneLine(e.getOriginalMessage())
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")"), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(file + " is empty; it must hold a JSON object (or be removed)");
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(file + " must hold a JSON object but holds a "
                        + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
            }
            return node;
        }

        /** Refuses a meta.json whose declared size, dimensions or column lists contradict the arrays. */
        void checkMeta(JsonNode meta, int n, int d, int m, int k, String xName, String yName) {
            checkFinite(meta, "");
            declared(meta, "size", n, xName + " has " + n + " rows");
            if ("test".equals(meta.path("split").asText(null))) {
                declared(meta, "testSize", n, "this test set's " + xName + " has " + n + " rows");
            }
            declared(meta, "dimension", d, xName + " has " + d + " inputs");
            JsonNode market = meta.get("market");
            if (market != null && market.isObject()) {
                declared(market, "market.dimension", "dimension", d, xName + " has " + d + " inputs");
            }
            JsonNode secondOrder = meta.get("secondOrder");
            if (secondOrder != null && secondOrder.isObject()) {
                declared(secondOrder, "secondOrder.count", "count", k, k == 0 ? "the data set has no "
                        + fileName("directions") : fileName("directions") + " holds " + k + " directions");
            }
            names(meta, Columns.INPUT_NAMES, d, xName + " has " + d + " inputs");
            names(meta, Columns.INPUT_UNITS, d, xName + " has " + d + " inputs");
            names(meta, Columns.OUTPUT_NAMES, m, yName + " has " + m + (m == 1 ? " output" : " outputs"));
            names(meta, Columns.OUTPUT_UNITS, m, yName + " has " + m + (m == 1 ? " output" : " outputs"));
        }

        /** Refuses a number that overflowed to infinity when parsed (1e400): JSON has no infinite numbers. */
        private void checkFinite(JsonNode node, String path) {
            if (node.isNumber() && !Double.isFinite(node.asDouble()) && !node.isBigInteger()) {
                throw new IllegalArgumentException(metaFile() + ": " + path + " holds a number beyond the range of a"
                        + " double");
            }
            if (node.isObject()) {
                for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    java.util.Map.Entry<String, JsonNode> e = it.next();
                    checkFinite(e.getValue(), path.isEmpty() ? Printable.of(e.getKey(), 80)
                            : path + "." + Printable.of(e.getKey(), 80));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkFinite(node.get(i), path + "[" + i + "]");
                }
            }
        }

        private void declared(JsonNode meta, String key, long actual, String fact) {
            declared(meta, key, key, actual, fact);
        }

        private void declared(JsonNode object, String field, String key, long actual, String fact) {
            JsonNode v = object.get(key);
            if (v == null || v.isNull()) {
                return;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException(metaFile() + ": " + field + " must be an integer, got "
                        + Printable.of(v.toString(), 80));
            }
            if (v.longValue() != actual) {
                throw new IllegalArgumentException(metaFile() + ": " + field + " is " + v.longValue() + " but " + fact);
            }
        }

        private void names(JsonNode meta, String key, int count, String fact) {
            JsonNode a = meta.get(key);
            if (a == null || a.isNull()) {
                return;
            }
            if (!a.isArray()) {
                throw new IllegalArgumentException(metaFile() + ": " + key + " must be an array of " + count
                        + " strings, got " + Printable.of(a.toString(), 80));
            }
            if (a.size() != count) {
                throw new IllegalArgumentException(metaFile() + ": " + key + " holds " + a.size() + " entries but "
                        + fact);
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isTextual()) {
                    throw new IllegalArgumentException(metaFile() + ": " + key + "[" + i + "] must be a string, got "
                            + Printable.of(a.get(i).toString(), 80));
                }
            }
        }
    }
}
