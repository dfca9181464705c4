package dev.sobolev.pricing.garch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.dataset.DatasetReader;

class GarchDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void labelsAreForecastsAndGradientsMatchFiniteDifferences() {
        GarchDataset.Job job = new GarchDataset.Job(1000, 50, 9, 2, 1.0, 1.0, 5, DatasetFormat.NPY);
        Path out = GarchDataset.write(job, tmp.resolve("g"), null);
        Dataset d = DatasetReader.read(out);
        assertEquals(4, d.inputDim());
        assertEquals(5, d.outputs());
        for (int r = 0; r < d.rows(); r += 97) {
            double[] t = {d.x(r, 0), d.x(r, 1), d.x(r, 2), d.x(r, 3)};
            for (double v : t) {
                assertTrue(v >= 0 && v < 1);
            }
            // eq. 12-13 by hand
            double h = t[1] + t[2] * (1 - t[0]) * (1 - t[0]) + t[3];
            for (int k = 0; k < 5; k++) {
                assertEquals(h, d.y(r, k), 1e-14);
                for (int i = 0; i < 4; i++) {
                    double eps = 1e-6;
                    double[] up = t.clone();
                    double[] dn = t.clone();
                    up[i] += eps;
                    dn[i] -= eps;
                    double fd = (forecast(up, k + 1) - forecast(dn, k + 1)) / (2 * eps);
                    assertEquals(fd, d.dydx(r, k, i), 1e-7 * Math.max(1, Math.abs(fd)));
                }
                h = t[1] + (t[2] + t[3]) * h;
            }
        }
        assertEquals(50, DatasetReader.read(out.resolve("test")).rows());
        assertTrue(Files.exists(out.resolve("meta.json")));
        assertEquals(new Columns(List.of("mu", "omega", "alpha", "beta"), List.of("", "", "", ""),
                List.of("h1", "h2", "h3", "h4", "h5"), Collections.nCopies(5, "variance")), Columns.of(d));
    }

    private static double forecast(double[] t, int k) {
        double h = t[1] + t[2] * (1 - t[0]) * (1 - t[0]) + t[3];
        for (int j = 2; j <= k; j++) {
            h = t[1] + (t[2] + t[3]) * h;
        }
        return h;
    }
}
