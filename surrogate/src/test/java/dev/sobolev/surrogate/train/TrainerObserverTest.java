package dev.sobolev.surrogate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sobolev.surrogate.nn.Activation;

/** {@link Trainer.EpochObserver}: what it sees, and that watching changes nothing. */
class TrainerObserverTest {

    private static TrainingConfig config(double validation) {
        return TrainingConfig.builder().hidden(8, 8).activation(Activation.TANH).alpha(0.5)
                .schedule(new Schedule.Cosine(0.01, 1e-4)).epochs(12).batchSize(32).validationFraction(validation)
                .threads(2).build();
    }

    @Test
    void theObserverSeesTheInitialParametersThenEveryEpochAndChangesNoBit() {
        TrainingData data = SyntheticData.of(300, 7);
        TrainingConfig config = config(0);
        Trainer.Result plain = Trainer.train(data, config, null);
        List<Integer> seen = new ArrayList<>();
        List<double[]> parameters = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        Trainer.Result watched = Trainer.train(data, config, e -> progress.add(e.epoch()), (epoch, current) -> {
            seen.add(epoch);
            parameters.add(current.network().parameters());
            assertEquals(data.x().length / data.rows(), current.inputs());
        });
        assertArrayEquals(plain.model().network().parameters(), watched.model().network().parameters());
        assertEquals(plain.history().epochs().stream().map(TrainingHistory.Epoch::trainLoss).toList(),
                watched.history().epochs().stream().map(TrainingHistory.Epoch::trainLoss).toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), seen);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), progress);
        // without validation the last epoch's weights are kept: the observer's last view is the result
        assertArrayEquals(plain.model().network().parameters(), parameters.get(12));
        // each view is a copy taken at its epoch, not the live array
        for (int e = 1; e < parameters.size(); e++) {
            assertFalse(Arrays.equals(parameters.get(e - 1), parameters.get(e)), "epoch " + e);
        }
        // the initial view is the initialiser's draw, the same as another run of the seed sees
        List<double[]> again = new ArrayList<>();
        Trainer.train(data, config, null, (epoch, current) -> again.add(current.network().parameters()));
        assertArrayEquals(parameters.get(0), again.get(0));
    }

    @Test
    void withLookBackTheObserverStillSeesTheLastParametersOfEachEpoch() {
        TrainingData data = SyntheticData.of(300, 8);
        TrainingConfig config = config(0.2);
        Trainer.Result plain = Trainer.train(data, config, null);
        List<double[]> parameters = new ArrayList<>();
        Trainer.Result watched = Trainer.train(data, config, null,
                (epoch, current) -> parameters.add(current.network().parameters()));
        assertArrayEquals(plain.model().network().parameters(), watched.model().network().parameters());
        assertEquals(plain.history().bestEpoch(), watched.history().bestEpoch());
        assertArrayEquals(watched.model().network().parameters(), parameters.get(watched.history().bestEpoch()));
    }
}
