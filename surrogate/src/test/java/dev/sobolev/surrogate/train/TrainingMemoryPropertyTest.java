package dev.sobolev.surrogate.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.fuzz.Fuzz;

/**
 * Seeded properties of {@link TrainingMemory} over random architectures and run settings: the estimate is finite,
 * positive and grows with every layer's width, and a run is refused, naming the parameter, exactly when the
 * estimate exceeds the heap it is given.
 */
class TrainingMemoryPropertyTest {

    /** Random widths n₀..n_{L+1}: 1 to 5 hidden layers of 1 to 100,000 units (log-uniform). */
    private static int[] widths(SplittableRandom r) {
        int[] w = new int[3 + r.nextInt(5)];
        for (int l = 0; l < w.length; l++) {
            w[l] = (int) Math.pow(10, r.nextDouble(0, 5));
        }
        w[0] = 1 + r.nextInt(50);
        w[w.length - 1] = 1 + r.nextInt(3);
        return w;
    }

    @Test
    void theEstimateGrowsWithEveryWidth() {
        Fuzz.run(2406, Fuzz.cases() / 5, r -> {
            int[] w = widths(r);
            int rows = 1 + r.nextInt(1_000_000);
            int validation = r.nextInt(rows);
            int batch = 1 + r.nextInt(rows);
            int directions = r.nextInt(4);
            int threads = 1 + r.nextInt(64);
            boolean keepBest = r.nextBoolean();
            double data = (double) rows * (w[0] + 1) * (1 + w[0]);
            double before = TrainingMemory.bytes(w, rows, validation, batch, directions, threads, keepBest, data);
            assertTrue(Double.isFinite(before) && before > 0, "estimate " + before);
            int l = 1 + r.nextInt(w.length - 2);
            int[] wider = w.clone();
            wider[l] += 1 + r.nextInt(1000);
            double after = TrainingMemory.bytes(wider, rows, validation, batch, directions, threads, keepBest, data);
            assertTrue(after > before, "widening layer " + l + " of " + java.util.Arrays.toString(w) + " by "
                    + (wider[l] - w[l]) + ": " + before + " -> " + after);
        });
    }

    @Test
    void aRunIsRefusedExactlyWhenTheEstimateExceedsTheHeap() {
        Fuzz.run(2407, Fuzz.cases() / 5, r -> {
            int[] w = widths(r);
            int rows = 1 + r.nextInt(100_000);
            int validation = r.nextInt(rows);
            int batch = 1 + r.nextInt(rows);
            int threads = 1 + r.nextInt(8);
            boolean keepBest = r.nextBoolean();
            double data = (double) rows * (w[0] + 1);
            double need = TrainingMemory.bytes(w, rows, validation, batch, 0, threads, keepBest, data);
            double free = need * Math.pow(2, r.nextDouble(-4, 4));
            if (r.nextInt(8) == 0) {
                free = need;
            }
            double max = free * 1.5;
            String parameter = r.nextBoolean() ? "hidden" : "model";
            try {
                TrainingMemory.check(parameter, free, max, w, rows, validation, batch, 0, threads, keepBest, data);
            } catch (InvalidParameterException e) {
                assertEquals(parameter, e.parameter());
                Fuzz.assertCleanRefusal(e, parameter + " [", "needing " + need + " of " + free);
                assertTrue(need > free, "refused although " + need + " <= " + free + ": " + e.getMessage());
                return;
            }
            assertTrue(need <= free, "accepted although " + need + " > " + free);
        });
    }
}
