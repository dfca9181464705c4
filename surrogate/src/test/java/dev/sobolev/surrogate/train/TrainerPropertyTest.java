package dev.sobolev.surrogate.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.fuzz.Fuzz;

/**
 * Seeded properties of {@link Trainer} on a tiny synthetic data set with learning rates log-uniform in
 * [1e−4, 1e8], random optimisers, schedules, batch sizes and validation shares, and 3 to 5 epochs: a run either
 * completes with a finite final loss and finite weights, or throws {@link TrainingDivergedException}; asked to
 * keep its best weights, the same run returns finite weights, and its history says diverged whenever the plain
 * run threw (or, having diverged before finishing an epoch, throws saying there is no finished epoch to keep).
 */
class TrainerPropertyTest {

    private static final int ROWS = 64;

    private static Optimizer optimizer(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0:
                return new Optimizer.Sgd();
            case 1:
                return new Optimizer.Momentum(0.9);
            case 2:
                return new Optimizer.Nesterov(0.9);
            case 3:
                return new Optimizer.RmsProp(0.9, 1e-8);
            default:
                return Optimizer.Adam.defaults();
        }
    }

    private static Schedule schedule(SplittableRandom r, double lr, int epochs) {
        switch (r.nextInt(5)) {
            case 0:
                return new Schedule.Constant(lr);
            case 1:
                return Schedule.TimeDecay.between(lr, lr / 100, epochs);
            case 2:
                return new Schedule.Step(lr, 0.5, 2);
            case 3:
                return new Schedule.Cosine(lr, lr / 100);
            default:
                return new Schedule.OneCycle(lr / 100, lr, lr / 10, lr / 1000, 0.2, 0.6);
        }
    }

    @Test
    void runsFinishFiniteOrDivergeAndKeepBestReturnsFiniteWeights() {
        double[][] d = SyntheticData.arrays(ROWS, 7);
        TrainingData data = new TrainingData(d[0], d[1], d[2], null, null, ROWS);
        Fuzz.run(2408, Fuzz.cases() / 10, r -> {
            double lr = Math.pow(10, r.nextDouble(-4, 8));
            int epochs = 3 + r.nextInt(3);
            TrainingConfig config = TrainingConfig.builder().hidden(1 + r.nextInt(8), 1 + r.nextInt(8))
                    .alpha(r.nextDouble()).optimizer(optimizer(r)).schedule(schedule(r, lr, epochs)).epochs(epochs)
                    .batchSize(8 << r.nextInt(4)).validationFraction(r.nextBoolean() ? 0 : 0.25)
                    .seed(r.nextLong()).threads(1 + r.nextInt(2)).build();
            String context = config.toString();
            boolean threw = false;
            try {
                Trainer.Result result = Trainer.train(data, config, null);
                assertTrue(!result.history().diverged(), context);
                assertTrue(Double.isFinite(result.history().finalLoss()), "final loss "
                        + result.history().finalLoss() + " with " + context);
                assertFinite(result.model().network().parameters(), context);
            } catch (TrainingDivergedException e) {
                threw = true;
                assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
            }
            Trainer.Result kept;
            try {
                kept = Trainer.train(data, config.toBuilder().keepBest(true).build(), null);
            } catch (TrainingDivergedException e) {
                // documented: a run that diverges before finishing an epoch has nothing to keep
                assertTrue(threw && e.keepBestAsked() && e.getMessage().endsWith("; no finished epoch to keep"),
                        e.getMessage() + " with keepBest, " + context);
                return;
            }
            assertFinite(kept.model().network().parameters(), "keepBest, " + context);
            assertTrue(!threw || kept.history().diverged(), "keepBest after divergence, history "
                    + kept.history().stopReason() + " with " + context);
        });
    }

    private static void assertFinite(double[] weights, String context) {
        for (double w : weights) {
            assertTrue(Double.isFinite(w), "weight " + w + " with " + context);
        }
    }
}
