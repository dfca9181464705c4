package dev.sobolev.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
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
        CertifiedBound sampled = CertifiedBound.sampled(original, pruned, box, 100_000, rng);
        assertTrue(fine.covers(sampled) && coarse.covers(sampled), "sampled " + sampled + " vs bound " + fine);
        double maxValue = sampled.value();
        assertTrue(maxValue > 0);
        // the bound is informative for a small net: measured 2.8× the largest sampled difference with 4³ boxes
        // (21.6, 11.0, 6.33, 3.37 for 1, 2³, 4³, 8³ boxes against 2.25 sampled; experiments/README.md)
        assertTrue(fine.value() < 5 * maxValue, fine.value() + " vs sampled " + maxValue);
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
        assertEquals("splits", assertThrows(InvalidParameterException.class, () -> CertifiedBound.of(a, a, box, 0))
                .parameter());
    }
}
