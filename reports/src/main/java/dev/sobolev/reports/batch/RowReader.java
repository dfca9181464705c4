package dev.sobolev.reports.batch;

import java.nio.charset.StandardCharsets;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Reads the book's inputs from one scenario line, allocation-free for a good line. A line is comma-separated
 * fields, each optionally in double quotes (a quoted field may hold commas, and a doubled quote stands for one);
 * a field's text is what lies between its quotes. A line is good when it has the header's number of fields and
 * every mapped field holds a finite number ({@link JavaDoubleParser}, the grammar of {@link Double#parseDouble}),
 * within the training domain when the run rejects points outside it. Otherwise {@link #read} returns a code that
 * {@link #reason} turns into the rejects file's reason: {@code unclosed quote}, {@code wrong field count: 8,
 * header has 9}, {@code missing column S3} (an empty field), {@code not a number in S2: "abc"}, {@code not finite
 * in S4: NaN}, {@code outside the training domain: S1 = 3.1 above 1.68}.
 */
final class RowReader {
    /** Reject kinds; a code is kind · (D + 1) + column. */
    private static final int QUOTE = 1;
    private static final int COUNT = 2;
    private static final int MISSING = 3;
    private static final int NOT_NUMBER = 4;
    private static final int NOT_FINITE = 5;
    private static final int BELOW = 6;
    private static final int ABOVE = 7;

    private final int fields;
    private final int[] columns;
    private final String[] names;
    private final double[] lower;
    private final double[] upper;
    private final boolean rejectOutside;

    /**
     * @param fields        the header's number of fields
     * @param columns       the field index of each book input
     * @param names         the scenario column names of the book inputs, for reasons
     * @param lower         per book input the training domain's lower bound
     * @param upper         per book input its upper bound
     * @param rejectOutside whether a point outside the domain is a bad row
     */
    RowReader(int fields, int[] columns, String[] names, double[] lower, double[] upper, boolean rejectOutside) {
        this.fields = fields;
        this.columns = columns.clone();
        this.names = names.clone();
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.rejectOutside = rejectOutside;
    }

    /** The header's number of fields. */
    int fields() {
        return fields;
    }

    /**
     * Splits a line into fields.
     *
     * @param b     the bytes
     * @param from  the line's first byte
     * @param to    the end of the line (exclusive, without its line break)
     * @param start receives each field's first text byte (up to its length many fields)
     * @param end   receives each field's text end (exclusive)
     * @return the number of fields, or −1 if a quote is not closed
     */
    static int split(byte[] b, int from, int to, int[] start, int[] end) {
        int n = 0;
        int p = from;
        while (true) {
            int s;
            int e;
            if (p < to && b[p] == '"') {
                int q = p + 1;
                while (true) {
                    while (q < to && b[q] != '"') {
                        q++;
                    }
                    if (q >= to) {
                        return -1;
                    }
                    if (q + 1 < to && b[q + 1] == '"') {
                        q += 2;
                        continue;
                    }
                    break;
                }
                s = p + 1;
                e = q;
                p = q + 1;
                while (p < to && b[p] != ',') {
                    p++;
                }
            } else {
                s = p;
                while (p < to && b[p] != ',') {
                    p++;
                }
                e = p;
            }
            if (n < start.length) {
                start[n] = s;
                end[n] = e;
            }
            n++;
            if (p >= to) {
                return n;
            }
            p++;
        }
    }

    /**
     * Reads the book's inputs of a line.
     *
     * @param b     the bytes
     * @param from  the line's first byte
     * @param to    its end (exclusive, without the line break)
     * @param start field starts (length ≥ the header's field count + 1)
     * @param end   field ends (as long)
     * @param xs    receives the D inputs from {@code off}
     * @param off   offset in xs
     * @return 0 for a good line, else a code for {@link #reason}
     */
    int read(byte[] b, int from, int to, int[] start, int[] end, double[] xs, int off) {
        int n = split(b, from, to, start, end);
        if (n < 0) {
            return QUOTE * stride();
        }
        if (n != fields) {
            return COUNT * stride();
        }
        for (int c = 0; c < columns.length; c++) {
            int f = columns[c];
            int s = start[f];
            int e = end[f];
            if (s == e) {
                return MISSING * stride() + c;
            }
            double v;
            try {
                v = JavaDoubleParser.parseDouble(b, s, e - s);
            } catch (NumberFormatException ex) {
                return NOT_NUMBER * stride() + c;
            }
            if (!Double.isFinite(v)) {
                return NOT_FINITE * stride() + c;
            }
            if (rejectOutside) {
                if (v < lower[c]) {
                    return BELOW * stride() + c;
                }
                if (v > upper[c]) {
                    return ABOVE * stride() + c;
                }
            }
            xs[off + c] = v;
        }
        return 0;
    }

    private int stride() {
        return columns.length + 1;
    }

    /**
     * The reason of a bad line, for the rejects file (built on this slow path only).
     *
     * @param code  the code {@link #read} returned
     * @param b     the line's bytes
     * @param from  its first byte
     * @param to    its end
     * @param start field starts, as {@link #read} left them
     * @param end   field ends
     * @return the reason
     */
    String reason(int code, byte[] b, int from, int to, int[] start, int[] end) {
        int kind = code / stride();
        int c = code % stride();
        if (kind == QUOTE) {
            return "unclosed quote";
        }
        if (kind == COUNT) {
            return "wrong field count: " + split(b, from, to, new int[0], new int[0]) + ", header has " + fields;
        }
        String text = new String(b, start[columns[c]], end[columns[c]] - start[columns[c]], StandardCharsets.UTF_8);
        return switch (kind) {
            case MISSING -> "missing column " + names[c];
            case NOT_NUMBER -> "not a number in " + names[c] + ": \"" + text + "\"";
            case NOT_FINITE -> "not finite in " + names[c] + ": " + text;
            case BELOW -> "outside the training domain: " + names[c] + " = " + text + " below " + lower[c];
            default -> "outside the training domain: " + names[c] + " = " + text + " above " + upper[c];
        };
    }
}
