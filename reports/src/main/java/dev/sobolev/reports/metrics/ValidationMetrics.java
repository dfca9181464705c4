package dev.sobolev.reports.metrics;

import java.util.ArrayList;
import java.util.List;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.surrogate.eval.ErrorStats;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * How well a model reproduces the exact labels of a test set: R², RMSE and max error per output, quantity and
 * region ({@link MetricsRow}), and the points of its parity plots ({@link ModelEvaluation}). Quantities: the value,
 * the delta by each input, all n·d deltas pooled, and the gamma 1ᵀH1 ({@link Surrogate#gamma}) against the set's
 * {@code gamma} labels; regions: all rows, and the deciles of basket moneyness ({@link BasketLevels}). Each row is
 * evaluated once, and the {@code all} rows add the pairs in the order {@link Metrics#of} does with the same
 * {@link ErrorStats}, so their R² and RMSE are {@code eval}'s to the bit.
 */
public final class ValidationMetrics {
    /** Quantity name of all deltas pooled. */
    public static final String DELTA = "delta";
    /** Quantity name of the values. */
    public static final String VALUE = "value";
    /** Quantity name of the gamma 1ᵀH1. */
    public static final String GAMMA = "gamma";
    /** Region name of all rows. */
    public static final String ALL = "all";

    private ValidationMetrics() {
    }

    /**
     * The metrics rows of a model on a test set: for every output, quantity ({@code value}, {@code delta <input>}
     * per input and {@code delta} when the set has deltas, {@code gamma} when it has gamma labels and the model one
     * output) and region ({@code all}, then the non-empty {@code decile 1..10}).
     *
     * @param stage the model's stage name
     * @param model the surrogate
     * @param test  the test set with exact labels
     * @return the rows, by output, quantity, region
     * @throws InvalidParameterException naming {@code test} if its input or output count is not the model's
     */
    public static List<MetricsRow> of(String stage, Surrogate model, Dataset test) {
        check(model, test);
        BasketLevels levels = BasketLevels.of(test);
        Columns columns = Columns.of(test);
        List<MetricsRow> rows = new ArrayList<>();
        for (int k = 0; k < model.outputs(); k++) {
            rows.addAll(output(stage, model, test, k, levels, columns));
        }
        return rows;
    }

    private static void check(Surrogate model, Dataset test) {
        if (test.inputDim() != model.inputs() || test.outputs() != model.outputs()) {
            throw new InvalidParameterException("test", "has " + test.inputDim() + " inputs and " + test.outputs()
                    + " outputs, the model takes " + model.inputs() + " inputs and gives " + model.outputs());
        }
    }

    /** One output's rows: one pass over the test set feeding the {@code all} and the decile statistics. */
    private static List<MetricsRow> output(String stage, Surrogate model, Dataset test, int k, BasketLevels levels,
                                           Columns columns) {
        int n = test.rows();
        int d = test.inputDim();
        int m = model.outputs();
        boolean hasDelta = test.hasGradients();
        boolean hasGamma = test.hasGamma() && m == 1;
        // quantities: value, delta by input 0..d−1, pooled delta, gamma; regions: all, deciles 1..10
        int quantities = 3 + d;
        int pooled = 1 + d;
        int gamma = 2 + d;
        ErrorStats[][] stats = new ErrorStats[quantities][1 + BasketLevels.DECILES];
        for (ErrorStats[] q : stats) {
            for (int r = 0; r < q.length; r++) {
                q[r] = new ErrorStats();
            }
        }
        double[] x = new double[d];
        double[] grad = new double[d];
        double[] hv = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                x[j] = test.x(r, j);
            }
            int region = 1 + levels.decile(r);
            double y = model.valueAndGradient(x, k, grad);
            add(stats[0], region, m == 1 ? test.y(r) : test.y(r, k), y);
            if (hasDelta) {
                for (int j = 0; j < d; j++) {
                    double truth = m == 1 ? test.dydx(r, j) : test.dydx(r, k, j);
                    add(stats[pooled], region, truth, grad[j]);
                    add(stats[1 + j], region, truth, grad[j]);
                }
            }
            if (hasGamma) {
                add(stats[gamma], region, test.gamma(r), model.gamma(x, k, hv));
            }
        }
        String output = columns.outputNames().get(k);
        List<MetricsRow> rows = new ArrayList<>();
        rows(rows, stage, output, VALUE, stats[0], levels);
        if (hasDelta) {
            for (int j = 0; j < d; j++) {
                rows(rows, stage, output, DELTA + " " + columns.inputNames().get(j), stats[1 + j], levels);
            }
            rows(rows, stage, output, DELTA, stats[pooled], levels);
        }
        if (hasGamma) {
            rows(rows, stage, output, GAMMA, stats[gamma], levels);
        }
        return rows;
    }

    private static void add(ErrorStats[] regions, int region, double truth, double pred) {
        regions[0].add(truth, pred);
        regions[region].add(truth, pred);
    }

    private static void rows(List<MetricsRow> rows, String stage, String output, String quantity, ErrorStats[] s,
                             BasketLevels levels) {
        rows.add(row(stage, output, quantity, ALL, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, s[0]));
        for (int k = 0; k < BasketLevels.DECILES; k++) {
            if (levels.count(k) > 0) {
                rows.add(row(stage, output, quantity, "decile " + (k + 1), levels.lower(k), levels.upper(k), s[k + 1]));
            }
        }
    }

    private static MetricsRow row(String stage, String output, String quantity, String region, double lower,
                                  double upper, ErrorStats s) {
        return new MetricsRow(stage, output, quantity, region, lower, upper, (int) s.count(), s.r2(), s.rmse(),
                s.maxError());
    }

    /**
     * The row of one stage, output, quantity and region, if the list has it.
     *
     * @param rows     metrics rows
     * @param stage    the stage
     * @param output   the output's name
     * @param quantity the quantity
     * @param region   the region
     * @return its R², or NaN when the list has no such row
     */
    public static double r2(List<MetricsRow> rows, String stage, String output, String quantity, String region) {
        for (MetricsRow r : rows) {
            if (r.stage().equals(stage) && r.output().equals(output) && r.quantity().equals(quantity)
                    && r.region().equals(region)) {
                return r.r2();
            }
        }
        return Double.NaN;
    }

    /**
     * A model on a test set with the points of its parity plots: an evenly strided subset of at most
     * {@code maxPoints} rows (row ⌊i·n/p⌋ for i &lt; p = min(n, maxPoints)), output 0, with each row's basket level.
     *
     * @param stage     the model's stage name
     * @param file      its model file as given, or ""
     * @param model     the surrogate
     * @param test      the test set with exact values and deltas
     * @param maxPoints the largest number of plotted rows, ≥ 1
     * @return the evaluation; its gamma parity is null when the set has no gamma labels or the model several outputs
     * @throws InvalidParameterException naming {@code maxPoints} if it is below 1, or {@code test} if the set does
     *                                   not fit the model or has no delta labels
     */
    public static ModelEvaluation evaluate(String stage, String file, Surrogate model, Dataset test, int maxPoints) {
        if (maxPoints < 1) {
            throw new InvalidParameterException("maxPoints", "must be >= 1, got " + maxPoints);
        }
        check(model, test);
        if (!test.hasGradients()) {
            throw new InvalidParameterException("test", "has no delta labels (dYdX); the parity plots need exact "
                    + "values and deltas");
        }
        int n = test.rows();
        int d = test.inputDim();
        int m = model.outputs();
        int p = Math.min(n, maxPoints);
        BasketLevels levels = BasketLevels.of(test);
        Columns columns = Columns.of(test);
        boolean hasGamma = test.hasGamma() && m == 1;
        List<Double> level = new ArrayList<>(p);
        List<Double> exactValue = new ArrayList<>(p);
        List<Double> predValue = new ArrayList<>(p);
        List<List<Double>> exactDelta = new ArrayList<>();
        List<List<Double>> predDelta = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            exactDelta.add(new ArrayList<>(p));
            predDelta.add(new ArrayList<>(p));
        }
        List<Double> exactGamma = new ArrayList<>(p);
        List<Double> predGamma = new ArrayList<>(p);
        double[] x = new double[d];
        double[] grad = new double[d];
        double[] hv = new double[d];
        for (int i = 0; i < p; i++) {
            int r = (int) ((long) i * n / p);
            for (int j = 0; j < d; j++) {
                x[j] = test.x(r, j);
            }
            level.add(levels.level(r));
            predValue.add(model.valueAndGradient(x, 0, grad));
            exactValue.add(m == 1 ? test.y(r) : test.y(r, 0));
            for (int j = 0; j < d; j++) {
                exactDelta.get(j).add(m == 1 ? test.dydx(r, j) : test.dydx(r, 0, j));
                predDelta.get(j).add(grad[j]);
            }
            if (hasGamma) {
                exactGamma.add(test.gamma(r));
                predGamma.add(model.gamma(x, 0, hv));
            }
        }
        List<ModelEvaluation.Parity> deltas = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            deltas.add(new ModelEvaluation.Parity(DELTA + " " + columns.inputNames().get(j), exactDelta.get(j),
                    predDelta.get(j)));
        }
        List<Integer> widths = new ArrayList<>();
        for (int w : model.network().widths()) {
            widths.add(w);
        }
        return new ModelEvaluation(stage, file, widths, model.network().parameterCount(), columns.inputNames(), level,
                levels.levelName(), new ModelEvaluation.Parity(VALUE, exactValue, predValue), deltas,
                hasGamma ? new ModelEvaluation.Parity(GAMMA, exactGamma, predGamma) : null);
    }
}
