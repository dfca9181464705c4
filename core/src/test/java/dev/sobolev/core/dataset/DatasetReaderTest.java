package dev.sobolev.core.dataset;

import static dev.sobolev.core.dataset.TestFiles.assertBitsEqual;
import static dev.sobolev.core.dataset.TestFiles.le;
import static dev.sobolev.core.dataset.TestFiles.writeRawNpy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path tmp;

    static Dataset sample(int n, int d, int m, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ObjectNode meta = new ObjectMapper().createObjectNode().put("seed", seed);
        Dataset.Builder b = Dataset.builder(n, d)
                .x(r.doubles((long) n * d).map(v -> v * 100 - 50).toArray())
                .y(r.doubles((long) n * m).map(v -> v / 3).toArray(), m)
                .dydx(r.doubles((long) n * m * d).toArray())
                .gamma(r.doubles(n).map(v -> v * 1e-12).toArray())
                .hessian(r.doubles((long) n * d * d).toArray())
                .meta(meta);
        if (k > 0) {
            b.secondOrder(r.doubles((long) k * d).toArray(), k, r.doubles((long) n * k * d).toArray());
        }
        return b.build();
    }

    static void assertSame(Dataset e, Dataset a) {
        assertEquals(e.rows(), a.rows());
        assertEquals(e.inputDim(), a.inputDim());
        assertEquals(e.outputs(), a.outputs());
        assertBitsEqual(e.xArray(), a.xArray());
        assertBitsEqual(e.yArray(), a.yArray());
        assertBitsEqual(e.dydxArray(), a.dydxArray());
        assertBitsEqual(e.gammaArray(), a.gammaArray());
        assertBitsEqual(e.hessianArray(), a.hessianArray());
        assertEquals(e.hasSecondOrder(), a.hasSecondOrder());
        if (e.hasSecondOrder()) {
            assertEquals(e.directionCount(), a.directionCount());
            assertBitsEqual(e.directionsArray(), a.directionsArray());
            assertBitsEqual(e.hvArray(), a.hvArray());
        }
        // numeric node types may differ (LongNode vs IntNode), the JSON text may not
        assertEquals(e.meta().map(Object::toString), a.meta().map(Object::toString));
    }

    @Test
    void fullRoundTripBothFormatsWithTestSet() {
        for (DatasetFormat f : DatasetFormat.values()) {
            for (int m : new int[] {1, 2}) {
                Dataset train = sample(50, 3, m, 2, 1);
                Dataset test = sample(7, 3, m, 0, 2);
                Path out = tmp.resolve(f.suffix() + m);
                try (DatasetWriter w = DatasetWriter.create(out, f)) {
                    w.writeInto("", train);
                    w.writeInto("test", test);
                    w.commit();
                }
                assertEquals(f, DatasetReader.detectFormat(out));
                assertSame(train, DatasetReader.read(out));
                assertSame(test, DatasetReader.read(out.resolve("test")));
            }
        }
    }

    @Test
    void csvWithoutHeaderLoads() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("hand"));
        Files.writeString(dir.resolve("X.csv"), "1,2\r\n3.5,-4e-3\r\n\r\n 5 , 6 \r\n");
        Files.writeString(dir.resolve("Y.csv"), "10\n20\n30\n");
        Files.writeString(dir.resolve("dYdX.csv"), "dy/dx1,dy/dx2\n0.1,0.2\n0.3,0.4\n0.5,0.6\n");
        Dataset ds = DatasetReader.read(dir);
        assertEquals(3, ds.rows());
        assertEquals(2, ds.inputDim());
        assertEquals(1, ds.outputs());
        assertEquals(-4e-3, ds.x(1, 1));
        assertEquals(5.0, ds.x(2, 0));
        assertEquals(30.0, ds.y(2));
        assertEquals(0.6, ds.dydx(2, 1));
        assertFalse(ds.hasGamma());
        assertTrue(ds.meta().isEmpty());
    }

    @Test
    void csvMultiOutputColumnsGiveShapes() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("multi"));
        Files.writeString(dir.resolve("X.csv"), "x1,x2\n1,2\n3,4\n");
        Files.writeString(dir.resolve("Y.csv"), "a,b\n1,2\n3,4\n");
        Files.writeString(dir.resolve("dYdX.csv"), "1,2,3,4\n5,6,7,8\n");
        Dataset ds = DatasetReader.read(dir);
        assertEquals(2, ds.outputs());
        assertEquals(7.0, ds.dydx(1, 1, 0));
        assertThrows(IllegalStateException.class, () -> ds.y(0));
        Files.writeString(dir.resolve("dYdX.csv"), "1,2\n5,6\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("dYdX.csv has 2 columns but 4 are expected"), e.getMessage());
    }

    @Test
    void float32NpyDatasetLoads() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("f32"));
        ByteBuffer x = le(4 * 4).putFloat(1.25f).putFloat(2f).putFloat(-3f).putFloat(0.5f);
        x.flip();
        writeRawNpy(dir.resolve("X.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", x);
        ByteBuffer y = le(8).putFloat(9f).putFloat(-9f);
        y.flip();
        writeRawNpy(dir.resolve("Y.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", y);
        Dataset ds = DatasetReader.read(dir);
        assertEquals(-3.0, ds.x(1, 0));
        assertEquals(-9.0, ds.y(1));
        assertFalse(ds.hasGradients());
    }

    @Test
    void nanInCsvNamesFileLineRowColumn() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("nan"));
        Files.writeString(dir.resolve("X.csv"), "x1\n1\n2\n3\n");
        Files.writeString(dir.resolve("Y.csv"), "y\n1\n2\nNaN\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().endsWith("Y.csv line 4 (row 3), column 1: NaN is not allowed"), e.getMessage());
        Files.writeString(dir.resolve("Y.csv"), "1\n2\n-inf\n");
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().endsWith("Y.csv line 3 (row 3), column 1: -Infinity is not allowed"),
                e.getMessage());
    }

    @Test
    void nanInNpyNamesFileRowColumn() {
        Path dir = tmp.resolve("nannpy");
        Dataset ok = sample(4, 2, 1, 0, 3);
        DatasetWriter.write(dir, DatasetFormat.NPY, ok);
        // writers refuse non-finite values, so patch the bytes of the file directly: X[2, 1] = NaN
        try {
            byte[] b = Files.readAllBytes(dir.resolve("X.npy"));
            ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(128 + 5 * 8, Double.NaN);
            Files.write(dir.resolve("X.npy"), b);
        } catch (IOException io) {
            throw new AssertionError(io);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().endsWith("X.npy row 3, column 2: NaN is not allowed"), e.getMessage());
    }

    @Test
    void raggedUnparsableAndEmptyCsv() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("bad"));
        Files.writeString(dir.resolve("Y.csv"), "1\n2\n");
        Files.writeString(dir.resolve("X.csv"), "x1,x2,x3\n1,2,3\n4,5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("X.csv line 3 has 2 values, expected 3"), e.getMessage());

        Files.writeString(dir.resolve("X.csv"), "1,2,3\n4,5,abc\n");
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("X.csv line 2 (row 2), column 3: cannot parse \"abc\""), e.getMessage());

        Files.writeString(dir.resolve("X.csv"), "1,,3\n");
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("X.csv line 1 (row 1), column 2: empty value"), e.getMessage());

        Files.writeString(dir.resolve("X.csv"), "\n\n");
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("X.csv is empty"), e.getMessage());
    }

    @Test
    void rowMismatchNamesBothFilesAndSizes() {
        Path dir = tmp.resolve("mis");
        try (DatasetWriter w = DatasetWriter.create(dir, DatasetFormat.NPY)) {
            w.array("X", 5, 2).write(new double[10], 0, 5);
            w.array("Y", 4).write(new double[4], 0, 4);
            w.commit();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("X.npy has 5 rows but Y.npy has 4 rows"), e.getMessage());
    }

    @Test
    void hvWithoutDirectionsIsAnError() {
        Path dir = tmp.resolve("hv");
        try (DatasetWriter w = DatasetWriter.create(dir, DatasetFormat.CSV)) {
            w.array("X", 2, 2).write(new double[4], 0, 2);
            w.array("Y", 2).write(new double[2], 0, 2);
            w.array("hv", 2, 1, 2).write(new double[4], 0, 2);
            w.commit();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("hv.csv is present but directions.csv is missing"), e.getMessage());
    }

    @Test
    void directoryProblemsAreExplained() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetReader.read(tmp.resolve("missing")));
        assertTrue(e.getMessage().contains("missing does not exist"), e.getMessage());

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(empty));
        assertEquals(empty + " holds no X.npy or X.csv: not a dataset directory", e.getMessage());

        Files.writeString(empty.resolve("X.csv"), "1\n");
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(empty));
        assertTrue(e.getMessage().contains("X.csv is present but Y.csv is missing"), e.getMessage());

        Npy.write(empty.resolve("Y.npy"), new double[] {1}, 1);
        e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(empty));
        assertTrue(e.getMessage().contains("holds Y.npy but its format is csv"), e.getMessage());
    }

    @Test
    void directoriesWhereFilesAreExpectedAreRefusedAsInput() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("a.npy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(dir));
        assertEquals(dir + " is a directory, not a NumPy .npy file", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SeriesReader.read(dir, null));
        assertEquals("file " + dir + " is a directory, not a CSV file", e.getMessage());
    }

    @Test
    void anUnparsableCellIsShownShortAndPrintable() throws IOException {
        Path file = tmp.resolve("binary.csv");
        Files.writeString(file, "r\n0.1\n\u0001\u0002" + "z".repeat(100) + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesReader.read(file, null));
        assertEquals("file " + file + " line 3 (row 2), column 1: cannot parse \"\\x01\\x02" + "z".repeat(78) + "...\" as a number",
                e.getMessage());
    }

    @Test
    void malformedMetaJsonIsNamed() throws IOException {
        Path dir = tmp.resolve("meta");
        DatasetWriter.write(dir, DatasetFormat.CSV, sample(3, 1, 1, 0, 5));
        Files.writeString(dir.resolve("meta.json"), "{\"a\": 1,,}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("meta.json is not valid JSON"), e.getMessage());
        Files.delete(dir.resolve("meta.json"));
        assertTrue(DatasetReader.read(dir).meta().isEmpty(), "meta.json is optional");
    }
}
