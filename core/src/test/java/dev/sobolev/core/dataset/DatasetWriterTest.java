package dev.sobolev.core.dataset;

import static dev.sobolev.core.dataset.TestFiles.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sobolev.core.io.UmaskPermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {

    @TempDir
    Path tmp;

    @Test
    void streamsMillionRowsInBlocksAndReadsBackSums() throws IOException {
        int n = 1_000_000;
        int d = 7;
        int block = 4096;
        Path out = tmp.resolve("big");
        double[] expectedColSums = new double[d];
        double expectedY = 0;
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            DatasetWriter.ArrayOutput x = w.array("X", n, d);
            DatasetWriter.ArrayOutput y = w.array("Y", n);
            double[] xb = new double[block * d];
            double[] yb = new double[block];
            for (int start = 0; start < n; start += block) {
                int rows = Math.min(block, n - start);
                for (int r = 0; r < rows; r++) {
                    long i = start + r;
                    for (int j = 0; j < d; j++) {
                        xb[r * d + j] = (i % 1000) * 0.5 + j;
                        expectedColSums[j] += xb[r * d + j];
                    }
                    yb[r] = i % 7 - 3;
                    expectedY += yb[r];
                }
                x.write(xb, 0, rows);
                y.write(yb, 0, rows);
            }
            assertEquals(n, x.rowsWritten());
            assertFalse(Files.exists(out), "nothing at the target before commit");
            w.commit();
        }
        assertEquals(List.of("big"), list(tmp), "staging directory renamed, nothing else left");
        assertEquals(128 + 8L * n * d, Files.size(out.resolve("X.npy")));
        Dataset ds = DatasetReader.read(out);
        assertEquals(n, ds.rows());
        assertEquals(d, ds.inputDim());
        assertFalse(ds.hasGradients());
        double[] xs = ds.xArray();
        double[] sums = new double[d];
        for (int i = 0; i < xs.length; i++) {
            sums[i % d] += xs[i];
        }
        for (int j = 0; j < d; j++) {
            assertEquals(expectedColSums[j], sums[j], 0.0, "column " + j);
        }
        double ys = 0;
        for (double v : ds.yArray()) {
            ys += v;
        }
        assertEquals(expectedY, ys, 0.0);
        assertEquals(999 * 0.5 + 6, ds.x(999_999, 6));
    }

    @Test
    void sameDataTwiceGivesByteIdenticalFiles() throws IOException {
        for (DatasetFormat f : DatasetFormat.values()) {
            Path a = writeRandom(tmp.resolve("a-" + f.suffix()), f);
            Path b = writeRandom(tmp.resolve("b-" + f.suffix()), f);
            for (String name : List.of("X", "Y", "dYdX", "test/X")) {
                String file = f.fileName(name);
                assertEquals(-1L, Files.mismatch(a.resolve(file), b.resolve(file)), file);
            }
            assertEquals(-1L, Files.mismatch(a.resolve("meta.json"), b.resolve("meta.json")));
        }
    }

    private static Path writeRandom(Path out, DatasetFormat f) {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 5000;
        int d = 3;
        ObjectNode meta = new ObjectMapper().createObjectNode().put("product", "basket").put("seed", 42);
        meta.putArray("spots").add(100.0).add(95.5);
        try (DatasetWriter w = DatasetWriter.create(out, f)) {
            DatasetWriter.ArrayOutput x = w.array("X", n, d);
            DatasetWriter.ArrayOutput y = w.array("Y", n);
            DatasetWriter.ArrayOutput g = w.array("dYdX", n, d);
            DatasetWriter.ArrayOutput tx = w.array("test/X", 10, d);
            for (int start = 0; start < n; start += 1000) {
                x.write(rnd.doubles(1000L * d).toArray(), 0, 1000);
                y.write(rnd.doubles(1000).map(v -> v * 1e-7).toArray(), 0, 1000);
                g.write(rnd.doubles(1000L * d).map(v -> -v).toArray(), 0, 1000);
            }
            tx.write(new double[10 * d], 0, 10);
            w.writeMeta("", meta);
            w.commit();
        }
        return out;
    }

    @Test
    void metaJsonIsPrettyAndDeterministic() throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode meta = om.createObjectNode().put("product", "basket").put("n", 3);
        meta.putObject("model").put("vol", 0.2);
        Path out = tmp.resolve("m");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.CSV)) {
            w.writeMeta("", meta);
            w.writeMeta("test", meta);
            assertThrows(IllegalArgumentException.class, () -> w.writeMeta("", meta));
            assertThrows(IllegalArgumentException.class, () -> w.writeMeta("", om.createArrayNode()));
            w.commit();
        }
        String expected = "{\n  \"product\": \"basket\",\n  \"n\": 3,\n  \"model\": {\n    \"vol\": 0.2\n  }\n}\n";
        assertEquals(expected, Files.readString(out.resolve("meta.json"), StandardCharsets.UTF_8));
        assertEquals(expected, Files.readString(out.resolve("test/meta.json"), StandardCharsets.UTF_8));
    }

    @Test
    void csvHasHeaderRowAndToStringValues() throws IOException {
        Path out = tmp.resolve("c");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.CSV)) {
            w.array("X", 2, 3).write(new double[] {1, 0.1, -2.5e-10, 4, 5, 6}, 0, 2);
            w.array("Y", 2).write(new double[] {7, 8}, 0, 2);
            w.array("dYdX", 1, 2, 2).write(new double[] {1, 2, 3, 4}, 0, 1);
            w.array("hv", 1, 2, 3).write(new double[6], 0, 1);
            w.array("directions", 2, 3).write(new double[6], 0, 2);
            w.commit();
        }
        assertEquals("x1,x2,x3\n1.0,0.1,-2.5E-10\n4.0,5.0,6.0\n", Files.readString(out.resolve("X.csv")));
        assertEquals("y\n7.0\n8.0\n", Files.readString(out.resolve("Y.csv")));
        assertEquals("dydx1_1,dydx1_2,dydx2_1,dydx2_2\n1.0,2.0,3.0,4.0\n", Files.readString(out.resolve("dYdX.csv")));
        assertTrue(Files.readString(out.resolve("hv.csv")).startsWith("hv1_1,hv1_2,hv1_3,hv2_1,hv2_2,hv2_3\n"));
        assertTrue(Files.readString(out.resolve("directions.csv")).startsWith("dir1,dir2,dir3\n0.0,"));
    }

    @Test
    void nonEmptyTargetOrFileIsRejected() throws IOException {
        Path full = Files.createDirectory(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetWriter.create(full, DatasetFormat.NPY));
        assertEquals("output directory " + full + " already exists and is not empty; choose a new directory or remove it",
                e.getMessage());
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> DatasetWriter.create(file, DatasetFormat.CSV));
        assertTrue(e.getMessage().contains("output directory " + file + " already exists"), e.getMessage());
        assertEquals(List.of("afile", "full"), list(tmp), "nothing created");
    }

    @Test
    void emptyTargetDirectoryIsReplacedAndParentCreated() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        try (DatasetWriter w = DatasetWriter.create(empty, DatasetFormat.NPY)) {
            w.array("X", 1, 1).write(new double[] {1}, 0, 1);
            assertEquals(empty, w.commit());
        }
        assertEquals(List.of("X.npy"), list(empty));
        Path nested = tmp.resolve("p/q/r");
        DatasetWriter.create(nested, DatasetFormat.NPY).close();
        assertEquals(List.of(), list(tmp.resolve("p/q")));
    }

    @Test
    void stagingAndDataSetDirectoriesAndFilesGetTheUmaskPermissions() throws IOException {
        Path out = tmp.resolve("shared");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            w.array("X", 1, 2).write(new double[] {1, 2}, 0, 1);
            w.array("test/Y", 1).write(new double[] {3}, 0, 1);
            w.writeMeta("", new ObjectMapper().createObjectNode());
            Path staging = tmp.resolve(list(tmp).stream().filter(s -> s.startsWith(".shared.partial-")).findFirst()
                    .orElseThrow());
            UmaskPermissions.assertUsualForDirectory(staging);
            w.commit();
        }
        UmaskPermissions.assertUsualForDirectory(out);
        UmaskPermissions.assertUsualForDirectory(out.resolve("test"));
        for (String file : List.of("X.npy", "meta.json", "test/Y.npy")) {
            UmaskPermissions.assertUsualForFile(out.resolve(file));
        }
    }

    @Test
    void unwritableParentIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetWriter.create(file.resolve("out"), DatasetFormat.NPY));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("cannot create"),
                e.getMessage());
    }

    @Test
    void closeWithoutCommitLeavesNothing() throws IOException {
        Files.writeString(tmp.resolve("other.txt"), "x");
        List<String> before = list(tmp);
        Path out = tmp.resolve("run");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            w.array("X", 100, 2).write(new double[100], 0, 50);
            w.array("test/Y", 3).write(new double[] {1, 2, 3}, 0, 3);
            w.writeMeta("", new ObjectMapper().createObjectNode());
            List<String> during = list(tmp);
            assertEquals(before.size() + 1, during.size());
            assertTrue(during.stream().anyMatch(s -> s.startsWith(".run.partial-")), during.toString());
            // simulated failure: no commit
        }
        assertEquals(before, list(tmp));
    }

    @Test
    void closeWithoutCommitDuringWriteBehindFlushesLeavesNothing() throws IOException {
        List<String> before = list(tmp);
        int rows = 1 << 20;
        double[] block = new double[rows];
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve("big"), DatasetFormat.NPY)) {
            DatasetWriter.ArrayOutput x = w.array("X", 8L * rows, 1);
            for (int b = 0; b < 7; b++) {
                // 56 MiB of 64: at least one flush to the device has started on the write-behind thread
                x.write(block, 0, rows);
            }
        }
        assertEquals(before, list(tmp));
    }

    @Test
    void nanIsRejectedWithStemAndRowAndNothingIsLeft() throws IOException {
        List<String> before = list(tmp);
        Path out = tmp.resolve("nan");
        IllegalStateException e;
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
            DatasetWriter.ArrayOutput g = w.array("dYdX", 10, 2, 3);
            g.write(new double[12], 0, 2);
            double[] bad = new double[12];
            bad[7] = Double.NaN;
            e = assertThrows(IllegalStateException.class, () -> g.write(bad, 0, 2));
            assertEquals(2, g.rowsWritten(), "the bad block is not written");
            IllegalStateException later = assertThrows(IllegalStateException.class, w::commit);
            assertTrue(later.getMessage().contains("failed earlier"), later.getMessage());
        }
        assertTrue(e.getMessage().contains("dYdX") && e.getMessage().contains("row index 3")
                && e.getMessage().contains("[0, 1]") && e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(before, list(tmp));
    }

    @Test
    void rowCountsAreEnforced() throws IOException {
        Path out = tmp.resolve("rows");
        try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.CSV)) {
            DatasetWriter.ArrayOutput y = w.array("Y", 3);
            y.write(new double[] {1, 2}, 0, 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, w::commit);
            assertTrue(e.getMessage().contains("Y has 2 rows written but 3 declared"), e.getMessage());
            IllegalStateException over = assertThrows(IllegalStateException.class,
                    () -> y.write(new double[] {1, 2}, 0, 2));
            assertTrue(over.getMessage().contains("Y") && over.getMessage().contains("3 declared"),
                    over.getMessage());
        }
        assertEquals(List.of(), list(tmp));
    }

    @Test
    void invalidArgumentsAreRejected() {
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve("bad"), DatasetFormat.NPY)) {
            assertThrows(IllegalArgumentException.class, () -> w.array("a/b/c", 1));
            assertThrows(IllegalArgumentException.class, () -> w.array("../X", 1));
            assertThrows(IllegalArgumentException.class, () -> w.array("", 1));
            assertThrows(IllegalArgumentException.class, () -> w.array("X", -1));
            DatasetWriter.ArrayOutput x = w.array("X", 4, 2);
            assertThrows(IllegalArgumentException.class, () -> w.array("X", 4, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> x.write(new double[5], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> x.write(new double[8], 2, 4));
            x.write(new double[8], 0, 4);
            w.commit();
            assertThrows(IllegalStateException.class, () -> x.write(new double[2], 0, 1));
            assertThrows(IllegalStateException.class, w::commit);
        }
        assertTrue(Files.exists(tmp.resolve("bad/X.npy")));
    }

    @Test
    void aStagingDirectoryAKilledRunLeftIsRemovedByTheNextWriterToTheTarget() throws IOException {
        Path stale = Files.createDirectories(tmp.resolve(".run.partial-999999999-5a").resolve("test"));
        Files.write(stale.resolve("X.npy"), new byte[4096]);
        Path other = Files.createDirectories(tmp.resolve(".other.partial-999999999-5b"));
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve("run"), DatasetFormat.NPY)) {
            assertFalse(Files.exists(stale.getParent()), "swept when the writer starts");
            w.array("X", 1, 1).write(new double[] {1}, 0, 1);
            w.commit();
        }
        assertEquals(List.of(".other.partial-999999999-5b", "run"), list(tmp), "another target's staging is kept");
        assertTrue(Files.exists(other));
    }

    @Test
    void aFailedWriterUnregistersAndDeletesItsStagingDirectory() throws IOException {
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve("gone"), DatasetFormat.NPY)) {
            w.array("test/X", 2, 1).write(new double[] {1}, 0, 1);
        }
        assertEquals(List.of(), list(tmp));
    }
}
