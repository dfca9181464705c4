package dev.sobolev.surrogate.train;

import java.util.List;

/**
 * Per-epoch record of a training run.
 *
 * @param epochs     one entry per epoch run
 * @param bestEpoch  the epoch whose weights were kept (look-back early stopping; the last without validation)
 * @param stopReason why training ended ("completed", or the divergence that stopped it and the weights kept)
 * @param diverged   whether the run diverged ({@link Trainer}); its weights are then those of {@code bestEpoch},
 *                   returned only when the configuration asked to keep them
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, String stopReason, boolean diverged) {
    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /**
     * One epoch.
     *
     * @param epoch          1-based index
     * @param trainLoss      mean mini-batch loss (normalised units)
     * @param validationLoss loss on the held-out rows (NaN-free; equals the training loss without validation)
     * @param learningRate   rate at the end of the epoch
     * @param seconds        wall time of the epoch
     */
    public record Epoch(int epoch, double trainLoss, double validationLoss, double learningRate, double seconds) {
    }

    /** The last epoch's training loss. */
    public double finalLoss() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).trainLoss();
    }
}
