package dev.sobolev.core.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a dataset directory (NPY or CSV, see the {@linkplain dev.sobolev.core.dataset package docs}) into a
 * validated {@link Dataset}.
 *
 * <p>The format is detected from {@code X.npy} or {@code X.csv}. {@code X} and {@code Y} are required, everything
 * else optional ({@code directions} and {@code hv} only together), {@code meta.json} too. Shapes must agree and
 * every value must be finite; messages name the file, the 1-based row (and for CSV the line) and the column.
 * For CSV the column counts give the trailing dimensions: d from X, m from Y, then dYdX needs m&middot;d columns,
 * hessian d&middot;d, directions d (one row per direction) and hv k&middot;d.
 */
public final class DatasetReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
            boolean ok = dydx.matches(n, m * d) && (m == 1 || l.format == DatasetFormat.CSV)
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
            if (!(hessian.matches(n, d, d) || l.format == DatasetFormat.CSV && hessian.matches(n, d * d))) {
                throw l.error(l.format == DatasetFormat.CSV
                        ? hessian.name + " has " + hessian.shape[1] + " columns but " + (long) d * d + " (= " + d
                        + " x " + d + " inputs in " + x.name + ") are expected"
                        : hessian.name + " has shape " + hessian.shape() + " but " + Npy.shapeString(n, d, d)
                        + " is expected");
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
            if (!(hv.matches(n, k, d) || l.format == DatasetFormat.CSV && hv.matches(n, k * d))) {
                throw l.error(l.format == DatasetFormat.CSV
                        ? hv.name + " has " + hv.shape[1] + " columns but " + (long) k * d + " are expected (" + k
                        + " directions in " + directions.name + " times " + d + " inputs)"
                        : hv.name + " has shape " + hv.shape() + " but " + Npy.shapeString(n, k, d) + " is expected");
            }
        }
        JsonNode meta = l.meta();
        return new Dataset(n, d, m, k, x.data, y.data, data(dydx), data(gamma), data(hessian), data(directions),
                data(hv), meta, false);
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

        boolean matches(int... s) {
            return java.util.Arrays.equals(shape, s);
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

        JsonNode meta() {
            Path file = dir.resolve("meta.json");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage()
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
    }
}
