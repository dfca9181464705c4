package dev.sobolev.surrogate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Precision;
import dev.sobolev.surrogate.nn.Surrogate;

class TrainerTest {

    private static TrainingConfig config(double alpha, int threads) {
        return TrainingConfig.builder().hidden(16, 16).alpha(alpha).schedule(new Schedule.Cosine(0.01, 1e-4))
                .epochs(60).batchSize(64).validationFraction(0.1).threads(threads).build();
    }

    @Test
    void sameSeedGivesBitwiseIdenticalWeightsForOneAndTwoThreads() {
        double[][] d = SyntheticData.arrays(1000, 1);
        Trainer.Result a = Trainer.train(new TrainingData(d[0], d[1], d[2], null, null, 1000), config(0.5, 1), null);
        Trainer.Result b = Trainer.train(new TrainingData(d[0], d[1], d[2], null, null, 1000), config(0.5, 2), null);
        assertArrayEquals(a.model().network().parameters(), b.model().network().parameters());
        assertEquals(a.history().epochs().size(), b.history().epochs().size());
        for (int e = 0; e < a.history().epochs().size(); e++) {
            assertEquals(a.history().epochs().get(e).trainLoss(), b.history().epochs().get(e).trainLoss(), 0.0);
            assertEquals(a.history().epochs().get(e).validationLoss(), b.history().epochs().get(e).validationLoss(), 0.0);
        }
        assertEquals(a.history().bestEpoch(), b.history().bestEpoch());
    }

    /**
     * The divergence guard: plain SGD at absurd rates stops training and throws, saying in which epoch and why,
     * instead of returning the starting weights. At the largest double as the rate, on labels of order 10⁶ without
     * normalisation and one batch an epoch, the first step overflows θ after a finite loss; at 10¹⁵⁰ with four
     * batches an epoch the loss overflows. Asked to keep its best weights, a run with no finished epoch still throws.
     */
    @Test
    void aNonFiniteLossOrStepThrowsNamingTheEpoch() {
        double[][] d = SyntheticData.arrays(256, 1);
        double[] y = d[1].clone();
        double[] dy = d[2].clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= 1e6;
        }
        for (int i = 0; i < dy.length; i++) {
            dy[i] *= 1e6;
        }
        TrainingConfig overflowingStep = TrainingConfig.builder().hidden(8).activation(Activation.TANH).alpha(0.5)
                .derivativeScaling(false).normalisation(Normalisation.Kind.NONE).optimizer(new Optimizer.Sgd())
                .schedule(new Schedule.Constant(Double.MAX_VALUE)).epochs(20).batchSize(256).threads(2).build();
        TrainingData big = new TrainingData(d[0], y, dy, null, null, 256);
        TrainingDivergedException step = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(big, overflowingStep, null));
        assertEquals("training diverged in epoch 1 (non-finite weights)", step.getMessage());
        assertTrue(step.history().diverged() && step.history().epochs().isEmpty());
        TrainingDivergedException kept = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(big, overflowingStep.toBuilder().keepBest(true).build(), null));
        assertEquals("training diverged in epoch 1 (non-finite weights); no finished epoch to keep", kept.getMessage());
        assertTrue(kept.keepBestAsked());
        TrainingConfig overflowingLoss = overflowingStep.toBuilder().derivativeScaling(true)
                .normalisation(Normalisation.Kind.PER_FEATURE).schedule(new Schedule.Constant(1e150)).batchSize(64)
                .build();
        TrainingDivergedException loss = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(new TrainingData(d[0], d[1], d[2], null, null, 256), overflowingLoss, null));
        assertTrue(loss.getMessage().matches("training diverged in epoch 1 \\(loss (Infinity|NaN)\\)"), loss.getMessage());
        assertTrue(!loss.keepBestAsked());
    }

    /**
     * A finite loss that grows by more than {@link Trainer#DIVERGENCE_FACTOR} diverges too (Adam at a rate of 10⁶
     * reported a loss of 10¹² as completed), and so does a run whose kept weights end above {@link Trainer#END_FACTOR}
     * times the starting loss: plain SGD at a rate of 2 on these data ends near 10³ from a start near 1.6. With
     * keepBest the lowest-loss epoch's weights come back, named in the history.
     */
    @Test
    void aLossThatExplodesDivergesAndKeepBestReturnsTheBestFinishedEpoch() {
        double[][] d = SyntheticData.arrays(512, 1);
        TrainingData data = new TrainingData(d[0], d[1], d[2], null, null, 512);
        TrainingConfig huge = TrainingConfig.builder().hidden(16, 16).alpha(0.5).schedule(new Schedule.Constant(1e6))
                .epochs(10).batchSize(64).threads(2).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.train(data, huge, null));
        assertTrue(e.getMessage().matches("training diverged in epoch 1 \\((loss \\S+, more than 1e\\+06 times the "
                + "starting loss \\S+|loss (Infinity|NaN))\\)"), e.getMessage());
        TrainingConfig climbing = huge.toBuilder().optimizer(new Optimizer.Sgd()).schedule(new Schedule.Constant(2))
                .keepBest(true).build();
        Trainer.Result r = Trainer.train(data, climbing, null);
        TrainingHistory h = r.history();
        assertTrue(h.diverged(), h.stopReason());
        assertTrue(h.stopReason().startsWith("diverged: the weights of epoch 10, which it would keep, have loss "),
                h.stopReason());
        assertTrue(h.bestEpoch() >= 1 && h.bestEpoch() < climbing.epochs(), h.stopReason());
        assertTrue(h.stopReason().endsWith("; kept the weights of epoch " + h.bestEpoch() + ", the best finished epoch"),
                h.stopReason());
        double keptLoss = h.epochs().get(h.bestEpoch() - 1).trainLoss();
        for (TrainingHistory.Epoch ep : h.epochs()) {
            assertTrue(keptLoss <= ep.trainLoss() || !Double.isFinite(ep.trainLoss()), h.stopReason());
        }
        for (double t : r.model().network().parameters()) {
            assertTrue(Double.isFinite(t));
        }
        assertThrows(TrainingDivergedException.class, () -> Trainer.train(data, climbing.toBuilder().keepBest(false)
                .build(), null));
    }

    @Test
    void fineTuningStartsFromTheGivenSurrogateAndKeepsItsShapeAndScaling() {
        double[][] d = SyntheticData.arrays(1000, 1);
        TrainingData data = new TrainingData(d[0], d[1], d[2], null, null, 1000);
        Surrogate start = Trainer.train(data, config(0.5, 2), null).model();
        // another architecture and normalisation in the configuration: the start's are kept
        TrainingConfig other = TrainingConfig.builder().hidden(4).activation(Activation.TANH).alpha(0.5)
                .normalisation(Normalisation.Kind.GLOBAL).schedule(new Schedule.Constant(1e-12)).epochs(1).batchSize(64)
                .validationFraction(0.1).seed(7).threads(2).build();
        Surrogate tuned = Trainer.train(data, other, start, null).model();
        assertArrayEquals(start.network().widths(), tuned.network().widths());
        assertEquals(start.network().hiddenActivation(), tuned.network().hiddenActivation());
        assertArrayEquals(start.normalisation().xStd(), tuned.normalisation().xStd());
        double[] a = start.network().parameters();
        double[] b = tuned.network().parameters();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-9, "a step of 1e-12 must leave parameter " + i + " where it was");
        }
        // a real fine-tuning run from the start does not begin from scratch: its first epoch is already near the end
        Trainer.Result more = Trainer.train(data, config(0.5, 2), start, null);
        assertTrue(more.history().epochs().get(0).trainLoss() < 0.2 * Trainer.train(data, config(0.5, 2), null).history()
                .epochs().get(0).trainLoss());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(new TrainingData(new double[] {1, 2, 3, 4}, new double[] {1, 2}, null, null, null, 2),
                        config(1.0, 1), start, null));
        assertTrue(e.getMessage().contains("3 inputs"), e.getMessage());
    }

    @Test
    void sobolevTrainingLearnsValuesAndGradients() {
        double[][] d = SyntheticData.arrays(2000, 2);
        Trainer.Result r = Trainer.train(new TrainingData(d[0], d[1], d[2], null, null, 2000), config(0.5, 2), null);
        Surrogate s = r.model();
        double[][] t = SyntheticData.arrays(500, 3);
        double se = 0;
        double sg = 0;
        double[] grad = new double[3];
        for (int i = 0; i < 500; i++) {
            double[] x = {t[0][3 * i], t[0][3 * i + 1], t[0][3 * i + 2]};
            double v = s.valueAndGradient(x, grad);
            se += Math.pow(v - t[1][i], 2);
            for (int j = 0; j < 3; j++) {
                sg += Math.pow(grad[j] - t[2][3 * i + j], 2);
            }
        }
        double rmse = Math.sqrt(se / 500);
        double rmseGrad = Math.sqrt(sg / 1500);
        assertTrue(rmse < 0.05, "value RMSE " + rmse);
        assertTrue(rmseGrad < 0.15, "gradient RMSE " + rmseGrad);
        assertTrue(r.history().epochs().get(59).trainLoss() < 0.05 * r.history().epochs().get(0).trainLoss());
    }

    /**
     * Float32 training: the same weights for one and two threads, a training loss within a tenth of float64's
     * after the same 60 epochs, and the model file's precision; a data set with two outputs is refused naming it.
     */
    @Test
    void float32TrainingIsDeterministicAcrossThreadCountsAndLearnsAsFloat64Does() {
        double[][] d = SyntheticData.arrays(1000, 1);
        TrainingData td = new TrainingData(d[0], d[1], d[2], null, null, 1000);
        TrainingConfig c1 = config(0.5, 1).toBuilder().precision(Precision.FLOAT32).build();
        Trainer.Result a = Trainer.train(td, c1, null);
        Trainer.Result b = Trainer.train(td, c1.toBuilder().threads(2).build(), null);
        Trainer.Result f64 = Trainer.train(td, config(0.5, 2), null);
        assertArrayEquals(a.model().network().parameters(), b.model().network().parameters());
        double l32 = a.history().epochs().get(59).trainLoss();
        double l64 = f64.history().epochs().get(59).trainLoss();
        assertEquals(l64, l32, 0.1 * l64, "float32 " + l32 + " against float64 " + l64);
        assertTrue(l32 < 0.05 * a.history().epochs().get(0).trainLoss());
        double[] y2 = new double[2000];
        double[] g2 = new double[6000];
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Trainer.train(
                new TrainingData(d[0], y2, g2, null, null, 1000), c1, null));
        assertEquals("precision", e.parameter());
    }

    @Test
    void dropoutRunsAreDeterministicAcrossThreadCounts() {
        double[][] d = SyntheticData.arrays(600, 4);
        TrainingConfig c1 = TrainingConfig.builder().hidden(12, 12).activation(Activation.TANH).alpha(0.5)
                .derivativeScaling(false).schedule(new Schedule.Constant(0.005)).epochs(5).batchSize(100).l2(1e-4)
                .dropout(0.2).seed(7).threads(1).build();
        TrainingConfig c2 = c1.toBuilder().threads(2).build();
        TrainingData td = new TrainingData(d[0], d[1], d[2], null, null, 600);
        assertArrayEquals(Trainer.train(td, c1, null).model().network().parameters(),
                Trainer.train(td, c2, null).model().network().parameters());
    }

    /** --hidden 20000x3 printed an OutOfMemoryError stack trace: the need is checked before anything is allocated. */
    @Test
    void aNetworkTooLargeForTheHeapIsRefusedBeforeAnyWorkWithWhatWouldFit() {
        double[][] d = SyntheticData.arrays(256, 1);
        TrainingData data = new TrainingData(d[0], d[1], d[2], null, null, 256);
        TrainingConfig huge = TrainingConfig.builder().hidden(20_000, 20_000, 20_000).epochs(1).threads(2).build();
        dev.sobolev.core.InvalidParameterException e = assertThrows(dev.sobolev.core.InvalidParameterException.class,
                () -> Trainer.train(data, huge, null));
        assertEquals("hidden", e.parameter());
        assertTrue(e.detail().matches("\\[20000, 20000, 20000\\] needs about \\d+\\.\\d GiB for training \\(weights, "
                + "gradients, optimiser moments, shard buffers and 2 threads' workspaces\\), but the JVM has .* free of "
                + "its .* maximum heap; at most about [\\d,]+ units a layer fit, or raise the maximum heap \\(-Xmx\\)"),
                e.detail());
        // the estimate: 7 copies of θ, 4 shard buffers of a 256-row batch, and 2 workspaces of θ's gradient plus
        // rows of 64·(1 + 3) columns per unit (3 of them, and 6 of 64) and a transposed shard of the widest layer
        int[] widths = {3, 20_000, 20_000, 20_000, 1};
        double parameters = 4.0 * 20_000 + 2 * 20_001.0 * 20_000 + 20_001;
        double units = 3 + 3 * 20_000 + 1;
        double workspace = parameters + units * (3 * 256 + 6 * 64) + 256.0 * 20_000;
        assertEquals(8 * (11 * parameters + 2 * workspace + 256), TrainingMemory.bytes(widths, 256, 0, 256, 0, 2, false, 0),
                1e-6 * parameters);
    }
}
