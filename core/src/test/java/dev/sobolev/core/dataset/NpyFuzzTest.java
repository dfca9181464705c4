package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.fuzz.Fuzz;

/**
 * Property: {@link Npy#read} of a corrupted {@code .npy} file either refuses it with a one-line
 * {@link IllegalArgumentException} naming the file, or returns exactly what the bytes say: as many values as the
 * declared shape holds, decoded from the end of the file at the declared dtype; and a header edit that keeps the
 * meaning (key order, quotes, blanks, {@code 3L}) reads back the original array bit for bit.
 */
class NpyFuzzTest {
    private static final List<String> DTYPES = List.of("'<f8'", "'<f4'", "'<i8'", "'<i4'", "'>f8'", "'|f8'", "'<f2'",
            "'<c16'", "'f8'", "'<u8'", "[('a', '<f8')]", "''", "'<f8", "<f8", "\"<f8\"", "'<f8' '<f4'");
    private static final List<String> ORDERS = List.of("False", "True", "0", "1", "'False'", "None", "false");
    private static final long[] DIMS = {0, 1, 2, 3, 5, 7, 15, 255, Integer.MAX_VALUE, 1L << 31, 1_000_000_000_000L,
        Long.MAX_VALUE / 8 + 1, Long.MAX_VALUE};
    private static final List<String> SHAPES = List.of("()", "(3)", "(3,,2)", "(3 2)", "(,)", "(-1, 3)", "(+3, 2)",
            "(0x3, 2)", "(3., 2)", "[3, 2]", "(99999999999999999999,)", "(3, 2", "3, 2)", "(1000000000000, 3)");

    @TempDir
    Path tmp;

    /** Valid files from the project's writer, made once: random finite doubles of rank 0 to 3. */
    private static List<Original> originals;

    @BeforeAll
    static void writeOriginals(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        List<Original> list = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            list.add(new Original(r, dir.resolve(i + ".npy")));
        }
        originals = List.copyOf(list);
    }

    private static Original original(SplittableRandom r) {
        return originals.get(r.nextInt(originals.size()));
    }

    /** A valid file from the project's writer. */
    private static final class Original {
        final long[] shape;
        final double[] values;
        final byte[] bytes;
        final byte[] data;

        Original(SplittableRandom r, Path file) throws Exception {
            int rank = r.nextInt(4);
            shape = new long[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = r.nextInt(i == 0 ? 6 : 4);
                count *= shape[i];
            }
            values = r.doubles(count, -1e3, 1e3).toArray();
            Npy.write(file, values, shape);
            bytes = Files.readAllBytes(file);
            data = Arrays.copyOfRange(bytes, bytes.length - values.length * Double.BYTES, bytes.length);
        }
    }

    @Test
    void corruptedFilesAreRefusedOrReadAsTheirBytesSay() {
        Path file = tmp.resolve("A.npy");
        Fuzz.run(1001, r -> {
            Original o = original(r);
            Fuzz.Mutant m = r.nextInt(3) == 0 ? headerEdit(o, r) : Fuzz.bytes(o.bytes, r);
            Files.write(file, m.bytes());
            checkRead(file, m);
        });
    }

    @Test
    void headerEditsThatKeepTheMeaningReadTheOriginal() {
        Path file = tmp.resolve("B.npy");
        Fuzz.run(2002, Math.max(1, Fuzz.cases() / 4), r -> {
            Original o = original(r);
            String shape = Npy.shapeString(o.shape);
            if (r.nextBoolean()) {
                shape = shape.replace(",", "L,").replace("L,)", "L,)").replace(")", r.nextBoolean() ? ")" : " )");
                shape = shape.replace("()", "()").replace("(L,", "(,");
            }
            String q = r.nextBoolean() ? "'" : "\"";
            String[] items = {q + "descr" + q + ": '<f8'", q + "fortran_order" + q + ":False",
                q + "shape" + q + " : " + shape};
            shuffle(items, r);
            String dict = "{" + String.join(r.nextBoolean() ? ", " : ",\t", items) + (r.nextBoolean() ? ", }" : "}");
            byte[] bytes = concat(preamble(r.nextBoolean() ? 1 : 2, 0, dict, -1), o.data);
            Files.write(file, bytes);
            Npy.NdArray a = Npy.read(file);
            assertArrayEquals(Arrays.stream(o.shape).mapToInt(v -> (int) v).toArray(), a.shape(), dict);
            TestFiles.assertBitsEqual(o.values, a.data());
        });
    }

    /** The shape (n) without a comma, as Python reads it, is a number and not a tuple: refused. */
    @Test
    void regressionOneAxisShapeWithoutCommaIsRefused() throws Exception {
        Path file = tmp.resolve("C.npy");
        Files.write(file, concat(preamble(1, 0, "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }", -1),
                new byte[16]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file + " has a malformed .npy header ('shape' must be a tuple"),
                e.getMessage());
    }

    /** A header claiming 10^12 rows is refused against the file's size, before anything is allocated. */
    @Test
    void regressionHugeDeclaredShapeIsRefusedAgainstTheFileSize() throws Exception {
        Path file = tmp.resolve("D.npy");
        Files.write(file, concat(preamble(1, 0, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 7), }",
                -1), new byte[56]));
        String m = assertThrows(IllegalArgumentException.class, () -> Npy.read(file))
                .getMessage();
        assertTrue(m.startsWith(file + " is truncated: header declares 1000000000000 rows of 7 values"), m);
        Files.write(file, concat(preamble(1, 0, "{'descr': '<f8', 'fortran_order': False, 'shape': "
                + "(9223372036854775807, 2), }", -1), new byte[16]));
        m = assertThrows(IllegalArgumentException.class, () -> Npy.read(file))
                .getMessage();
        assertTrue(m.contains("more values than any file can hold"), m);
    }

    /** Version 1.5, a repeated key and a directory were read (the first two) or an UncheckedIOException. */
    @Test
    void regressionMinorVersionRepeatedKeyAndDirectoryAreRefused() throws Exception {
        Path file = tmp.resolve("E.npy");
        Files.write(file, concat(preamble(1, 5, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", -1),
                new byte[8]));
        assertEquals(file + " uses .npy format version 1.5, which is not supported (1.0, 2.0 and 3.0 are)",
                assertThrows(IllegalArgumentException.class, () -> Npy.read(file))
                        .getMessage());
        Files.write(file, concat(preamble(1, 0, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), "
                + "'shape': (2,), }", -1), new byte[8]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(file))
                .getMessage().startsWith(file + " has a malformed .npy header ('shape' appears twice"));
        assertEquals(tmp + " is a directory, not a NumPy .npy file",
                assertThrows(IllegalArgumentException.class, () -> Npy.read(tmp))
                        .getMessage());
    }

    private static void checkRead(Path file, Fuzz.Mutant m) {
        Npy.NdArray a;
        try {
            a = Npy.read(file);
        } catch (Throwable t) {
            Fuzz.assertCleanRefusal(t, file.toString(), m.description());
            return;
        }
        byte[] b = m.bytes();
        long count = 1;
        for (int s : a.shape()) {
            count *= s;
        }
        assertEquals(count, a.size(), m.description());
        int item = a.dtype().equals("<f8") || a.dtype().equals("<i8") ? 8 : 4;
        int offset = (int) (b.length - count * item);
        assertTrue(offset >= 10, m.description() + ": data would start at " + offset);
        ByteBuffer buf = ByteBuffer.wrap(b, offset, (int) count * item).slice().order(ByteOrder.LITTLE_ENDIAN);
        double[] expected = new double[(int) count];
        for (int i = 0; i < expected.length; i++) {
            switch (a.dtype()) {
                case "<f8" -> expected[i] = buf.getDouble(i * 8);
                case "<i8" -> expected[i] = buf.getLong(i * 8);
                case "<f4" -> expected[i] = buf.getFloat(i * 4);
                default -> expected[i] = buf.getInt(i * 4);
            }
        }
        TestFiles.assertBitsEqual(expected, a.data());
    }

    /** One edit of the header: a field's value, the keys, the version bytes or the header length field. */
    private static Fuzz.Mutant headerEdit(Original o, SplittableRandom r) {
        String descr = "'descr': '<f8'";
        String order = "'fortran_order': False";
        String shape = "'shape': " + Npy.shapeString(o.shape);
        int major = 1;
        int minor = 0;
        int hlen = -1;
        String extra = "";
        String what;
        switch (r.nextInt(7)) {
            case 0 -> {
                descr = "'descr': " + DTYPES.get(r.nextInt(DTYPES.size()));
                what = descr;
            }
            case 1 -> {
                order = "'fortran_order': " + ORDERS.get(r.nextInt(ORDERS.size()));
                what = order;
            }
            case 2 -> {
                if (r.nextBoolean()) {
                    shape = "'shape': " + SHAPES.get(r.nextInt(SHAPES.size()));
                } else {
                    long[] dims = new long[r.nextInt(5)];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = DIMS[r.nextInt(DIMS.length)];
                    }
                    shape = "'shape': " + Npy.shapeString(dims);
                }
                what = shape;
            }
            case 3 -> {
                String[] choices = {", " + descr, ", " + shape, ", 'extra': 1", ", 'descr': '<f4'", ", 'shape': (1,)"};
                extra = choices[r.nextInt(choices.length)];
                what = "added" + extra;
            }
            case 4 -> {
                int drop = r.nextInt(3);
                descr = drop == 0 ? "" : descr;
                order = drop == 1 ? "" : order;
                shape = drop == 2 ? "" : shape;
                what = "dropped key " + drop;
            }
            case 5 -> {
                major = r.nextInt(5);
                minor = r.nextInt(3);
                what = "version " + major + "." + minor;
            }
            default -> {
                hlen = r.nextInt(3) == 0 ? r.nextInt(0x10000) : 64 * (1 + r.nextInt(3)) + r.nextInt(3) - 1 - 10;
                what = "header length field " + hlen;
            }
        }
        String dict = "{" + String.join(", ", List.of(descr, order, shape).stream().filter(s -> !s.isEmpty())
                .toList()) + extra + ", }";
        return new Fuzz.Mutant(concat(preamble(major, minor, dict, hlen), o.data), "header edit: " + what);
    }

    /** Magic, version, header length (or {@code hlenField} when not negative) and the dict padded to 64 bytes. */
    static byte[] preamble(int major, int minor, String dict, int hlenField) {
        int prefix = major == 1 ? 10 : 12;
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1;
        int pad = (64 - (prefix + hlen) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(prefix + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) minor);
        int field = hlenField >= 0 ? hlenField : hlen + pad;
        if (major == 1) {
            b.putShort((short) field);
        } else {
            b.putInt(field);
        }
        b.put(text);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return Fuzz.splice(a, a.length, 0, b);
    }

    private static void shuffle(String[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
