package dev.sobolev.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.TrainingData;

class FineTuningTest {

    @Test
    void teacherLabelsAreTheOriginalNetsValuesAndGradients() {
        Surrogate original = PruningFixtures.trained();
        TrainingData data = PruningFixtures.data(64, 9);
        TrainingData t = FineTuning.teacherLabels(original, data);
        assertArrayEquals(data.x(), t.x(), 0.0);
        double[] g = new double[3];
        for (int r = 0; r < 64; r++) {
            double[] x = java.util.Arrays.copyOfRange(data.x(), 3 * r, 3 * r + 3);
            assertEquals(original.valueAndGradient(x, g), t.y()[r], 0.0);
            assertArrayEquals(g, java.util.Arrays.copyOfRange(t.dydx(), 3 * r, 3 * r + 3), 0.0);
        }
    }

    @Test
    void fineTuningRecoversMostOfWhatPruningLost() {
        Surrogate original = PruningFixtures.trained();
        TrainingData data = PruningFixtures.data(1024, 1);
        TrainingData validation = PruningFixtures.data(512, 2);
        InputBox box = InputBox.of(new double[] {-1, -1, -1}, new double[] {1, 1, 1});
        Surrogate pruned = Pruner.prune(original, data, box, new Pruner.Config(Saliency.INTERVAL, new int[] {6, 6}, 0.5,
                Double.POSITIVE_INFINITY, null), null, null).model();
        assertSame(pruned, FineTuning.NONE.apply(pruned, original, data, null).model());
        double lost = Pruner.valueRmse(pruned, validation);
        for (FineTuning f : new FineTuning[] {FineTuning.NN, FineTuning.DATA}) {
            FineTuning.Result r = f.apply(pruned, original, data, PruningFixtures.config(new int[] {1}, 40, 5));
            assertArrayEquals(pruned.network().widths(), r.model().network().widths());
            double back = Pruner.valueRmse(r.model(), validation);
            assertTrue(back < 0.1 * lost, f + ": RMSE " + lost + " -> " + back);
        }
    }
}
