package dev.sobolev.pricing.lsmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.dataset.DatasetReader;

class LsmcDatasetWriterTest {

    private static final LsmcRecipe KICHLER = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, 0, null, true);

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void byteIdenticalForOneAndTwoThreadsAcrossChunkBoundaries() throws IOException {
        // 600,000 rows span two chunks of whole 4096-row blocks
        SecondOrder pca = new SecondOrder(SecondOrder.Kind.PCA, 2);
        Path a = LsmcDatasetWriter.write(new LsmcJob(KICHLER, 600_000, 42, 1, pca, 5000, DatasetFormat.NPY),
                tmp.resolve("one"), null);
        Path b = LsmcDatasetWriter.write(new LsmcJob(KICHLER, 600_000, 42, 2, pca, 5000, DatasetFormat.NPY),
                tmp.resolve("two"), null);
        List<Path> names = files(a);
        assertEquals(List.of(Path.of("X.npy"), Path.of("Y.npy"), Path.of("dYdX.npy"), Path.of("directions.npy"),
                Path.of("hv.npy"), Path.of("meta.json"), Path.of("test/X.npy"), Path.of("test/Y.npy"),
                Path.of("test/dYdX.npy"), Path.of("test/gamma.npy"), Path.of("test/meta.json")).stream().sorted().toList(),
                names);
        assertEquals(names, files(b));
        for (Path f : names) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f + " differs");
        }
    }

    @Test
    void filesHoldWhatInMemoryGenerationProduces() {
        int n = 10_000;
        Path out = LsmcDatasetWriter.write(new LsmcJob(KICHLER, n, 5, 2, null, 300, DatasetFormat.NPY),
                tmp.resolve("ds"), null);
        Dataset ds = DatasetReader.read(out);
        double[] x = new double[n * 7];
        double[] y = new double[n];
        double[] g = new double[n * 7];
        LsmcGenerator.training(new LabelKernel(KICHLER, new double[0][]), 5, 1, x, y, g, null);
        assertArrayEquals(x, ds.xArray());
        assertArrayEquals(y, ds.yArray());
        assertArrayEquals(g, ds.dydxArray());
        assertEquals("kichler", ds.meta().orElseThrow().get("recipe").asText());
        assertEquals(5, ds.meta().orElseThrow().get("seed").asLong());
        Dataset test = DatasetReader.read(out.resolve("test"));
        assertEquals(300, test.rows());
        assertTrue(test.hasGamma());
        Columns names = new Columns(List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7"),
                Collections.nCopies(7, "price"), List.of("price"), List.of("price"));
        assertEquals(names, Columns.of(ds));
        assertEquals(names, Columns.of(test));
    }

    @Test
    void csvHoldsTheSameNumbers() {
        Path npy = LsmcDatasetWriter.write(new LsmcJob(KICHLER, 2000, 8, 2,
                new SecondOrder(SecondOrder.Kind.RANDOM, 3), 100, DatasetFormat.NPY), tmp.resolve("npy"), null);
        Path csv = LsmcDatasetWriter.write(new LsmcJob(KICHLER, 2000, 8, 2,
                new SecondOrder(SecondOrder.Kind.RANDOM, 3), 100, DatasetFormat.CSV), tmp.resolve("csv"), null);
        Dataset a = DatasetReader.read(npy);
        Dataset b = DatasetReader.read(csv);
        assertArrayEquals(a.xArray(), b.xArray());
        assertArrayEquals(a.hvArray(), b.hvArray());
        assertArrayEquals(a.directionsArray(), b.directionsArray());
        assertArrayEquals(DatasetReader.read(npy.resolve("test")).gammaArray(),
                DatasetReader.read(csv.resolve("test")).gammaArray());
    }

    @Test
    void refusesNonEmptyTargetAndLeavesNothingBehind() throws IOException {
        Path target = tmp.resolve("busy");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "mine");
        LsmcJob job = new LsmcJob(KICHLER, 100, 1, 1, null, 0, DatasetFormat.NPY);
        assertThrows(IllegalArgumentException.class, () -> LsmcDatasetWriter.write(job, target, null));
        assertEquals(List.of(Path.of("keep.txt")), files(target));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(target), s.toList(), "no staging directory left");
        }
    }

    @Test
    void validatesJob() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new LsmcJob(KICHLER, 0, 1, 1, null, 0, DatasetFormat.NPY));
        assertEquals("size must be in [1, 1099511627776], got 0", e.getMessage());
        e = assertThrows(InvalidParameterException.class,
                () -> new LsmcJob(KICHLER, 10, 1, 1, null, -1, DatasetFormat.NPY));
        assertEquals("testSize", e.parameter());
        assertEquals("must be in [0, 1099511627776], got -1", e.detail());
    }
}
