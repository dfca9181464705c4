package dev.sobolev.core.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.sobolev.core.Printable;
import dev.sobolev.core.io.AtomicFiles;

/**
 * Codec for NumPy {@code .npy} files (format spec v1.0; v2.0 and v3.0 are read too).
 *
 * <p>Files are written as little-endian float64 in C order with exactly the header NumPy's own
 * {@code np.save} produces (including its spare "growth" blanks), so the bytes equal those of
 * {@code np.save(path, array.astype('<f8'))}. Reading accepts {@code '<f8'}, and converts
 * {@code '<f4'}, {@code '<i8'} and {@code '<i4'} to double; Fortran order, big-endian and other dtypes
 * are rejected with a message naming the file and the dtype.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** NumPy pads the header so the first axis can grow to this many digits in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;
    /** The most characters of a header quoted in a message. */
    private static final int SHOWN_MAX = 200;


    private Npy() {
    }

    /**
     * Returns the header dictionary NumPy writes for a float64 C-order array, without padding, e.g.
     * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }}.
     *
     * @param shape the array shape (each entry non-negative); a 1-D shape prints as {@code (n,)}
     * @return the dictionary literal
     */
    public static String headerDict(long... shape) {
        return "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
    }

    /**
     * Returns the complete preamble (magic, version, header length, padded header dictionary ending in
     * {@code '\n'}) for a float64 C-order array; its length is a multiple of 64. Version 1.0 is used unless
     * the header does not fit its 16-bit length field.
     *
     * @param shape the array shape (each entry non-negative)
     * @return a fresh byte array holding the preamble
     */
    public static byte[] header(long... shape) {
        StringBuilder sb = new StringBuilder(headerDict(shape));
        if (shape.length > 0) {
            sb.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        byte[] dict = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = dict.length + 1;
        int prefix = 10;
        int major = 1;
        int pad = ALIGN - ((prefix + hlen) % ALIGN);
        if (hlen + pad > 0xFFFF) {
            prefix = 12;
            major = 2;
            pad = ALIGN - ((prefix + hlen) % ALIGN);
        }
        ByteBuffer out = ByteBuffer.allocate(prefix + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) (hlen + pad));
        } else {
            out.putInt(hlen + pad);
        }
        out.put(dict);
        for (int i = 0; i < pad; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /**
     * Writes a whole float64 array to a {@code .npy} file (creating or replacing it, atomically through
     * {@link AtomicFiles}). For large, streamed output use {@link DatasetWriter}.
     *
     * @param file  destination file
     * @param data  values in C (row-major) order; must all be finite
     * @param shape array shape whose product equals {@code data.length}
     * @throws IllegalArgumentException if the shape does not match the data or a value is not finite
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static void write(Path file, double[] data, long... shape) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
        long count = elementCount(shape, file);
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + count
                    + " values but " + data.length + " were given for " + file);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(file + ": value at flat index " + i + " is " + data[i]
                        + "; non-finite values are not written");
            }
        }
        try {
            AtomicFiles.write(file, true, ch -> {
                writeFully(ch, ByteBuffer.wrap(header(shape)));
                ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                int i = 0;
                while (i < data.length) {
                    int k = Math.min(data.length - i, CHUNK / Double.BYTES);
                    buf.clear();
                    buf.asDoubleBuffer().put(data, i, k);
                    buf.limit(k * Double.BYTES);
                    writeFully(ch, buf);
                    i += k;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the shape declared in a {@code .npy} header, without loading the data.
     *
     * @param file the file
     * @return a fresh copy of the shape
     * @throws IllegalArgumentException if the file is missing or not a supported {@code .npy} file
     */
    public static long[] shape(Path file) {
        try (FileChannel ch = open(file)) {
            return parseHeader(ch, file).shape.clone();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a whole {@code .npy} file into memory as doubles.
     *
     * @param file the file
     * @return the array (shape, values in C order, source dtype)
     * @throws IllegalArgumentException if the file is missing, is not a {@code .npy} file, has an unsupported
     *                                  dtype or order, is truncated, carries trailing bytes, or is too large
     *                                  for one Java array
     * @throws UncheckedIOException     on other I/O errors
     */
    public static NdArray read(Path file) {
        try (FileChannel ch = open(file)) {
            Header h = parseHeader(ch, file);
            long present = ch.size() - h.dataOffset;
            long count = elementCount(h.shape, file, present);
            long expected = count * h.itemSize;
            if (present < expected) {
                throw new IllegalArgumentException(truncationMessage(file, h, expected, present));
            }
            if (present > expected) {
                throw new IllegalArgumentException(file + " holds " + present + " bytes of data but its header declares"
                        + " shape " + shapeString(h.shape) + " of " + h.descr + " (" + expected
                        + " bytes); the file is corrupt");
            }
            if (count > MAX_ELEMENTS) {
                throw new IllegalArgumentException(file + " declares shape " + shapeString(h.shape) + " = " + count
                        + " values, more than one Java array can hold (" + MAX_ELEMENTS + ")");
            }
            for (long dim : h.shape) {
                if (dim > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(file + " declares shape " + shapeString(h.shape)
                            + ", whose axis of length " + dim + " exceeds " + Integer.MAX_VALUE);
                }
            }
            double[] data = new double[(int) count];
            ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(expected, h.itemSize)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long pos = h.dataOffset;
            int filled = 0;
            while (filled < data.length) {
                int k = Math.min(data.length - filled, CHUNK / h.itemSize);
                buf.clear();
                buf.limit(k * h.itemSize);
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, pos);
                    if (r < 0) {
                        throw new IllegalArgumentException(truncationMessage(file, h, expected,
                                pos - h.dataOffset));
                    }
                    pos += r;
                }
                buf.flip();
                switch (h.descr) {
                    case "<f8":
                        buf.asDoubleBuffer().get(data, filled, k);
                        break;
                    case "<f4":
                        for (int i = 0; i < k; i++) {
                            data[filled + i] = buf.getFloat(i * Float.BYTES);
                        }
                        break;
                    case "<i8":
                        for (int i = 0; i < k; i++) {
                            data[filled + i] = buf.getLong(i * Long.BYTES);
                        }
                        break;
                    default: // "<i4"
                        for (int i = 0; i < k; i++) {
                            data[filled + i] = buf.getInt(i * Integer.BYTES);
                        }
                        break;
                }
                filled += k;
            }
            int[] shape = new int[h.shape.length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) h.shape[i];
            }
            return new NdArray(shape, data, h.descr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Formats a shape the way Python prints a tuple: {@code ()}, {@code (3,)}, {@code (4, 2)}.
     *
     * @param shape the shape
     * @return the tuple literal
     */
    public static String shapeString(long... shape) {
        if (shape.length == 1) {
            if (shape[0] < 0) {
                throw new IllegalArgumentException("negative dimension " + shape[0] + " in shape");
            }
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative dimension " + shape[i] + " in shape");
            }
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    static String shapeString(int... shape) {
        long[] l = new long[shape.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = shape[i];
        }
        return shapeString(l);
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static long elementCount(long[] shape, Path file) {
        long count = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(file + ": negative dimension " + s + " in shape");
            }
            try {
                count = Math.multiplyExact(count, s);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(file + ": shape " + shapeString(shape) + " is too large", e);
            }
        }
        if (count > Long.MAX_VALUE / Double.BYTES) {
            throw new IllegalArgumentException(file + ": shape " + shapeString(shape) + " is too large");
        }
        return count;
    }

    /**
     * The number of values a header declares, checked against the bytes the file holds before anything is
     * allocated: a shape whose byte count overflows a long cannot fit in any file.
     */
    private static long elementCount(long[] shape, Path file, long present) {
        long count = 1;
        for (long s : shape) {
            try {
                count = Math.multiplyExact(count, s);
            } catch (ArithmeticException e) {
                count = -1;
                break;
            }
        }
        if (count < 0 || count > Long.MAX_VALUE / Double.BYTES) {
            for (long s : shape) {
                if (s == 0) {
                    return 0;
                }
            }
            throw new IllegalArgumentException(file + " declares shape " + shapeString(shape) + ", more values than"
                    + " any file can hold, but holds " + present + " bytes of data; the header is corrupt");
        }
        return count;
    }

    private static FileChannel open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, not a NumPy .npy file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + " cannot be read: permission denied", e);
        }
    }

    private static String truncationMessage(Path file, Header h, long expected, long present) {
        long rows = h.shape.length == 0 ? 1 : h.shape[0];
        long perRow = 1;
        for (int i = 1; i < h.shape.length; i++) {
            perRow *= h.shape[i];
        }
        long rowBytes = perRow * h.itemSize;
        long complete = present / rowBytes;
        String where = present % rowBytes == 0
                ? "the data end after row " + complete
                : "the data end inside row " + (complete + 1) + " (" + complete + " complete rows)";
        return file + " is truncated: header declares " + rows + " rows of " + perRow + " values ("
                + expected + " bytes of data) but the file holds " + present + " bytes; " + where;
    }

    private static Header parseHeader(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 10) {
            throw new IllegalArgumentException(file + " is not a NumPy .npy file: it holds only " + size + " bytes");
        }
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        pre.limit((int) Math.min(12, size));
        readFully(ch, pre, 0);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw new IllegalArgumentException(file + " is not a NumPy .npy file (it does not start with \\x93NUMPY)");
            }
        }
        int major = pre.get(6) & 0xFF;
        int minor = pre.get(7) & 0xFF;
        long hlen;
        int prefix;
        if (major == 1) {
            hlen = pre.getShort(8) & 0xFFFF;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (size < 12) {
                throw new IllegalArgumentException(file + " is truncated inside its .npy preamble");
            }
            hlen = pre.getInt(8) & 0xFFFFFFFFL;
            prefix = 12;
        } else {
            major = -1;
            hlen = 0;
            prefix = 0;
        }
        if (major < 0 || minor != 0) {
            throw new IllegalArgumentException(file + " uses .npy format version " + (pre.get(6) & 0xFF) + "." + minor
                    + ", which is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (prefix + hlen > size) {
            throw new IllegalArgumentException(file + " is truncated: its .npy header declares " + hlen
                    + " header bytes but the file holds only " + size + " bytes");
        }
        if (hlen > 1 << 24) {
            throw new IllegalArgumentException(file + " has an implausibly long .npy header (" + hlen + " bytes)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) hlen);
        readFully(ch, hb, prefix);
        String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new Header(file, text, prefix + hlen);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                throw new EOFException("unexpected end of file");
            }
            p += r;
        }
    }

    /** Parsed .npy header. */
    private static final class Header {
        final String descr;
        final int itemSize;
        final long[] shape;
        final long dataOffset;

        Header(Path file, String text, long dataOffset) {
            this.dataOffset = dataOffset;
            HeaderParser p = new HeaderParser(file, text);
            p.parse();
            if (p.descr == null) {
                throw new IllegalArgumentException(file + " has an unsupported dtype (structured or missing 'descr'):"
                        + " header " + p.shown() + "; save a plain float64 array with arr.astype('<f8')");
            }
            switch (p.descr) {
                case "<f8":
                case "f8":
                    descr = "<f8";
                    itemSize = 8;
                    break;
                case "<f4":
                case "f4":
                    descr = "<f4";
                    itemSize = 4;
                    break;
                case "<i8":
                case "i8":
                    descr = "<i8";
                    itemSize = 8;
                    break;
                case "<i4":
                case "i4":
                    descr = "<i4";
                    itemSize = 4;
                    break;
                default:
                    String raw = Printable.of(p.descr, SHOWN_MAX);
                    String why = raw.startsWith(">") ? "big-endian dtype '" + raw + "' is not supported"
                            : "dtype '" + raw + "' is not supported";
                    throw new IllegalArgumentException(file + ": " + why + "; expected '<f8' (float64), or '<f4', '<i8', "
                            + "'<i4'; convert with arr.astype('<f8')");
            }
            if (p.fortranOrder == null) {
                throw new IllegalArgumentException(file + " has no 'fortran_order' in its .npy header: " + p.shown());
            }
            if (p.fortranOrder) {
                throw new IllegalArgumentException(file + " is stored in Fortran (column-major) order, which is not"
                        + " supported; save np.ascontiguousarray(arr) instead");
            }
            if (p.shape == null) {
                throw new IllegalArgumentException(file + " has no 'shape' in its .npy header: " + p.shown());
            }
            shape = p.shape;
        }
    }

    /**
     * Parses the header dictionary as NumPy's {@code np.load} accepts it: a Python dict literal with exactly the
     * keys {@code 'descr'} (a string, or a list for structured dtypes), {@code 'fortran_order'} ({@code True} or
     * {@code False}) and {@code 'shape'} (a tuple of non-negative integers, {@code (n,)} for one axis), each once,
     * followed only by blanks. Anything else is refused with the position and the header text.
     */
    private static final class HeaderParser {
        private final Path file;
        private final String text;
        private int pos;
        /** The dtype string, or null for a structured (list) dtype. */
        String descr;
        Boolean fortranOrder;
        long[] shape;

        HeaderParser(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        void parse() {
            boolean seenDescr = false;
            skipBlanks();
            expect('{');
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String key = string();
                skipBlanks();
                expect(':');
                skipBlanks();
                switch (key) {
                    case "descr":
                        if (seenDescr) {
                            throw malformed("'descr' appears twice");
                        }
                        seenDescr = true;
                        if (peek() == '[') {
                            skipList();
                        } else {
                            descr = string();
                        }
                        break;
                    case "fortran_order":
                        if (fortranOrder != null) {
                            throw malformed("'fortran_order' appears twice");
                        }
                        fortranOrder = bool();
                        break;
                    case "shape":
                        if (shape != null) {
                            throw malformed("'shape' appears twice");
                        }
                        shape = tuple();
                        break;
                    default:
                        throw malformed("unexpected key '" + Printable.of(key, SHOWN_MAX) + "'");
                }
                skipBlanks();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw malformed("expected ',' or '}'");
                }
            }
            skipBlanks();
            if (pos < text.length()) {
                throw malformed("unexpected text after the dictionary");
            }
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw malformed("expected a quoted string");
            }
            int end = text.indexOf(q, pos + 1);
            int newline = text.indexOf('\n', pos + 1);
            if (end < 0 || newline >= 0 && newline < end || text.substring(pos + 1, end).indexOf('\\') >= 0) {
                throw malformed("unterminated or escaped string");
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }

        private boolean bool() {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw malformed("expected True or False");
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean trailingComma = false;
            while (true) {
                skipBlanks();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                int start = pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == start) {
                    throw malformed("expected a non-negative integer in 'shape'");
                }
                try {
                    dims.add(Long.parseLong(text.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw malformed("axis length " + text.substring(start, pos) + " is too large");
                }
                if (peek() == 'L') {
                    pos++;
                }
                skipBlanks();
                trailingComma = peek() == ',';
                if (trailingComma) {
                    pos++;
                } else if (peek() != ')') {
                    throw malformed("expected ',' or ')' in 'shape'");
                }
            }
            if (dims.size() == 1 && !trailingComma) {
                throw malformed("'shape' must be a tuple, (n,) for one axis");
            }
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i);
            }
            return out;
        }

        private void skipList() {
            int depth = 0;
            do {
                char c = peek();
                if (c == '\'' || c == '"') {
                    string();
                    continue;
                }
                if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    depth--;
                }
                pos++;
            } while (depth > 0);
        }

        private void skipBlanks() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'
                    || text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw malformed("unexpected end of the header");
            }
            return text.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("expected '" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException malformed(String what) {
            return new IllegalArgumentException(file + " has a malformed .npy header (" + what + " at character "
                    + (pos + 1) + "): " + shown());
        }

        /** The header text on one line, control characters escaped, cut to a readable length. */
        String shown() {
            return Printable.of(text.strip(), SHOWN_MAX);
        }
    }

    /** An array loaded from a {@code .npy} file: shape plus values as doubles in C order. Immutable. */
    public static final class NdArray {
        private final int[] shape;
        private final double[] data;
        private final String dtype;

        NdArray(int[] shape, double[] data, String dtype) {
            this.shape = shape;
            this.data = data;
            this.dtype = dtype;
        }

        /**
         * Returns the shape.
         *
         * @return a fresh copy of the shape
         */
        public int[] shape() {
            return shape.clone();
        }

        /**
         * Returns the number of axes.
         *
         * @return the rank (0 for a scalar)
         */
        public int rank() {
            return shape.length;
        }

        /**
         * Returns the length of one axis.
         *
         * @param axis axis index, {@code 0 <= axis < rank()}
         * @return the dimension
         */
        public int dim(int axis) {
            return shape[Objects.checkIndex(axis, shape.length)];
        }

        /**
         * Returns the total number of values.
         *
         * @return the product of the shape
         */
        public int size() {
            return data.length;
        }

        /**
         * Returns one value by flat (C-order) index.
         *
         * @param flatIndex index in {@code [0, size())}
         * @return the value
         */
        public double get(int flatIndex) {
            return data[Objects.checkIndex(flatIndex, data.length)];
        }

        /**
         * Returns the values.
         *
         * @return a fresh copy of all values in C order
         */
        public double[] data() {
            return data.clone();
        }

        /**
         * Returns the dtype found in the file, normalized to its little-endian form.
         *
         * @return {@code "<f8"}, {@code "<f4"}, {@code "<i8"} or {@code "<i4"}
         */
        public String dtype() {
            return dtype;
        }

        double[] rawData() {
            return data;
        }

        @Override
        public String toString() {
            return "NdArray[shape=" + shapeString(shape) + ", dtype=" + dtype + "]";
        }
    }
}
