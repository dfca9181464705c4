package dev.sobolev.reports.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.pricing.lsmc.LabelKernel;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.reports.MetricsFixtures;
import dev.sobolev.reports.model.DatasetSummary;

class DatasetSummariesTest {
    @TempDir
    static Path dir;

    @Test
    void monteCarloLabelsAreNoisyAgainstTheExactPrice() {
        Path ds = MetricsFixtures.kichler(dir.resolve("k"), 2048, 16);
        Dataset training = DatasetReader.read(ds);
        DatasetSummary s = DatasetSummaries.of(ds, training, 16);
        assertEquals(2048, s.rows());
        assertEquals(16, s.testRows());
        assertEquals(List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7"), s.inputNames());
        assertTrue(s.description().contains("recipe kichler") && s.description().contains("payoff"), s.description());
        for (int j = 0; j < 7; j++) {
            assertTrue(s.lower().get(j) < 1 && 1 < s.upper().get(j), "inputs spread around the spot 1");
        }
        // one antithetic pair per label: the labels scatter around the price (R² 0.93 with this seed), visibly below 1
        assertTrue(s.noiseSd() > 0.01, "noise sd " + s.noiseSd());
        assertTrue(s.noiseR2() < 0.99, "R² " + s.noiseR2());

        // the same inputs labelled with the exact prices: no noise
        double[] exact = new double[training.rows()];
        new LabelKernel(LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, 0, null, true), new double[0][])
                .fillExact(training.rows(), 0, training.xArray(), exact, new double[7 * training.rows()],
                        new double[training.rows()]);
        Dataset clean = Dataset.builder(training.rows(), 7).x(training.xArray()).y(exact)
                .meta(training.meta().orElseThrow()).build();
        DatasetSummary c = DatasetSummaries.of(ds, clean, 16);
        assertEquals(0.0, c.noiseSd());
        assertEquals(1.0, c.noiseR2());
    }

    @Test
    void withoutABachelierMarketTheNoiseIsUnknown() {
        Dataset plain = Dataset.builder(3, 1).x(new double[] {0, 1, 2}).y(new double[] {0, 1, 4}).build();
        DatasetSummary s = DatasetSummaries.of(Path.of("plain"), plain, 0);
        assertTrue(Double.isNaN(s.noiseSd()) && Double.isNaN(s.noiseR2()));
        assertEquals(List.of("x1"), s.inputNames());
        assertEquals(List.of(0.0), s.lower());
        assertEquals(List.of(2.0), s.upper());
        assertEquals("no description in meta.json", s.description());
    }
}
