package dev.sobolev.reports.batch;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.api.DomainPolicy;

/**
 * A request resolved against its files: the book, the input's header and where each book input sits in it, the
 * new columns, the base scenario priced. Made once per run, before anything is written.
 */
final class Plan {
    /** The longest header line read. */
    private static final int MAX_HEADER = 1 << 20;

    /**
     * The base scenario of the P&amp;L: its inputs, the book's value, deltas and Hessian there (row c of the
     * Hessian is H·e_c, one Hessian–vector product per input).
     *
     * @param x       the D inputs
     * @param value   the book's value
     * @param deltas  its D deltas
     * @param hessian D × D, row-major
     */
    record Base(double[] x, double value, double[] deltas, double[] hessian) {
        /**
         * The delta-gamma P&amp;L δ·Δx + ½·Δxᵀ·Γ·Δx of a point, Δx = x − base, summed in input order.
         *
         * @param xs  the point's inputs from {@code off}
         * @param off offset
         * @param dx  scratch of D entries
         * @return the approximate P&amp;L
         */
        double deltaGamma(double[] xs, int off, double[] dx) {
            int d = x.length;
            for (int c = 0; c < d; c++) {
                dx[c] = xs[off + c] - x[c];
            }
            double first = 0;
            double second = 0;
            for (int c = 0; c < d; c++) {
                first += deltas[c] * dx[c];
                double row = 0;
                for (int k = 0; k < d; k++) {
                    row += hessian[c * d + k] * dx[k];
                }
                second += dx[c] * row;
            }
            return first + 0.5 * second;
        }
    }

    private final BatchRequest request;
    private final Book book;
    private final byte[] header;
    /** Where the first scenario line starts: after the header line and its line break. */
    private final long dataOffset;
    private final List<String> headerNames;
    private final RowReader reader;
    private final List<String> newColumns;
    private final Base base;
    private final double[] direction;
    private final ExactPricer[] exact;

    private Plan(BatchRequest request, Book book, byte[] header, long dataOffset, List<String> headerNames,
            RowReader reader, List<String> newColumns, double[] direction) {
        this.request = request;
        this.book = book;
        this.header = header;
        this.dataOffset = dataOffset;
        this.headerNames = headerNames;
        this.reader = reader;
        this.newColumns = newColumns;
        this.direction = direction;
        this.exact = request.compareExact() ? exact(book) : null;
        this.base = resolveBase();
    }

    static Plan of(BatchRequest r) {
        Book book = r.model() != null ? Book.model(r.model(), r.columns(), r.domain())
                : Book.portfolio(r.portfolio(), r.domain());
        long[] offset = new long[1];
        byte[] header = header(r.in(), offset);
        int[] start = new int[1 << 16];
        int[] end = new int[1 << 16];
        int n = RowReader.split(header, 0, header.length, start, end);
        if (n < 0 || n > start.length) {
            throw new InvalidParameterException("in", r.in() + " line 1: the header " + (n < 0
                    ? "has an unclosed quote" : "has more than " + start.length + " columns"));
        }
        List<String> names = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            String s = new String(header, start[f], end[f] - start[f], StandardCharsets.UTF_8);
            names.add(f == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s);
        }
        int d = book.dimension();
        int[] columns = new int[d];
        for (int c = 0; c < d; c++) {
            String want = book.inputs().get(c);
            columns[c] = names.indexOf(want);
            if (columns[c] < 0) {
                if (r.columns() != null) {
                    throw new InvalidParameterException("columns", "names " + want + ", which the header of "
                            + r.in() + " lacks (it has " + String.join(",", names) + ")");
                }
                throw new InvalidParameterException("in", r.in() + " line 1: the header has no column " + want
                        + " (the book's inputs are " + String.join(",", book.inputs())
                        + (r.model() != null ? "; map other columns with columns" : "") + ")");
            }
        }
        double[] direction = r.direction();
        if (direction != null && direction.length != d) {
            throw new InvalidParameterException("direction", "has " + direction.length + " entries, the book has "
                    + d + " inputs (" + String.join(",", book.inputs()) + ")");
        }
        List<String> added = newColumns(book, r);
        Set<String> seen = new HashSet<>(names);
        for (String a : added) {
            if (!seen.add(a)) {
                throw new InvalidParameterException("in", r.in() + " line 1: the header already has a column " + a
                        + ", which the output adds");
            }
        }
        double[] lower = new double[d];
        double[] upper = new double[d];
        for (int c = 0; c < d; c++) {
            lower[c] = book.lower(c);
            upper[c] = book.upper(c);
        }
        RowReader reader = new RowReader(n, columns, book.inputs().toArray(new String[0]), lower, upper,
                r.domain() == DomainPolicy.REJECT);
        return new Plan(r, book, header, offset[0], List.copyOf(names), reader, added, direction);
    }

    /** The new columns, in the order {@link SliceKernel} writes them. */
    private static List<String> newColumns(Book book, BatchRequest r) {
        List<String> c = new ArrayList<>();
        c.add("value");
        book.labels().forEach(x -> c.add("delta_" + x));
        if (r.gamma()) {
            c.add("gamma");
            if (r.direction() != null) {
                book.labels().forEach(x -> c.add("hv_" + x));
            }
        }
        if (r.perPosition()) {
            book.positions().forEach(p -> c.add(p.id() + "_value"));
        }
        if (r.compareExact()) {
            c.add("exact_value");
            book.labels().forEach(x -> c.add("exact_delta_" + x));
        }
        if (r.baseRow() != null || r.baseValues() != null) {
            c.add("pnl");
            c.add("pnl_delta_gamma");
        }
        return List.copyOf(c);
    }

    /** The first line of the input, without its line break; {@code offset[0]} receives the bytes it takes. */
    private static byte[] header(Path in, long[] offset) {
        if (!Files.isRegularFile(in)) {
            throw new InvalidParameterException("in", in + " is not a file");
        }
        byte[] buf = new byte[4096];
        int len = 0;
        try (InputStream s = new BufferedInputStream(Files.newInputStream(in))) {
            while (true) {
                int b = s.read();
                if (b >= 0) {
                    offset[0]++;
                }
                if (b < 0 || b == '\n') {
                    break;
                }
                if (len == MAX_HEADER) {
                    throw new InvalidParameterException("in", in + " line 1: the header is longer than "
                            + MAX_HEADER + " bytes");
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, len * 2);
                }
                buf[len++] = (byte) b;
            }
        } catch (IOException e) {
            throw new InvalidParameterException("in", in + " cannot be read: " + e.getMessage(), e);
        }
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        if (len == 0) {
            throw new InvalidParameterException("in", in + " line 1: a header row naming the columns is needed, "
                    + "got an empty line");
        }
        return Arrays.copyOf(buf, len);
    }

    /** The closed form of every position, or a refusal naming the first without one. */
    private static ExactPricer[] exact(Book book) {
        ExactPricer[] e = new ExactPricer[book.positions().size()];
        for (int i = 0; i < e.length; i++) {
            Book.Position p = book.positions().get(i);
            e[i] = ExactPricer.of(book.loaded(i)).orElseThrow(() -> new InvalidParameterException("compareExact",
                    "needs a closed form, but the data set in the provenance of " + p.model() + " names no "
                    + "Bachelier recipe"));
        }
        return e;
    }

    /** The base scenario: from values, or the row whose first passthrough field is the id (one pass). */
    private Base resolveBase() {
        double[] x = request.baseValues();
        int d = book.dimension();
        if (request.baseRow() != null) {
            x = baseRow(request.baseRow());
        } else if (x == null) {
            return null;
        } else if (x.length != d) {
            throw new InvalidParameterException("base", "has " + x.length + " values, the book has " + d
                    + " inputs (" + String.join(",", book.inputs()) + ")");
        }
        x = x.clone();
        for (int c = 0; c < d; c++) {
            double lo = book.lower(c);
            double hi = book.upper(c);
            if (!(x[c] >= lo && x[c] <= hi) && request.domain() != DomainPolicy.FLAG) {
                if (request.domain() == DomainPolicy.REJECT) {
                    throw new InvalidParameterException("base", book.inputs().get(c) + " = " + x[c]
                            + " lies outside the training domain [" + lo + ", " + hi + "], which domain reject refuses");
                }
                x[c] = Math.min(hi, Math.max(lo, x[c]));
            }
        }
        Book.Scratch s = book.scratch();
        double[] deltas = new double[d];
        double[] hv = new double[d];
        double[] hessian = new double[d * d];
        double[] unit = new double[d];
        double value = Double.NaN;
        for (int c = 0; c < d; c++) {
            Arrays.fill(unit, 0);
            unit[c] = 1;
            value = book.pricePoint(x, 0, unit, deltas, 0, hv, null, 0, s);
            System.arraycopy(hv, 0, hessian, c * d, d);
        }
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException("base", "prices to a non-finite value " + value + " at "
                    + Arrays.toString(x));
        }
        return new Base(x, value, deltas, hessian);
    }

    private double[] baseRow(String id) {
        int key = -1;
        int[] columns = new int[book.dimension()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = headerNames.indexOf(book.inputs().get(c));
        }
        for (int f = 0; f < headerNames.size() && key < 0; f++) {
            final int ff = f;
            if (Arrays.stream(columns).noneMatch(c -> c == ff)) {
                key = f;
            }
        }
        if (key < 0) {
            throw new InvalidParameterException("base", "names row " + id + ", but " + request.in()
                    + " has no column besides the inputs to hold row ids; give the base as "
                    + book.dimension() + " values");
        }
        byte[] want = id.getBytes(StandardCharsets.UTF_8);
        int[] start = new int[reader.fields() + 1];
        int[] end = new int[reader.fields() + 1];
        double[] x = new double[book.dimension()];
        try (BufferedReader r = Files.newBufferedReader(request.in(), StandardCharsets.ISO_8859_1)) {
            r.readLine();
            long line = 1;
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                int to = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                int n = RowReader.split(b, 0, to, start, end);
                if (n <= key || !Arrays.equals(b, start[key], end[key], want, 0, want.length)) {
                    continue;
                }
                int code = reader.read(b, 0, to, start, end, x, 0);
                if (code != 0) {
                    throw new InvalidParameterException("base", "row " + id + " (line " + line + " of "
                            + request.in() + ") cannot be priced: " + reader.reason(code, b, 0, to, start, end));
                }
                return x;
            }
        } catch (IOException e) {
            throw new InvalidParameterException("in", request.in() + " cannot be read: " + e.getMessage(), e);
        }
        throw new InvalidParameterException("base", "names row " + id + ", which no line of " + request.in()
                + " has in its column " + headerNames.get(key));
    }

    BatchRequest request() {
        return request;
    }

    Book book() {
        return book;
    }

    RowReader reader() {
        return reader;
    }

    boolean gamma() {
        return request.gamma();
    }

    double[] direction() {
        return direction;
    }

    boolean perPosition() {
        return request.perPosition();
    }

    Base base() {
        return base;
    }

    /** The closed form per position with compare-exact, else null. */
    ExactPricer[] exact() {
        return exact;
    }

    List<String> newColumns() {
        return newColumns;
    }

    /** Where the first scenario line starts in the input. */
    long dataOffset() {
        return dataOffset;
    }

    /** The output header: the input's, a comma and the new names. */
    byte[] outputHeader() {
        byte[] add = ("," + String.join(",", newColumns)).getBytes(StandardCharsets.UTF_8);
        byte[] h = Arrays.copyOf(header, header.length + add.length);
        System.arraycopy(add, 0, h, header.length, add.length);
        return h;
    }
}
