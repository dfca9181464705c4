package dev.sobolev.core.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import dev.sobolev.core.InvalidParameterException;

/**
 * Reads one numeric column of a CSV file as a time series (e.g. daily returns for a GARCH fit). Comma-separated,
 * an optional header row (detected when no cell of the first row is a number, as for data sets); only the chosen
 * column is parsed, so other columns may hold anything (dates, labels). A series has no gaps: an empty cell, or a
 * blank line between observations (the empty cell of a one-column file), is refused naming its line, as is a
 * value that is not a finite number or a row of another width; blank lines before the first and after the last
 * observation are ignored.
 */
public final class SeriesReader {
    private SeriesReader() {
    }

    /**
     * Reads a column.
     *
     * @param file   the CSV file
     * @param column the column: its header name, or its 1-based index (when no header cell has that name); null
     *               for the only column, or the last column of a file with a header (e.g. {@code t,dem2gbp})
     * @return the column's values in file order
     * @throws InvalidParameterException naming {@code column} when it cannot be found, or {@code file} when it is a
     *                                   directory, has several columns, no header and no column is named, or a
     *                                   cell of the column is empty, not a finite number, or its row has another
     *                                   number of cells
     */
    public static double[] read(Path file, String column) {
        if (Files.isDirectory(file)) {
            throw new InvalidParameterException("file", file + " is a directory, not a CSV file");
        }
        String display = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            double[] out = new double[1024];
            int rows = 0;
            int cols = -1;
            int c = -1;
            long lineNo = 0;
            long blank = 0; // the first blank line after the header or an observation, 0 if none since
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\u00EF\u00BB\u00BF")) {
                    line = line.substring(3); // UTF-8 byte-order mark
                }
                if (line.isBlank()) {
                    if (cols >= 0 && blank == 0) { // after the header or an observation
                        blank = lineNo;
                    }
                    continue;
                }
                String[] cells = Csv.split(line);
                if (cols < 0) {
                    cols = cells.length;
                    boolean header = Csv.isHeader(cells);
                    c = columnIndex(file, column, cells, header);
                    if (header) {
                        continue;
                    }
                }
                if (blank > 0) {
                    throw new InvalidParameterException("file", display + " line " + blank + " is blank: a missing "
                            + (rows == 0 ? "first observation of the series"
                            : "observation between rows " + rows + " and " + (rows + 1) + " of the series"));
                }
                if (cells.length != cols) {
                    throw new InvalidParameterException("file", display + " line " + lineNo + " has " + cells.length
                            + " values, expected " + cols);
                }
                if (rows == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, 2L * rows));
                }
                try {
                    out[rows] = Csv.parseCell(cells[c], display, lineNo, rows + 1, c + 1);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("file", e.getMessage(), e);
                }
                rows++;
            }
            if (rows == 0) {
                throw new InvalidParameterException("file", display + " is empty: expected one observation per row");
            }
            return Arrays.copyOf(out, rows);
        } catch (NoSuchFileException e) {
            throw new InvalidParameterException("file", display + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display + ": " + e.getMessage(), e);
        }
    }

    /** The 0-based index of the column to read, given the first row's cells and whether they are a header. */
    private static int columnIndex(Path file, String column, String[] first, boolean header) {
        String[] names = header ? Arrays.stream(first).map(Csv::clean).toArray(String[]::new) : null;
        int cols = first.length;
        if (column == null) {
            if (cols == 1 || header) {
                return cols - 1;
            }
            throw new InvalidParameterException("file", file + " has " + cols + " columns and no header row to "
                    + "name one of them by: give a one-column file, or a header row and the column's name or index");
        }
        if (names != null) {
            int c = Arrays.asList(names).indexOf(column);
            if (c >= 0) {
                return c;
            }
        }
        int index;
        try {
            index = Integer.parseInt(column.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("column", column + (names == null
                    ? " cannot be looked up by name: " + file + " has no header row (give a 1-based column index)"
                    : " is not a column of " + file + "; columns: " + String.join(", ", names)));
        }
        if (index < 1 || index > cols) {
            throw new InvalidParameterException("column", "must be a column name or a 1-based index in [1, " + cols
                    + "] of " + file + ", got " + column);
        }
        return index - 1;
    }
}
