package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.sobolev.core.Version;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The parts of a report that show a {@link ComplexitySweep}: the table of its cells, curves over η per size and
 * mode, and the facts saying how it was run. Shared by the δ_min experiment and Figure 2, which show the same
 * sweep.
 */
final class SweepReport {
    /** A cell's mean test RMSE. */
    static final Metric TEST_RMSE = new Metric("test RMSE", ComplexitySweep.Cell::testRmse,
            ComplexitySweep.Cell::testRmseSd);
    /** A cell's mean Pearson correlation with the test labels. */
    static final Metric PEARSON = new Metric("Pearson correlation", ComplexitySweep.Cell::pearson,
            ComplexitySweep.Cell::pearsonSd);

    private SweepReport() {
    }

    /**
     * A quantity of a cell with its spread over draws.
     *
     * @param name   axis title
     * @param mean   the mean over draws
     * @param spread the standard deviation over draws
     */
    record Metric(String name, ToDoubleFunction<ComplexitySweep.Cell> mean,
                  ToDoubleFunction<ComplexitySweep.Cell> spread) {
    }

    /** Every cell: size, η, mode, draws, means and standard deviations of the scores, diverged trainings. */
    static NamedTable cells(ComplexitySweep.Result sweep) {
        IntColumn size = IntColumn.create("size");
        IntColumn eta = IntColumn.create("eta");
        BooleanColumn gradients = BooleanColumn.create("gradients");
        IntColumn draws = IntColumn.create("draws");
        DoubleColumn test = DoubleColumn.create("test_rmse");
        DoubleColumn testSd = DoubleColumn.create("test_rmse_sd");
        DoubleColumn train = DoubleColumn.create("train_rmse");
        DoubleColumn trainSd = DoubleColumn.create("train_rmse_sd");
        DoubleColumn pearson = DoubleColumn.create("pearson");
        DoubleColumn pearsonSd = DoubleColumn.create("pearson_sd");
        IntColumn diverged = IntColumn.create("diverged");
        for (ComplexitySweep.Cell c : sweep.cells()) {
            size.append(c.size());
            eta.append(c.eta());
            gradients.append(c.gradients());
            draws.append(c.draws());
            test.append(c.testRmse());
            testSd.append(c.testRmseSd());
            train.append(c.trainRmse());
            trainSd.append(c.trainRmseSd());
            pearson.append(c.pearson());
            pearsonSd.append(c.pearsonSd());
            diverged.append(c.diverged());
        }
        return new NamedTable("sweep", "Test and training RMSE and the Pearson correlation of test predictions with "
                + "the exact labels per training size, complexity eta and mode, mean and standard deviation over "
                + "draws", Table.create("sweep", size, eta, gradients, draws, test, testSd, train, trainSd, pearson,
                pearsonSd, diverged));
    }

    /**
     * One curve over η: a metric of one size and mode with its spread as error bars.
     *
     * @param sweep     the sweep
     * @param metric    what to plot
     * @param size      the size
     * @param gradients the mode
     * @param name      legend entry
     * @return the series
     */
    static Figure.Series curve(ComplexitySweep.Result sweep, Metric metric, int size, boolean gradients, String name) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        for (int eta : sweep.settings().etas()) {
            ComplexitySweep.Cell c = sweep.cell(size, eta, gradients);
            x.add((double) eta);
            y.add(metric.mean().applyAsDouble(c));
            error.add(metric.spread().applyAsDouble(c));
        }
        return new Figure.Series(name, Figure.Style.LINES_AND_MARKERS, x, y, error);
    }

    /** @return "with gradients" or "values only" */
    static String mode(boolean gradients) {
        return gradients ? "with gradients" : "values only";
    }

    /** The η axis. */
    static Figure.Axis etaAxis() {
        return new Figure.Axis("complexity eta (hidden layers of 4 eta tanh units)", false);
    }

    /** What was swept and how: problem, grid, draws, pool, test set, protocol and trainings. */
    static List<Fact> settings(ComplexitySweep.Result sweep) {
        ComplexitySweep.Settings s = sweep.settings();
        int diverged = sweep.cells().stream().mapToInt(ComplexitySweep.Cell::diverged).sum();
        return List.of(new Fact("problem", s.problem().name() + ": " + s.problem().description()),
                new Fact("training sizes", join(s.sizes())),
                new Fact("complexities eta", join(s.etas())),
                new Fact("draws per size", Integer.toString(s.draws())),
                new Fact("training pool", s.pool() + " rows (each draw takes the first N rows of a shuffle)"),
                new Fact("test set", s.testRows() + " rows with exact labels"),
                new Fact("protocol", PaperProtocol.EPOCHS + " epochs of Adam, batch " + PaperProtocol.BATCH
                        + ", time-based decay " + PaperProtocol.LEARNING_RATE + " to "
                        + PaperProtocol.FINAL_LEARNING_RATE + ", Glorot; alpha 0.5 with gradients, 1 without"),
                new Fact("trainings", sweep.trainingsRun() + (diverged > 0 ? " (" + diverged
                        + " diverged and kept their best epoch)" : "")));
    }

    /** Seed, threads, software and wall time. */
    static List<Fact> provenance(ComplexitySweep.Result sweep) {
        ComplexitySweep.Settings s = sweep.settings();
        return List.of(new Fact("seed", Long.toString(s.seed())),
                new Fact("threads", Integer.toString(s.threads())),
                new Fact("sobolev", Version.get()),
                new Fact("java", System.getProperty("java.version")),
                new Fact("wall time", String.format(Locale.ROOT, "%.1f s", sweep.seconds())));
    }

    /** Comma-separated values. */
    static String join(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
