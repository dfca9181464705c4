package dev.sobolev.cli;

/** Parsers of the list and matrix options, with messages naming the option. */
final class Parsing {
    private Parsing() {
    }

    /**
     * Parses a matrix written row by row, rows separated by ';' and entries by ',', e.g. "1,0.5;0.5,1".
     *
     * @param option option name for messages, e.g. "--corr"
     * @param text   the option value
     */
    static double[][] matrix(String option, String text) {
        String[] rows = text.trim().split(";", -1);
        double[][] m = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = rows[i].trim().split(",", -1);
            m[i] = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                m[i][j] = number(option, cells[j], "row " + (i + 1) + ", column " + (j + 1));
            }
        }
        return m;
    }

    /** Parses a comma-separated list of numbers. */
    static double[] vector(String option, String text) {
        String[] cells = text.trim().split(",", -1);
        double[] v = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            v[i] = number(option, cells[i], "entry " + (i + 1));
        }
        return v;
    }

    private static double number(String option, String cell, String where) {
        String c = cell.trim();
        try {
            return Double.parseDouble(c);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + c + "' is not a number (" + where + ")", e);
        }
    }
}
