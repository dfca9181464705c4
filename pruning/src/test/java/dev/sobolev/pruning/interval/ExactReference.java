package dev.sobolev.pruning.interval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact reference values of {@code activation-reference.csv} (mpmath at 420 digits, written by
 * {@code pruning/src/test/python/activation_reference.py}), each turned into its double bracket: the largest double
 * ≤ the true value and the smallest double ≥ it. An enclosure [lo, hi] of doubles contains the true value exactly
 * when lo ≤ bracketLo and hi ≥ bracketHi, so the comparisons need no decimal arithmetic.
 */
final class ExactReference {
    /** One column: per row the point x and the bracket of f(x); NaN brackets for empty cells. */
    record Column(String name, double[] x, double[] lo, double[] hi) {
        int size() {
            return x.length;
        }
    }

    private static final Map<String, Column> COLUMNS = load();

    private ExactReference() {
    }

    static Column column(String name) {
        Column c = COLUMNS.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no reference column " + name + "; have " + COLUMNS.keySet());
        }
        return c;
    }

    /** The column of σ⁽ᵏ⁾ for an activation name such as "silu". */
    static Column column(String activation, int order) {
        return column(activation + order);
    }

    /** [largest double ≤ v, smallest double ≥ v], robust to the rounding of BigDecimal.doubleValue(). */
    static double[] bracket(BigDecimal v) {
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
            d = Math.copySign(Double.MAX_VALUE, d);
        }
        while (new BigDecimal(d).compareTo(v) > 0) {
            d = Math.nextDown(d);
        }
        while (Double.isFinite(Math.nextUp(d)) && new BigDecimal(Math.nextUp(d)).compareTo(v) <= 0) {
            d = Math.nextUp(d);
        }
        boolean exact = new BigDecimal(d).compareTo(v) == 0;
        return new double[] {d, exact ? d : Math.nextUp(d)};
    }

    private static Map<String, Column> load() {
        try (InputStream in = ExactReference.class.getResourceAsStream("activation-reference.csv")) {
            if (in == null) {
                throw new IllegalStateException("activation-reference.csv is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = null;
            List<String[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = cells;
                } else {
                    rows.add(cells);
                }
            }
            if (header == null) {
                throw new IllegalStateException("activation-reference.csv has no header");
            }
            Map<String, Column> out = new LinkedHashMap<>();
            for (int c = 1; c < header.length; c++) {
                double[] x = new double[rows.size()];
                double[] lo = new double[rows.size()];
                double[] hi = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    String[] row = rows.get(i);
                    x[i] = Double.parseDouble(row[0]);
                    if (row[c].isEmpty()) {
                        lo[i] = Double.NaN;
                        hi[i] = Double.NaN;
                    } else {
                        double[] b = bracket(new BigDecimal(row[c]));
                        lo[i] = b[0];
                        hi[i] = b[1];
                    }
                }
                out.put(header[c], new Column(header[c], x, lo, hi));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
