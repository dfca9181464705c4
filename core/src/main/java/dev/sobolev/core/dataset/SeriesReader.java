package dev.sobolev.core.dataset;

import java.nio.file.Path;
import java.util.Arrays;

import dev.sobolev.core.InvalidParameterException;

/**
 * Reads one numeric column of a CSV file as a time series (e.g. daily returns for a GARCH fit). The CSV rules
 * are those of the data sets: comma-separated, optional header row (detected when the first row is not
 * numeric), every value finite; messages name the file, line, row and column of a bad cell.
 */
public final class SeriesReader {
    private SeriesReader() {
    }

    /**
     * Reads a column.
     *
     * @param file   the CSV file
     * @param column the header name of the column, or null for the only column, or the last column of a file
     *               with a header (e.g. {@code t,dem2gbp})
     * @return the column's values in file order
     * @throws InvalidParameterException naming {@code column} when it cannot be found, or {@code file} when it has
     *                                   several columns, no header and no column is named
     */
    public static double[] read(Path file, String column) {
        Csv.Table t = Csv.read(file, file.toString());
        int c;
        if (column == null) {
            if (t.cols == 1 || t.header) {
                c = t.cols - 1;
            } else {
                throw new InvalidParameterException("file", file + " has " + t.cols + " columns and no header row to "
                        + "name one of them by: give a one-column file, or a header row and the column's name");
            }
        } else {
            if (!t.header) {
                throw new InvalidParameterException("column", column + " cannot be looked up: " + file
                        + " has no header row");
            }
            c = Arrays.asList(t.names).indexOf(column);
            if (c < 0) {
                throw new InvalidParameterException("column", column + " is not a column of " + file
                        + "; columns: " + String.join(", ", t.names));
            }
        }
        double[] out = new double[t.rows];
        for (int r = 0; r < t.rows; r++) {
            out[r] = t.data[r * t.cols + c];
        }
        return out;
    }
}
