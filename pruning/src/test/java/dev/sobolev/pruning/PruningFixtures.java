package dev.sobolev.pruning;

import java.util.SplittableRandom;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Schedule;
import dev.sobolev.surrogate.train.SyntheticData;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/** Small deterministic nets and data for the pruning tests. */
final class PruningFixtures {
    private PruningFixtures() {
    }

    static Mlp random(int[] widths, Activation act, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextDouble(-1, 1);
        }
        return new Mlp(widths, act, Activation.IDENTITY, theta);
    }

    /** y = sin(2a) + b² − a·c on [−1, 1]³ with exact gradients (the surrogate tests' {@link SyntheticData}). */
    static TrainingData data(int n, long seed) {
        return SyntheticData.of(n, seed);
    }

    static TrainingConfig config(int[] hidden, int epochs, long seed) {
        return TrainingConfig.builder().hidden(hidden).activation(Activation.SILU).alpha(0.25).derivativeScaling(false)
                .schedule(new Schedule.Cosine(0.01, 1e-4)).epochs(epochs).batchSize(64).seed(seed).threads(2).build();
    }

    /** A 3 → 24×2 → 1 SiLU surrogate trained with the Sobolev loss. */
    static Surrogate trained() {
        return Trainer.train(data(1024, 1), config(new int[] {24, 24}, 40, 3), null).model();
    }
}
