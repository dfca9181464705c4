package dev.sobolev.core.dataset;

import java.util.Locale;

/** File format of the arrays in a dataset directory. */
public enum DatasetFormat {
    /** NumPy {@code .npy} files (v1.0 header, little-endian float64, C order). */
    NPY("npy"),
    /** Comma-separated text files with an optional header row, values printed by {@link Double#toString(double)}. */
    CSV("csv");

    private final String suffix;

    DatasetFormat(String suffix) {
        this.suffix = suffix;
    }

    /**
     * Returns the file suffix without the dot.
     *
     * @return {@code "npy"} or {@code "csv"}
     */
    public String suffix() {
        return suffix;
    }

    /**
     * The bytes one value takes in a file of this format, at most: 8 for NPY; for CSV Java's longest shortest
     * round-trip form of a double (24 characters) and its separator. For checking disk space before writing.
     *
     * @return bytes per value
     */
    public int maxBytesPerValue() {
        return this == NPY ? Double.BYTES : 25;
    }

    /**
     * Returns the file name of an array stem in this format.
     *
     * @param stem array stem such as {@code "X"} or {@code "test/dYdX"}
     * @return {@code stem + "." + suffix()}
     */
    public String fileName(String stem) {
        return stem + "." + suffix;
    }

    /**
     * Parses a format name, case-insensitively.
     *
     * @param value {@code "npy"} or {@code "csv"} in any case, surrounding blanks ignored
     * @return the format
     * @throws IllegalArgumentException if the value names no format; the message names the value and the allowed ones
     */
    public static DatasetFormat parse(String value) {
        if (value != null) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (DatasetFormat f : values()) {
                if (f.suffix.equals(v)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown dataset format " + (value == null ? "null" : "'" + value + "'")
                + "; allowed: npy, csv");
    }
}
