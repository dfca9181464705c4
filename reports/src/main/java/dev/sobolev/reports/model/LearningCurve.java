package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * The losses of one training, per epoch.
 *
 * @param name           which training ("oversized", "retrain step 3", "fine-tuning nn", …)
 * @param trainLoss      training loss per epoch
 * @param validationLoss validation loss per epoch (NaN entries, or an empty list, without a validation split)
 */
public record LearningCurve(String name, List<Double> trainLoss, List<Double> validationLoss) {
    /** Copies the lists. */
    public LearningCurve {
        Objects.requireNonNull(name, "name");
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
    }
}
