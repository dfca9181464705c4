package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.search.DeltaMin;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingDivergedException;

/**
 * The complexity sweep behind McDonagh &amp; Chen's Figure 2 and Table 1 (§3–4): for each training size N, complexity
 * η and draw, a surrogate of the problem's family is trained with gradients and without on N rows drawn from a
 * fixed pool ("10 random draws from a fixed pool of 1000 synthetic training data points") and scored on a fixed
 * test set with exact labels.
 *
 * <p>Draws: the pool is {@link Problem#training}{@code (pool, seed)} and the test set {@link Problem#test}{@code
 * (testRows, seed)}. Draw k shuffles the pool with auxiliary stream k of the seed and takes the first N rows, so
 * the rows of a smaller size are part of those of a larger one in the same draw; the network seed of draw k is
 * the next long of that stream. Both modes and every η of a draw share rows and seed: the difference between the
 * modes is the paired difference δ_min is taken from.
 *
 * <p>Determinism: every training runs on one thread with its own seed and its result goes to its own slot, so the
 * result is the same for any thread count ({@code threads} trainings run at a time, the costliest first). A
 * training that diverges ({@link Trainer}) keeps its best epoch's weights and is counted in its cell.
 */
public final class ComplexitySweep {
    private ComplexitySweep() {
    }

    /**
     * What to sweep.
     *
     * @param problem  the problem
     * @param sizes    training sizes N, strictly increasing, each ≥ 2 and ≤ {@code pool}
     * @param etas     complexities η, strictly increasing, each ≥ 1
     * @param draws    draws per size ≥ 1
     * @param pool     rows of the fixed pool the draws come from
     * @param testRows rows of the test set ≥ 2 (a correlation needs two)
     * @param seed     the seed of pool, test set, draws and networks
     * @param threads  trainings run at a time, 1..1024
     */
    public record Settings(Problem problem, List<Integer> sizes, List<Integer> etas, int draws, int pool,
                           int testRows, long seed, int threads) {
        /** Rows of the test set the paper scores on (Figure 2's caption). */
        public static final int TEST_ROWS = 1000;
        /** Rows of the paper's fixed training pool (Figure 2's caption). */
        public static final int POOL = 1000;

        /**
         * Validates and copies the lists.
         *
         * @throws InvalidParameterException naming {@code sizes}, {@code etas} (with the index), {@code draws},
         *                                   {@code pool}, {@code testRows} or {@code threads}
         */
        public Settings {
            Objects.requireNonNull(problem, "problem");
            sizes = increasing("sizes", sizes, 2);
            etas = increasing("etas", etas, 1);
            if (draws < 1) {
                throw new InvalidParameterException("draws", "must be >= 1, got " + draws);
            }
            int largest = sizes.get(sizes.size() - 1);
            if (pool < largest) {
                throw new InvalidParameterException("pool", "must hold the largest size " + largest + ", got "
                        + pool);
            }
            if (testRows < 2) {
                throw new InvalidParameterException("testRows", "must be >= 2, got " + testRows);
            }
            if (threads < 1 || threads > 1024) {
                throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
            }
        }

        /**
         * Settings with the paper's pool (1000 rows, or the largest size when that is more) and test set.
         *
         * @param problem the problem
         * @param sizes   training sizes
         * @param etas    complexities
         * @param draws   draws per size
         * @param seed    the seed
         * @param threads trainings at a time
         * @return the settings
         */
        public static Settings of(Problem problem, List<Integer> sizes, List<Integer> etas, int draws, long seed,
                                  int threads) {
            int largest = sizes == null ? 0 : sizes.stream().filter(Objects::nonNull).mapToInt(Integer::intValue)
                    .max().orElse(0);
            return new Settings(problem, sizes, etas, draws, Math.max(POOL, largest), TEST_ROWS, seed, threads);
        }
    }

    /**
     * Checks a list of strictly increasing integers, each at least {@code minimum}, and copies it.
     *
     * @param name    the parameter's name
     * @param values  the values
     * @param minimum the smallest value allowed
     * @return an immutable copy
     * @throws InvalidParameterException naming the parameter (with the index) for an empty list, a value below the
     *                                   minimum or out of order
     */
    static List<Integer> increasing(String name, List<Integer> values, int minimum) {
        if (values == null || values.isEmpty()) {
            throw new InvalidParameterException(name, "must hold at least one value, got none");
        }
        for (int i = 0; i < values.size(); i++) {
            Integer v = values.get(i);
            if (v == null || v < minimum) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be >= " + minimum + ", got " + v);
            }
            if (i > 0 && v <= values.get(i - 1)) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be greater than the value before it, "
                        + values.get(i - 1) + " (strictly increasing), got " + v);
            }
        }
        return List.copyOf(values);
    }

    /**
     * One training and its scores.
     *
     * @param size      training size N
     * @param eta       complexity η
     * @param gradients whether trained with the gradient term
     * @param draw      draw index 0..draws−1
     * @param testRmse  RMSE on the test set over every row and output (output units)
     * @param trainRmse RMSE on its own training rows against their labels
     * @param pearson   Pearson correlation of test predictions with the exact labels, over every row and output
     * @param diverged  whether the training diverged (its best epoch's weights were scored)
     * @param seconds   wall time of the training
     */
    public record Training(int size, int eta, boolean gradients, int draw, double testRmse, double trainRmse,
                           double pearson, boolean diverged, double seconds) {
    }

    /**
     * The draws of one (N, η, mode): means and sample standard deviations (0 for one draw).
     *
     * @param size        training size N
     * @param eta         complexity η
     * @param gradients   whether trained with the gradient term
     * @param draws       trainings averaged
     * @param testRmse    mean test RMSE
     * @param testRmseSd  its standard deviation over draws
     * @param trainRmse   mean training RMSE
     * @param trainRmseSd its standard deviation
     * @param pearson     mean Pearson correlation with the test labels
     * @param pearsonSd   its standard deviation
     * @param diverged    trainings that diverged
     */
    public record Cell(int size, int eta, boolean gradients, int draws, double testRmse, double testRmseSd,
                       double trainRmse, double trainRmseSd, double pearson, double pearsonSd, int diverged) {
    }

    /**
     * The sweep's outcome.
     *
     * @param settings  what was swept
     * @param trainings every training, by size, then η, then mode (values first), then draw
     * @param cells     one per (N, η, mode), by size, then η, then mode (values first)
     * @param seconds   wall time of the sweep
     */
    public record Result(Settings settings, List<Training> trainings, List<Cell> cells, double seconds) {
        /** Copies the lists. */
        public Result {
            trainings = List.copyOf(trainings);
            cells = List.copyOf(cells);
        }

        /** @return trainings run (sizes × η × 2 modes × draws) */
        public int trainingsRun() {
            return trainings.size();
        }

        /**
         * One cell.
         *
         * @param size      a swept size
         * @param eta       a swept η
         * @param gradients the mode
         * @return its cell
         * @throws IllegalArgumentException if the size or η was not swept
         */
        public Cell cell(int size, int eta, boolean gradients) {
            return cells.stream().filter(c -> c.size() == size && c.eta() == eta && c.gradients() == gradients)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("size " + size + " and eta " + eta
                            + " were not swept"));
        }

        /**
         * δ_min, its bound and the optimal η of one size from the mean test RMSEs ({@link DeltaMin}, eq. 11).
         *
         * @param size a swept size
         * @return the bound and the optima, complexities in η
         */
        public DeltaMin.Result deltaMin(int size) {
            List<Integer> etas = settings.etas();
            double[] values = new double[etas.size()];
            double[] gradients = new double[etas.size()];
            for (int i = 0; i < etas.size(); i++) {
                values[i] = cell(size, etas.get(i), false).testRmse();
                gradients[i] = cell(size, etas.get(i), true).testRmse();
            }
            return DeltaMin.of(etas.stream().mapToInt(Integer::intValue).toArray(), values, gradients);
        }
    }

    /**
     * Runs the sweep.
     *
     * @param settings what to sweep
     * @return every training and the cells
     * @throws IllegalStateException if a training diverges before finishing its first epoch
     */
    public static Result run(Settings settings) {
        long t0 = System.nanoTime();
        Problem problem = settings.problem();
        TrainingData pool = problem.training(settings.pool(), settings.seed());
        TrainingData test = problem.test(settings.testRows(), settings.seed());
        int[][] order = new int[settings.draws()][];
        long[] networkSeeds = new long[settings.draws()];
        for (int k = 0; k < settings.draws(); k++) {
            UniformRandomProvider rng = RandomStreams.stream(settings.seed(), RandomStreams.AUXILIARY, k);
            order[k] = PermutationSampler.natural(settings.pool());
            PermutationSampler.shuffle(rng, order[k]);
            networkSeeds[k] = rng.nextLong();
        }
        List<Callable<Training>> tasks = new ArrayList<>();
        for (int size : settings.sizes()) {
            for (int eta : settings.etas()) {
                for (boolean gradients : new boolean[] {false, true}) {
                    for (int k = 0; k < settings.draws(); k++) {
                        int draw = k;
                        tasks.add(() -> train(problem, pool, test, order[draw], networkSeeds[draw], size, eta,
                                gradients, draw));
                    }
                }
            }
        }
        List<Training> trainings = ParallelTasks.run(tasks, settings.threads(),
                Comparator.comparingDouble(i -> -cost(settings, i)));
        List<Cell> cells = new ArrayList<>();
        for (int from = 0; from < trainings.size(); from += settings.draws()) {
            cells.add(cell(trainings.subList(from, from + settings.draws())));
        }
        return new Result(settings, trainings, cells, (System.nanoTime() - t0) / 1e9);
    }

    /** N·η² of task i in the order of {@link #run}: what a training costs, up to a factor. */
    private static double cost(Settings settings, int task) {
        int perSize = settings.etas().size() * 2 * settings.draws();
        int size = settings.sizes().get(task / perSize);
        int eta = settings.etas().get(task % perSize / (2 * settings.draws()));
        return (double) size * eta * eta;
    }

    private static Training train(Problem problem, TrainingData pool, TrainingData test, int[] order, long seed,
                                  int size, int eta, boolean gradients, int draw) {
        long t0 = System.nanoTime();
        TrainingData rows = rows(pool, order, size);
        Trainer.Result result;
        try {
            result = Trainer.train(rows, problem.config(eta, gradients, seed, 1).toBuilder().keepBest(true).build(),
                    null);
        } catch (TrainingDivergedException e) {
            throw new IllegalStateException("size " + size + ", eta " + eta + (gradients ? ", with" : ", without")
                    + " gradients, draw " + draw + ": " + e.getMessage(), e);
        }
        Surrogate model = result.model();
        double[] predicted = Scores.predict(model, test);
        return new Training(size, eta, gradients, draw, Scores.rmse(predicted, test.y()),
                Scores.rmse(Scores.predict(model, rows), rows.y()),
                new PearsonsCorrelation().correlation(predicted, test.y()), result.history().diverged(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The first {@code size} rows of the pool in the draw's order, with their labels. */
    private static TrainingData rows(TrainingData pool, int[] order, int size) {
        int d = pool.x().length / pool.rows();
        int m = pool.y().length / pool.rows();
        double[] x = new double[size * d];
        double[] y = new double[size * m];
        double[] dydx = new double[size * m * d];
        for (int r = 0; r < size; r++) {
            int from = order[r];
            System.arraycopy(pool.x(), from * d, x, r * d, d);
            System.arraycopy(pool.y(), from * m, y, r * m, m);
            System.arraycopy(pool.dydx(), from * m * d, dydx, r * m * d, m * d);
        }
        return new TrainingData(x, y, dydx, null, null, size);
    }

    private static Cell cell(List<Training> draws) {
        Training first = draws.get(0);
        double[] test = draws.stream().mapToDouble(Training::testRmse).toArray();
        double[] train = draws.stream().mapToDouble(Training::trainRmse).toArray();
        double[] pearson = draws.stream().mapToDouble(Training::pearson).toArray();
        int diverged = (int) draws.stream().filter(Training::diverged).count();
        return new Cell(first.size(), first.eta(), first.gradients(), draws.size(), mean(test), sd(test),
                mean(train), sd(train), mean(pearson), sd(pearson), diverged);
    }

    private static double mean(double[] values) {
        return new Mean().evaluate(values);
    }

    private static double sd(double[] values) {
        return values.length < 2 ? 0 : new StandardDeviation().evaluate(values);
    }
}
