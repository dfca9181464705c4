package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * One model on the exact test set: what it is and the points of its parity plots. The points are the test rows
 * (or an evenly strided subset of them, at most a few thousand, so that the report stays small); the metrics are
 * always computed on every row ({@link MetricsRow}).
 *
 * @param stage       the stage that produced it ({@code oversized}, {@code pruned}, {@code finetuned-nn}, …)
 * @param file        its model file as given, or "" when it was not written to a file
 * @param widths      layer widths, input to output
 * @param parameters  parameter count
 * @param inputNames  the inputs' names (delta k is the derivative by input k)
 * @param level       per plotted row, the basket level Σ wᵢxᵢ (or the mean input without basket weights)
 * @param levelName   what {@code level} is, as an axis title ("basket level", "mean input")
 * @param value       exact and predicted values of output 0
 * @param deltas      exact and predicted delta by each input, in input order
 * @param gamma       exact and predicted gamma 1ᵀH1, or null when the test set has no gamma
 */
public record ModelEvaluation(String stage, String file, List<Integer> widths, int parameters,
                              List<String> inputNames, List<Double> level, String levelName, Parity value,
                              List<Parity> deltas, Parity gamma) {
    /** Checks for missing parts and matching lengths; copies the lists. */
    public ModelEvaluation {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(file, "file");
        widths = List.copyOf(widths);
        inputNames = List.copyOf(inputNames);
        level = List.copyOf(level);
        Objects.requireNonNull(levelName, "levelName");
        Objects.requireNonNull(value, "value");
        deltas = List.copyOf(deltas);
        if (deltas.size() != inputNames.size()) {
            throw new IllegalArgumentException(deltas.size() + " delta parities for " + inputNames.size() + " inputs");
        }
        if (value.exact().size() != level.size()) {
            throw new IllegalArgumentException(value.exact().size() + " parity points for " + level.size() + " levels");
        }
    }

    /**
     * Exact against predicted values of one quantity at the plotted rows.
     *
     * @param quantity  its name ("value", "delta S1", "gamma")
     * @param exact     exact labels
     * @param predicted the model's predictions, same length
     */
    public record Parity(String quantity, List<Double> exact, List<Double> predicted) {
        /** Checks the lengths; copies the lists. */
        public Parity {
            Objects.requireNonNull(quantity, "quantity");
            exact = List.copyOf(exact);
            predicted = List.copyOf(predicted);
            if (exact.size() != predicted.size()) {
                throw new IllegalArgumentException(exact.size() + " exact and " + predicted.size() + " predicted");
            }
        }
    }
}
