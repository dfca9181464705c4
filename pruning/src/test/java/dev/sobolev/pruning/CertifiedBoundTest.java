package dev.sobolev.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.TrainingData;

class CertifiedBoundTest {

    @Test
    void noSampledDifferenceExceedsTheBoundAndMoreBoxesTighten() {
        Surrogate original = PruningFixtures.trained();
        TrainingData data = PruningFixtures.data(1024, 1);
        InputBox box = InputBox.of(new double[] {-1, -1, -1}, new double[] {1, 1, 1});
        Surrogate pruned = Pruner.prune(original, data, box, new Pruner.Config(Saliency.INTERVAL, new int[] {8, 8}, 0.5,
                Double.POSITIVE_INFINITY, null), null, null).model();
        CertifiedBound coarse = CertifiedBound.of(original, pruned, box, 1);
        CertifiedBound fine = CertifiedBound.of(original, pruned, box, 4);
        assertEquals(64, fine.boxes());
        assertTrue(fine.value() < coarse.value(), fine.value() + " vs " + coarse.value());
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(12L);
        double maxValue = 0;
        double[] maxGrad = new double[3];
        double[] x = new double[3];
        double[] go = new double[3];
        double[] gp = new double[3];
        for (int t = 0; t < 100_000; t++) {
            for (int j = 0; j < 3; j++) {
                // a quarter of the points on the faces and corners of the box
                x[j] = t % 4 == 0 ? (rng.nextBoolean() ? 1 : -1) : rng.nextDouble(-1, 1);
            }
            double diff = Math.abs(pruned.valueAndGradient(x, gp) - original.valueAndGradient(x, go));
            maxValue = Math.max(maxValue, diff);
            for (int j = 0; j < 3; j++) {
                maxGrad[j] = Math.max(maxGrad[j], Math.abs(gp[j] - go[j]));
            }
        }
        assertTrue(maxValue <= fine.value(), maxValue + " > " + fine.value());
        for (int j = 0; j < 3; j++) {
            assertTrue(maxGrad[j] <= fine.gradient()[j], "gradient " + j + ": " + maxGrad[j] + " > " + fine.gradient()[j]);
        }
        // the bound is informative: within a factor 50 of the largest sampled difference (measured: see DESIGN.md)
        assertTrue(fine.value() < 50 * maxValue, fine.value() + " vs sampled " + maxValue);
    }

    @Test
    void forIdenticalNetworksTheBoundShrinksQuadraticallyWithTheBoxes() {
        // interval arithmetic does not know the two nets are one (the dependency problem), so the bound is not
        // zero; the mean-value form makes it shrink faster than the sub-box width h (measured 17.7 → 2.43 from
        // h = 1 to h = 1/4, a factor 7.3 where linear would give 4 and quadratic 16)
        Surrogate original = PruningFixtures.trained();
        InputBox box = InputBox.of(new double[] {-1, -1, -1}, new double[] {1, 1, 1});
        double b2 = CertifiedBound.of(original, original, box, 2).value();
        double b8 = CertifiedBound.of(original, original, box, 8).value();
        assertTrue(b8 < b2 / 5, b2 + " -> " + b8);
    }

    @Test
    void rejectsAPrunedNetWithAnotherNormalisation() {
        Surrogate a = PruningFixtures.trained();
        Surrogate b = new Surrogate(a.network(), dev.sobolev.surrogate.nn.Normalisation.identity(3, 1));
        InputBox box = InputBox.of(new double[] {-1, -1, -1}, new double[] {1, 1, 1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CertifiedBound.of(a, b, box, 1)).getMessage()
                .contains("normalisation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CertifiedBound.of(a, a, box, 0)).getMessage()
                .contains("--bound-splits"));
    }
}
