package dev.sobolev.core.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.sobolev.core.Printable;

/** Package-private CSV codec: header names for writing, a validating numeric table reader. */
final class Csv {

    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** The most characters of a cell quoted in a message. */
    private static final int CELL_SHOWN_MAX = 80;

    private Csv() {
    }

    /** A numeric table read from a CSV file. */
    static final class Table {
        final int rows;
        final int cols;
        final double[] data;
        final boolean header;
        /** Column names from the header row, or null without a header. */
        final String[] names;

        Table(int rows, int cols, double[] data, String[] names) {
            this.rows = rows;
            this.cols = cols;
            this.data = data;
            this.header = names != null;
            this.names = names;
        }
    }

    /**
     * Column names for an array stem: {@code x1..xd}, {@code y}, {@code y1..ym}, {@code dydx1_1..}, {@code gamma},
     * {@code h1_1..}, {@code dir1..dird}, {@code hv1_1..}; other stems use their lower-cased base name.
     */
    static String headerLine(String baseName, int[] trailing) {
        String prefix;
        switch (baseName) {
            case "X":
                prefix = "x";
                break;
            case "Y":
                prefix = "y";
                break;
            case "dYdX":
                prefix = "dydx";
                break;
            case "hessian":
                prefix = "h";
                break;
            case "directions":
                prefix = "dir";
                break;
            default:
                prefix = baseName.toLowerCase(Locale.ROOT);
                break;
        }
        if (trailing.length == 0) {
            return prefix + "\n";
        }
        StringBuilder sb = new StringBuilder();
        int[] idx = new int[trailing.length];
        long total = 1;
        for (int t : trailing) {
            total *= t;
        }
        for (long c = 0; c < total; c++) {
            if (c > 0) {
                sb.append(',');
            }
            sb.append(prefix);
            for (int a = 0; a < idx.length; a++) {
                if (a > 0) {
                    sb.append('_');
                }
                sb.append(idx[a] + 1);
            }
            for (int a = idx.length - 1; a >= 0; a--) {
                if (++idx[a] < trailing[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return sb.append('\n').toString();
    }

    /**
     * Reads a numeric CSV table. The first non-blank line is a header when none of its cells is a number.
     * Blank lines are skipped, except between the rows of a one-column file, where a blank line is an empty value
     * and refused. Every value must be finite.
     *
     * @param file    the file
     * @param display how to name the file in messages
     * @throws IllegalArgumentException naming {@code display} if the file is missing, a directory, empty, or holds
     *                                  a row of another length, an empty value or a value that is not a finite
     *                                  number
     */
    static Table read(Path file, String display) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(display + " is a directory, not a CSV file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            double[] data = new double[1024];
            int size = 0;
            int cols = -1;
            int expectedFromLine = 0;
            boolean header = false;
            String[] names = null;
            int rows = 0;
            long lineNo = 0;
            String line;
            boolean first = true;
            long blankLine = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\u00EF\u00BB\u00BF")) {
                    line = line.substring(3); // UTF-8 byte-order mark
                }
                if (line.isBlank()) {
                    if (!first && blankLine == 0) {
                        blankLine = lineNo;
                    }
                    continue;
                }
                if (blankLine > 0 && cols == 1) {
                    throw new IllegalArgumentException(display + " line " + blankLine + " (row " + (rows + 1)
                            + "), column 1: empty value (a blank line between the rows of a one-column file)");
                }
                blankLine = 0;
                String[] cells = split(line);
                if (first) {
                    first = false;
                    if (isHeader(cells)) {
                        header = true;
                        names = Arrays.stream(cells).map(Csv::clean).toArray(String[]::new);
                        cols = cells.length;
                        expectedFromLine = (int) Math.min(Integer.MAX_VALUE, lineNo);
                        continue;
                    }
                }
                if (cols < 0) {
                    cols = cells.length;
                    expectedFromLine = (int) Math.min(Integer.MAX_VALUE, lineNo);
                } else if (cells.length != cols) {
                    throw new IllegalArgumentException(display + " line " + lineNo + " has " + cells.length
                            + " values, expected " + cols + (header ? " (as in the header on line " : " (as on line ")
                            + expectedFromLine + ")");
                }
                rows++;
                if ((long) size + cols > MAX_ELEMENTS) {
                    throw new IllegalArgumentException(display + " holds more values than one Java array can hold");
                }
                if (size + cols > data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(MAX_ELEMENTS, Math.max((long) data.length * 2,
                            (long) size + cols)));
                }
                for (int c = 0; c < cols; c++) {
                    data[size++] = parseCell(cells[c], display, lineNo, rows, c + 1);
                }
            }
            if (cols < 0) {
                throw new IllegalArgumentException(display + " is empty: expected comma-separated rows of numbers,"
                        + " one row per sample");
            }
            return new Table(rows, cols, size == data.length ? data : Arrays.copyOf(data, size), names);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(display + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(display + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display + ": " + e.getMessage(), e);
        }
    }

    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out.toArray(new String[0]);
    }

    static boolean isHeader(String[] cells) {
        for (String c : cells) {
            try {
                parse(clean(c));
                return false;
            } catch (NumberFormatException e) {
                // not a number: keep looking
            }
        }
        return true;
    }

    static String clean(String cell) {
        String s = cell.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static double parse(String s) {
        if (s.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
            case "+nan":
            case "-nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                char last = s.charAt(s.length() - 1);
                if (!(Character.isDigit(last) || last == '.')) {
                    throw new NumberFormatException(s); // reject Java-only forms such as "1d", "2f"
                }
                return Double.parseDouble(s);
        }
    }

    static double parseCell(String cell, String display, long lineNo, int row, int column) {
        String s = clean(cell);
        String where = display + " line " + lineNo + " (row " + row + "), column " + column + ": ";
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where + "empty value");
        }
        double v;
        try {
            v = parse(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "cannot parse \"" + Printable.of(s, CELL_SHOWN_MAX)
                    + "\" as a number", e);
        }
        if (!Double.isFinite(v)) {
            boolean spelled = s.toLowerCase(Locale.ROOT).matches("[+-]?(nan|inf|infinity)");
            throw new IllegalArgumentException(where + (spelled
                    ? (Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") + " is not allowed"
                    : "\"" + Printable.of(s, CELL_SHOWN_MAX) + "\" is outside the range of a double"));
        }
        return v;
    }
}
