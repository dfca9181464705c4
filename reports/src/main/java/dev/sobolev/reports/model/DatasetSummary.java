package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * The training set: sizes, input ranges and how noisy its Monte Carlo labels are against the exact price.
 *
 * @param path        its directory
 * @param description recipe and payoff as its metadata names them
 * @param rows        training rows
 * @param testRows    test rows
 * @param inputNames  input names
 * @param lower       each input's smallest training value
 * @param upper       each input's largest training value
 * @param noiseSd     standard deviation of (label − exact price) over the training rows, NaN if the exact price
 *                    is not known
 * @param noiseR2     R² of the labels against the exact prices, NaN if not known
 */
public record DatasetSummary(String path, String description, long rows, long testRows, List<String> inputNames,
                             List<Double> lower, List<Double> upper, double noiseSd, double noiseR2) {
    /** Copies the lists. */
    public DatasetSummary {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(description, "description");
        inputNames = List.copyOf(inputNames);
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
    }
}
