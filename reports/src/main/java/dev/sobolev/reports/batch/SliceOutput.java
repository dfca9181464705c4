package dev.sobolev.reports.batch;

import java.util.Arrays;

/**
 * What {@link SliceKernel#run} makes of one slice of scenario lines: the output rows' bytes, the rejects file's
 * rows' bytes, and per priced row (in line order) the figures the risk accumulator takes. Reused from slice to slice:
 * its arrays grow to the largest slice and are never shrunk, so a steady run allocates nothing here.
 */
public final class SliceOutput {
    byte[] out = new byte[1 << 16];
    int outLength;
    byte[] rejects = new byte[256];
    int rejectsLength;
    int rows;
    int rejected;
    int outside;
    /** Per priced row: the book's value, its P&amp;L against the base and the delta-gamma P&amp;L (NaN without base). */
    double[] values = new double[0];
    double[] pnl = new double[0];
    double[] deltaGamma = new double[0];
    /** Per priced row with compare-exact: deltas and the closed form's value and deltas (rows × D). */
    double[] deltas = new double[0];
    double[] exactValues = new double[0];
    double[] exactDeltas = new double[0];

    /** An empty output. */
    public SliceOutput() {
    }

    void reset(int lines, int d, boolean exact) {
        outLength = 0;
        rejectsLength = 0;
        rows = 0;
        rejected = 0;
        outside = 0;
        if (values.length < lines) {
            values = new double[lines];
            pnl = new double[lines];
            deltaGamma = new double[lines];
        }
        if (exact && exactValues.length < lines) {
            deltas = new double[lines * d];
            exactValues = new double[lines];
            exactDeltas = new double[lines * d];
        }
    }

    /** Makes room for {@code n} more output bytes. */
    void ensureOut(int n) {
        if (outLength + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLength + n));
        }
    }

    /** Makes room for {@code n} more rejects bytes. */
    void ensureRejects(int n) {
        if (rejectsLength + n > rejects.length) {
            rejects = Arrays.copyOf(rejects, Math.max(rejects.length * 2, rejectsLength + n));
        }
    }

    /**
     * The output rows: each scenario line's bytes, a comma and the new fields, then a line feed.
     *
     * @return the buffer; the rows are its first {@link #outputLength()} bytes
     */
    public byte[] output() {
        return out;
    }

    /**
     * The length of the output rows.
     *
     * @return bytes
     */
    public int outputLength() {
        return outLength;
    }

    /**
     * The rejects file's rows ({@code line,reason,raw}).
     *
     * @return the buffer; the rows are its first {@link #rejectsLength()} bytes
     */
    public byte[] rejects() {
        return rejects;
    }

    /**
     * The length of the rejects rows.
     *
     * @return bytes
     */
    public int rejectsLength() {
        return rejectsLength;
    }

    /**
     * Rows priced.
     *
     * @return the number of good lines
     */
    public int rows() {
        return rows;
    }

    /**
     * Rows rejected.
     *
     * @return the number of bad lines
     */
    public int rejected() {
        return rejected;
    }

    /**
     * Rows priced outside the training domain (flagged or clamped).
     *
     * @return the number of such rows
     */
    public int outside() {
        return outside;
    }
}
