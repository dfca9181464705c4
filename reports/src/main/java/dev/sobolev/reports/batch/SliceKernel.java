package dev.sobolev.reports.batch;

import java.nio.charset.StandardCharsets;

import dev.sobolev.core.text.ShortestDouble;

/**
 * The parse–price–format step of a batch run for one slice of scenario lines (at most
 * {@link BatchRequest#SLICE_ROWS}): each line is read ({@link RowReader}), the good ones are priced through the
 * {@link Book} (one book call per position without gamma, a point call per row with it), and each priced line is
 * written as its own bytes, unchanged, a comma and the new fields in the shortest form that reads back to the same
 * double; a bad line becomes a rejects row {@code line,"reason","raw"}. The kernel is immutable and thread-safe;
 * the per-thread arrays are a {@link Workspace} and the results a {@link SliceOutput}, both reused, so a slice
 * allocates nothing per row.
 *
 * <p>The new fields, in order: {@code value}; {@code delta_<input>} per book input; with gamma {@code gamma}
 * (1ᵀH1, or vᵀHv along the direction) and, along a direction, {@code hv_<input>}; with per-position values
 * {@code <id>_value} (qᵢ·vᵢ); with compare-exact {@code exact_value} and {@code exact_delta_<input>} (the closed
 * form, {@link ExactPricer}, summed over the positions as the surrogate is); with a base scenario {@code pnl} (value − base value) and {@code pnl_delta_gamma}
 * (δ·Δx + ½·ΔxᵀΓΔx with the base's deltas δ and Hessian Γ).
 */
public final class SliceKernel {
    /** The longest number text written. */
    private static final int NUMBER_LENGTH = ShortestDouble.MAX_LENGTH;
    /** The largest output buffer a slice reserves before its rows. */
    private static final long PRESIZE_LIMIT = 1L << 26;

    private final Plan plan;
    private final Book book;
    private final RowReader reader;
    private final int d;
    private final int positions;
    private final boolean gamma;
    private final double[] direction;
    private final boolean perPosition;
    private final Plan.Base base;
    private final ExactPricer[] exact;
    private final int newFields;

    SliceKernel(Plan plan) {
        this.plan = plan;
        book = plan.book();
        reader = plan.reader();
        d = book.dimension();
        positions = book.positions().size();
        gamma = plan.gamma();
        direction = plan.direction();
        perPosition = plan.perPosition();
        base = plan.base();
        exact = plan.exact();
        newFields = plan.newColumns().size();
    }

    /**
     * The kernel of a request: its book, the header of its input, its base scenario resolved (a row id by a pass
     * over the input).
     *
     * @param request the settings
     * @return the kernel
     * @throws dev.sobolev.core.InvalidParameterException as {@link BatchJob#run}, for the checks made before any
     *                                                    file is written
     */
    public static SliceKernel of(BatchRequest request) {
        return new SliceKernel(Plan.of(request));
    }

    /**
     * The output header: the input's header line, a comma and the new column names.
     *
     * @return the header's bytes without a line break
     */
    public byte[] header() {
        return plan.outputHeader();
    }

    /**
     * The per-thread arrays of {@link #run}.
     *
     * @return a new workspace for one thread
     */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /** One thread's arrays for {@link SliceKernel#run}, sized for a slice of {@link BatchRequest#SLICE_ROWS}. */
    public static final class Workspace {
        private final Book.Scratch scratch;
        private final int[] start;
        private final int[] end;
        private final double[] xs;
        private final double[] values;
        private final double[] deltas;
        private final double[] gammas;
        private final double[] hvs;
        private final double[] positionValues;
        private final double[] exactValues;
        private final double[] exactDeltas;
        private final int[] lineStart;
        private final int[] lineEnd;
        private final long[] lineNumber;
        private final double[] hv;
        private final double[] dx;

        private Workspace(SliceKernel k) {
            scratch = k.book.scratch();
            start = new int[k.reader.fields() + 1];
            end = new int[k.reader.fields() + 1];
            hv = new double[k.d];
            dx = new double[k.d];
            int rows = BatchRequest.SLICE_ROWS;
            xs = new double[rows * k.d];
            values = new double[rows];
            deltas = new double[rows * k.d];
            gammas = new double[rows];
            hvs = new double[rows * k.d];
            positionValues = new double[rows * k.positions];
            exactValues = new double[k.exact == null ? 0 : rows];
            exactDeltas = new double[k.exact == null ? 0 : rows * k.d];
            lineStart = new int[rows];
            lineEnd = new int[rows];
            lineNumber = new long[rows];
        }
    }

    /**
     * Processes the whole lines in {@code in[from, to)}, at most {@link BatchRequest#SLICE_ROWS} of them: the last
     * may lack its line feed; a carriage return before a line feed is not part of the line.
     *
     * @param in        the input bytes
     * @param from      the first byte of the slice's first line
     * @param to        the end of the slice (after its last line's line feed, or the end of the input)
     * @param firstLine the file line number of the slice's first line (the header is line 1)
     * @param ws        this thread's workspace
     * @param out       receives the rows, rejects and per-row figures (reset first)
     * @throws IllegalArgumentException if the slice has more lines than a slice may
     */
    public void run(byte[] in, int from, int to, long firstLine, Workspace ws, SliceOutput out) {
        out.reset(BatchRequest.SLICE_ROWS, d, exact != null);
        // room for every line at once (its bytes plus the widest new fields), so the buffer grows once instead of
        // by doubling copies on the first slices; a wide book (bound over 64 MiB) grows row by row
        long room = to - from + (long) BatchRequest.SLICE_ROWS * (2 + (long) newFields * (NUMBER_LENGTH + 1));
        if (room <= PRESIZE_LIMIT) {
            out.ensureOut((int) room);
        }
        int n = 0;
        long line = firstLine;
        int p = from;
        while (p < to) {
            int e = p;
            while (e < to && in[e] != '\n') {
                e++;
            }
            if (line - firstLine == BatchRequest.SLICE_ROWS) {
                throw new IllegalArgumentException("a slice holds at most " + BatchRequest.SLICE_ROWS + " lines");
            }
            int stop = e > p && in[e - 1] == '\r' ? e - 1 : e;
            int code = reader.read(in, p, stop, ws.start, ws.end, ws.xs, n * d);
            if (code == 0) {
                ws.lineStart[n] = p;
                ws.lineEnd[n] = stop;
                ws.lineNumber[n] = line;
                n++;
            } else {
                reject(line, reader.reason(code, in, p, stop, ws.start, ws.end), in, p, stop, out);
            }
            p = e + 1;
            line++;
        }
        price(n, ws, out);
        int kept = 0;
        for (int r = 0; r < n; r++) {
            String bad = nonFinite(r, ws, out);
            if (bad != null) {
                reject(ws.lineNumber[r], bad, in, ws.lineStart[r], ws.lineEnd[r], out);
                continue;
            }
            write(in, r, ws, out);
            if (kept != r) {
                out.values[kept] = out.values[r];
                out.pnl[kept] = out.pnl[r];
                out.deltaGamma[kept] = out.deltaGamma[r];
                if (exact != null) {
                    System.arraycopy(out.deltas, r * d, out.deltas, kept * d, d);
                    out.exactValues[kept] = out.exactValues[r];
                    System.arraycopy(out.exactDeltas, r * d, out.exactDeltas, kept * d, d);
                }
            }
            kept++;
        }
        out.rows = kept;
    }

    /**
     * Why row r's results cannot be written (a value, delta, gamma, H·v, position value, closed form or P&L that is
     * NaN or infinite, e.g. from an input far outside the training domain under {@code flag}), or null if they all
     * are finite. Such a row goes to the rejects file after the slice's parse-time rejects.
     */
    private String nonFinite(int r, Workspace ws, SliceOutput out) {
        String bad = nonFinite("value", ws.values, r, 1);
        bad = bad != null ? bad : nonFinite("delta", ws.deltas, r * d, d);
        if (gamma) {
            bad = bad != null ? bad : nonFinite("gamma", ws.gammas, r, 1);
            bad = bad != null || direction == null ? bad : nonFinite("H·v", ws.hvs, r * d, d);
        }
        bad = bad != null || !perPosition ? bad : nonFinite("position value", ws.positionValues, r * positions,
                positions);
        if (exact != null) {
            bad = bad != null ? bad : nonFinite("exact value", ws.exactValues, r, 1);
            bad = bad != null ? bad : nonFinite("exact delta", ws.exactDeltas, r * d, d);
        }
        if (base != null) {
            bad = bad != null ? bad : nonFinite("P&L", out.pnl, r, 1);
            bad = bad != null ? bad : nonFinite("delta-gamma P&L", out.deltaGamma, r, 1);
        }
        return bad;
    }

    private static String nonFinite(String what, double[] a, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Double.isFinite(a[i])) {
                return "non-finite " + what + ": " + a[i];
            }
        }
        return null;
    }

    private void price(int n, Workspace ws, SliceOutput out) {
        double[] pv = perPosition ? ws.positionValues : null;
        if (!gamma) {
            out.outside = book.priceBook(ws.xs, n, ws.values, ws.deltas, pv, ws.scratch);
        } else {
            int outside = 0;
            for (int r = 0; r < n; r++) {
                ws.values[r] = book.pricePoint(ws.xs, r * d, direction, ws.deltas, r * d, ws.hv, pv, r * positions,
                        ws.scratch);
                outside += ws.scratch.outside() ? 1 : 0;
                if (direction == null) {
                    ws.gammas[r] = book.gamma(ws.scratch);
                } else {
                    ws.gammas[r] = Book.gamma(direction, ws.hv);
                    System.arraycopy(ws.hv, 0, ws.hvs, r * d, d);
                }
            }
            out.outside = outside;
        }
        if (exact != null) {
            for (int r = 0; r < n; r++) {
                ws.exactValues[r] = book.priceExact(exact, ws.xs, r * d, ws.exactDeltas, r * d, ws.scratch);
            }
            System.arraycopy(ws.deltas, 0, out.deltas, 0, n * d);
            System.arraycopy(ws.exactValues, 0, out.exactValues, 0, n);
            System.arraycopy(ws.exactDeltas, 0, out.exactDeltas, 0, n * d);
        }
        for (int r = 0; r < n; r++) {
            double v = ws.values[r];
            out.values[r] = v;
            if (base == null) {
                out.pnl[r] = Double.NaN;
                out.deltaGamma[r] = Double.NaN;
            } else {
                out.pnl[r] = v - base.value();
                out.deltaGamma[r] = base.deltaGamma(ws.xs, r * d, ws.dx);
            }
        }
    }

    private void write(byte[] in, int r, Workspace ws, SliceOutput out) {
        int s = ws.lineStart[r];
        int len = ws.lineEnd[r] - s;
        out.ensureOut(len + 2 + newFields * (NUMBER_LENGTH + 1));
        byte[] o = out.out;
        int at = out.outLength;
        System.arraycopy(in, s, o, at, len);
        at += len;
        at = field(ws.values[r], o, at);
        for (int c = 0; c < d; c++) {
            at = field(ws.deltas[r * d + c], o, at);
        }
        if (gamma) {
            at = field(ws.gammas[r], o, at);
            if (direction != null) {
                for (int c = 0; c < d; c++) {
                    at = field(ws.hvs[r * d + c], o, at);
                }
            }
        }
        if (perPosition) {
            for (int i = 0; i < positions; i++) {
                at = field(ws.positionValues[r * positions + i], o, at);
            }
        }
        if (exact != null) {
            at = field(ws.exactValues[r], o, at);
            for (int c = 0; c < d; c++) {
                at = field(ws.exactDeltas[r * d + c], o, at);
            }
        }
        if (base != null) {
            at = field(out.pnl[r], o, at);
            at = field(out.deltaGamma[r], o, at);
        }
        o[at++] = '\n';
        out.outLength = at;
    }

    private static int field(double v, byte[] o, int at) {
        o[at] = ',';
        return ShortestDouble.write(v, o, at + 1);
    }

    /** A rejects row: line number, reason and raw line, the last two quoted with doubled inner quotes. */
    private static void reject(long line, String reason, byte[] in, int from, int to, SliceOutput out) {
        byte[] why = reason.getBytes(StandardCharsets.UTF_8);
        out.ensureRejects(24 + 2 * (why.length + to - from) + 6);
        byte[] o = out.rejects;
        int at = out.rejectsLength;
        byte[] number = Long.toString(line).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(number, 0, o, at, number.length);
        at += number.length;
        o[at++] = ',';
        at = quoted(why, 0, why.length, o, at);
        o[at++] = ',';
        at = quoted(in, from, to, o, at);
        o[at++] = '\n';
        out.rejectsLength = at;
        out.rejected++;
    }

    private static int quoted(byte[] b, int from, int to, byte[] o, int at) {
        o[at++] = '"';
        for (int i = from; i < to; i++) {
            if (b[i] == '"') {
                o[at++] = '"';
            }
            o[at++] = b[i];
        }
        o[at++] = '"';
        return at;
    }
}
