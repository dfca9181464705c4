package dev.sobolev.core.dataset;

import static dev.sobolev.core.dataset.TestFiles.assertBitsEqual;
import static dev.sobolev.core.dataset.TestFiles.le;
import static dev.sobolev.core.dataset.TestFiles.writeRawNpy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    @Test
    void headerDictIsExactlyWhatNumPyWrites() {
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", Npy.headerDict(3));
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }", Npy.headerDict(4, 2));
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 4), }", Npy.headerDict(2, 3, 4));
    }

    /** Preambles as produced by np.save in NumPy 2.4.6 (including its 21-digit growth padding). */
    @Test
    void preambleIsByteIdenticalToNumPy() {
        assertArrayEquals(numpyPreamble("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 60),
                Npy.header(3));
        assertArrayEquals(numpyPreamble("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }", 58),
                Npy.header(4, 2));
    }

    /** np.save of np.zeros((1,) * 14) has a 128-byte preamble, of (1,) * 15 a 192-byte one (growth padding). */
    @Test
    void preambleLengthFollowsNumPyGrowthPadding() {
        long[] s14 = new long[14];
        long[] s15 = new long[15];
        Arrays.fill(s14, 1);
        Arrays.fill(s15, 1);
        assertEquals(128, Npy.header(s14).length);
        assertEquals(192, Npy.header(s15).length);
    }

    private static byte[] numpyPreamble(String dict, int spaces) {
        String text = dict + " ".repeat(spaces) + "\n";
        byte[] head = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 'v', 0};
        byte[] out = Arrays.copyOf(head, 10 + text.length());
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, out, 10, text.length());
        assertEquals(128, out.length);
        return out;
    }

    @Test
    void preambleLengthIsMultipleOf64() {
        long[][] shapes = {{}, {0}, {3}, {4, 2}, {10_000_000L, 7}, {123_456_789_012L, 3, 5}, {1, 1, 1, 1, 1, 1, 1, 1, 1}};
        for (long[] s : shapes) {
            byte[] h = Npy.header(s);
            assertEquals(0, h.length % 64, Arrays.toString(s));
            assertEquals('\n', h[h.length - 1]);
            int declared = (h[8] & 0xFF) | (h[9] & 0xFF) << 8;
            assertEquals(h.length - 10, declared);
        }
    }

    @Test
    void roundTrip1d2d3dThroughWriter() {
        double[] v1 = {0.1 + 0.2, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -1e-300};
        double[] v2 = new double[4 * 3];
        double[] v3 = new double[2 * 3 * 4];
        for (int i = 0; i < v2.length; i++) {
            v2[i] = Math.sin(i) * 1e3;
        }
        for (int i = 0; i < v3.length; i++) {
            v3[i] = Math.exp(-i) - 0.5;
        }
        Path out = tmp.resolve("rt");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            w.array("a", 5).write(v1, 0, 5);
            DatasetWriter.ArrayOutput b = w.array("sub/b", 4, 3);
            b.write(v2, 0, 1);
            b.write(v2, 3, 3);
            w.array("c", 2, 3, 4).write(v3, 0, 2);
            w.commit();
        }
        Npy.NdArray a = Npy.read(out.resolve("a.npy"));
        assertArrayEquals(new int[] {5}, a.shape());
        assertBitsEqual(v1, a.data());
        Npy.NdArray b = Npy.read(out.resolve("sub/b.npy"));
        assertArrayEquals(new int[] {4, 3}, b.shape());
        assertBitsEqual(v2, b.data());
        Npy.NdArray c = Npy.read(out.resolve("c.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, c.shape());
        assertBitsEqual(v3, c.data());
        assertEquals("<f8", c.dtype());
        assertArrayEquals(new long[] {2, 3, 4}, Npy.shape(out.resolve("c.npy")));
    }

    @Test
    void writeConvenienceMatchesStreamingWriterBytes() throws IOException {
        double[] v = {1, 2, 3, 4, 5, 6};
        Npy.write(tmp.resolve("w.npy"), v, 3, 2);
        Path out = tmp.resolve("s");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            w.array("w", 3, 2).write(v, 0, 3);
            w.commit();
        }
        assertEquals(-1L, Files.mismatch(tmp.resolve("w.npy"), out.resolve("w.npy")));
    }

    @Test
    void float32AndIntegerFilesLoadAsDouble() throws IOException {
        ByteBuffer f = le(6 * 4);
        float[] floats = {1.5f, -2.25f, 0.1f, 3e7f, -0f, 7f};
        for (float x : floats) {
            f.putFloat(x);
        }
        f.flip();
        Path f4 = tmp.resolve("f4.npy");
        writeRawNpy(f4, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", f);
        Npy.NdArray a = Npy.read(f4);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals("<f4", a.dtype());
        for (int i = 0; i < floats.length; i++) {
            assertEquals((double) floats[i], a.get(i));
        }

        ByteBuffer l = le(3 * 8).putLong(-5).putLong(1L << 40).putLong(9);
        l.flip();
        writeRawNpy(tmp.resolve("i8.npy"), 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", l);
        assertArrayEquals(new double[] {-5, 1L << 40, 9}, Npy.read(tmp.resolve("i8.npy")).data());

        ByteBuffer i4 = le(2 * 4).putInt(-7).putInt(11);
        i4.flip();
        writeRawNpy(tmp.resolve("i4.npy"), 2, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", i4);
        assertArrayEquals(new double[] {-7, 11}, Npy.read(tmp.resolve("i4.npy")).data());
    }

    @Test
    void rejectsFortranOrderBigEndianAndOtherDtypes() throws IOException {
        ByteBuffer data = le(16).putDouble(1).putDouble(2);
        data.flip();
        Path fortran = tmp.resolve("F.npy");
        writeRawNpy(fortran, 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }", data.duplicate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(fortran));
        assertTrue(e.getMessage().contains("F.npy") && e.getMessage().contains("Fortran"), e.getMessage());

        Path big = tmp.resolve("B.npy");
        writeRawNpy(big, 1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", data.duplicate());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(big));
        assertTrue(e.getMessage().contains("B.npy") && e.getMessage().contains("'>f8'")
                && e.getMessage().contains("big-endian"), e.getMessage());

        Path complex = tmp.resolve("C.npy");
        writeRawNpy(complex, 1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", data.duplicate());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(complex));
        assertTrue(e.getMessage().contains("C.npy") && e.getMessage().contains("'<c16'"), e.getMessage());

        Path notNpy = tmp.resolve("N.npy");
        Files.writeString(notNpy, "x1,x2\n1,2\n");
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(notNpy));
        assertTrue(e.getMessage().contains("N.npy") && e.getMessage().contains("not a NumPy"), e.getMessage());
    }

    @Test
    void truncatedFileNamesFileRowsAndBytes() throws IOException {
        Path out = tmp.resolve("t");
        double[] block = new double[8192 * 7];
        Arrays.fill(block, 1.0);
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            w.array("X", 8192, 7).write(block, 0, 8192);
            w.commit();
        }
        Path x = out.resolve("X.npy");
        byte[] all = Files.readAllBytes(x);
        assertEquals(128 + 458752, all.length);
        Files.write(x, Arrays.copyOf(all, 128 + 1000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(x));
        String m = e.getMessage();
        assertTrue(m.contains("X.npy is truncated"), m);
        assertTrue(m.contains("8192 rows of 7 values (458752 bytes of data)"), m);
        assertTrue(m.contains("holds 1000 bytes"), m);
        assertTrue(m.contains("inside row 18 (17 complete rows)"), m);

        Files.write(x, Arrays.copyOf(all, 100));
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(x));
        assertTrue(e.getMessage().contains("X.npy is truncated"), e.getMessage());

        Files.write(x, Arrays.copyOf(all, all.length + 8));
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(x));
        assertTrue(e.getMessage().contains("X.npy") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(tmp.resolve("nope.npy")));
        assertTrue(e.getMessage().contains("nope.npy does not exist"), e.getMessage());
    }
}
