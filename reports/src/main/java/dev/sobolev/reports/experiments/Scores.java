package dev.sobolev.reports.experiments;

import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.TrainingData;

/** Predictions of a surrogate on a set of rows and their RMSE: the scores the experiments report. */
final class Scores {
    private Scores() {
    }

    /**
     * Every output of the surrogate at every row, row-major (n×m), in data units.
     *
     * @param model the surrogate
     * @param rows  inputs (their labels are not read)
     * @return the predictions
     */
    static double[] predict(Surrogate model, TrainingData rows) {
        int n = rows.rows();
        int m = model.outputs();
        double[] column = new double[n];
        double[] predicted = new double[n * m];
        for (int k = 0; k < m; k++) {
            model.valuesAndGradients(rows.x(), n, k, column, null);
            for (int r = 0; r < n; r++) {
                predicted[r * m + k] = column[r];
            }
        }
        return predicted;
    }

    /**
     * Root mean square error over every entry (eq. 10 of McDonagh &amp; Chen, pooled over outputs).
     *
     * @param predicted predictions
     * @param labels    labels, as many
     * @return √(Σ(ŷ − y)²/n)
     */
    static double rmse(double[] predicted, double[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double e = predicted[i] - labels[i];
            sum += e * e;
        }
        return Math.sqrt(sum / labels.length);
    }
}
