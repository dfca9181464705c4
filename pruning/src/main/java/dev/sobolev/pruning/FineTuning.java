package dev.sobolev.pruning;

import java.util.Locale;
import java.util.function.Consumer;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingHistory;

/**
 * Fine-tuning strategies after pruning (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", "After Sobolev fine-tuning"),
 * all with the configured (Sobolev) loss, starting from the pruned weights and keeping the normalisation.
 */
public enum FineTuning {
    /** No fine-tuning. */
    NONE,
    /** On labels the original network produces at the data's inputs: values and input gradients ("NN data"). */
    NN,
    /** On the data set's own labels (Monte Carlo pathwise labels, or exact reference labels). */
    DATA;

    /** The fine-tuned surrogate and its training history (null for {@link #NONE}). */
    public record Result(Surrogate model, TrainingHistory history) {
    }

    /**
     * Fine-tunes without progress reports: {@link #apply(Surrogate, Surrogate, TrainingData, TrainingConfig,
     * Consumer)} with no listener.
     */
    public Result apply(Surrogate pruned, Surrogate original, TrainingData data, TrainingConfig config) {
        return apply(pruned, original, data, config, null);
    }

    /**
     * Fine-tunes a pruned surrogate.
     *
     * @param pruned   the pruned surrogate
     * @param original the network it was pruned from (the teacher for {@link #NN})
     * @param data     inputs (and, for {@link #DATA}, labels) in data units
     * @param config   the training run (loss, optimiser, schedule, epochs, seed, threads)
     * @param progress receives each finished epoch (may be null)
     * @return the fine-tuned surrogate and its history
     */
    public Result apply(Surrogate pruned, Surrogate original, TrainingData data, TrainingConfig config,
                        Consumer<TrainingHistory.Epoch> progress) {
        if (this == NONE) {
            return new Result(pruned, null);
        }
        TrainingData labels = this == NN ? teacherLabels(original, data) : data;
        Trainer.Result r = Trainer.train(labels, config, pruned, progress);
        return new Result(r.model(), r.history());
    }

    /** The original network's values and input gradients at the data's inputs. */
    static TrainingData teacherLabels(Surrogate teacher, TrainingData data) {
        int n = data.rows();
        int d = teacher.inputs();
        double[] x = data.x().clone();
        double[] y = new double[n];
        double[] g = new double[n * d];
        double[] xi = new double[d];
        double[] gi = new double[d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * d, xi, 0, d);
            y[r] = teacher.valueAndGradient(xi, gi);
            System.arraycopy(gi, 0, g, r * d, d);
        }
        return new TrainingData(x, y, g, null, null, n);
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
