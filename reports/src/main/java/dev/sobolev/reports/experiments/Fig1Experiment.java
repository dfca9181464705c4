package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 1 of McDonagh &amp; Chen (§2): the toy process Z = 2X² + ε, ε ~ N(0, 1) (eq. 5), learned by a network "of
 * sufficient complexity" with gradient labels dZ/dX = 4X (noise-free) and without; per epoch the training and test
 * RMSE and the mean absolute change of the parameters, averaged over runs, at a small and a large training size.
 *
 * <p>Choices the paper leaves open: X ~ U[−1, 1]; the network is the paper's 2-D family at η = {@value #ETA}
 * (4 hidden layers of 16 tanh units, linear output, inputs and outputs standardised), far more than a parabola
 * needs, trained by {@link PaperProtocol} for 300 epochs; the test set (1000 rows by default) has its own noise (the
 * RMSE the paper plots, floored at σ_ε = 1) and the exact 2X² beside it. Run r draws its rows from training stream
 * r of the seed (the smaller size takes the first rows) and its network seed from auxiliary stream r; both modes
 * of a run share them.
 */
public final class Fig1Experiment {
    /** The experiment's name on the command line. */
    public static final String NAME = "fig1";
    /** The complexity η of the network. */
    public static final int ETA = 4;
    /** The paper's sizes: "relatively small" and "relatively large". */
    public static final List<Integer> SIZES = List.of(250, 1000);
    /** Runs averaged, as in the paper. */
    public static final int RUNS = 5;
    /** Test rows by default. */
    public static final int TEST_ROWS = 1000;

    private Fig1Experiment() {
    }

    /**
     * What to run.
     *
     * @param sizes   training sizes, strictly increasing, each ≥ 2
     * @param runs     runs averaged ≥ 1
     * @param testRows rows of the test set ≥ 2 (scored after every epoch)
     * @param seed     the seed of data and networks
     * @param threads  trainings at a time, 1..1024
     */
    public record Settings(List<Integer> sizes, int runs, int testRows, long seed, int threads) {
        /**
         * Validates and copies the sizes.
         *
         * @throws InvalidParameterException naming {@code sizes} (with the index), {@code runs}, {@code testRows}
         *                                   or {@code threads}
         */
        public Settings {
            sizes = ComplexitySweep.increasing("sizes", sizes, 2);
            if (runs < 1) {
                throw new InvalidParameterException("runs", "must be >= 1, got " + runs);
            }
            if (testRows < 2) {
                throw new InvalidParameterException("testRows", "must be >= 2, got " + testRows);
            }
            if (threads < 1 || threads > 1024) {
                throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
            }
        }

        /**
         * The paper's settings where a part is null, with a test set of {@value Fig1Experiment#TEST_ROWS} rows.
         *
         * @param sizes   training sizes, or null for 250 and 1000
         * @param runs    runs, or null for 5
         * @param seed    the seed
         * @param threads trainings at a time
         * @return the settings
         */
        public static Settings of(List<Integer> sizes, Integer runs, long seed, int threads) {
            return new Settings(sizes == null ? SIZES : sizes, runs == null ? RUNS : runs, TEST_ROWS, seed,
                    threads);
        }
    }

    /**
     * Per-epoch means over runs of one size and mode; entry e is epoch e + 1.
     *
     * @param size            training size N
     * @param gradients       whether trained with gradient labels
     * @param trainRmse       RMSE on the training rows against their noisy labels
     * @param testRmse        RMSE on the test rows against their noisy labels
     * @param exactTestRmse   RMSE on the test rows against the noise-free 2X²
     * @param parameterChange mean over parameters of |θ_e − θ_{e−1}| (network units)
     */
    public record Curve(int size, boolean gradients, List<Double> trainRmse, List<Double> testRmse,
                        List<Double> exactTestRmse, List<Double> parameterChange) {
        /** Copies the lists. */
        public Curve {
            trainRmse = List.copyOf(trainRmse);
            testRmse = List.copyOf(testRmse);
            exactTestRmse = List.copyOf(exactTestRmse);
            parameterChange = List.copyOf(parameterChange);
        }

        private static double last(List<Double> values) {
            return values.get(values.size() - 1);
        }
    }

    /**
     * The curves.
     *
     * @param settings what was run
     * @param curves   per size, values-only then with gradients
     * @param seconds  wall time
     */
    public record Result(Settings settings, List<Curve> curves, double seconds) {
        /** Copies the curves. */
        public Result {
            Objects.requireNonNull(settings, "settings");
            curves = List.copyOf(curves);
        }

        /**
         * One curve.
         *
         * @param size      a run size
         * @param gradients the mode
         * @return its curve
         */
        public Curve curve(int size, boolean gradients) {
            return curves.stream().filter(c -> c.size() == size && c.gradients() == gradients).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("size " + size + " was not run"));
        }

        /**
         * Epochs in which the gradient-trained network's parameters moved more on average than the value-trained
         * one's (the paper's "average update ... is larger each epoch when the network is trained with gradients").
         *
         * @param size a run size
         * @return the count
         */
        public int largerChangeWithGradients(int size) {
            List<Double> with = curve(size, true).parameterChange();
            List<Double> without = curve(size, false).parameterChange();
            int count = 0;
            for (int e = 0; e < with.size(); e++) {
                if (with.get(e) > without.get(e)) {
                    count++;
                }
            }
            return count;
        }

        /**
         * The report: per size, RMSE per epoch and parameter change per epoch with and without gradients.
         *
         * @return the report
         */
        public ExperimentReport report() {
            List<Fact> facts = new ArrayList<>(List.of(
                    new Fact("process", "Z = 2X^2 + eps, eps ~ N(0, 1), X ~ U[-1, 1]; gradient labels 4X (eq. 5)"),
                    new Fact("network", "4 hidden layers of " + 4 * ETA + " tanh units, linear output, "
                            + "standardised inputs and outputs"),
                    new Fact("protocol", PaperProtocol.EPOCHS + " epochs of Adam, batch " + PaperProtocol.BATCH
                            + ", time-based decay " + PaperProtocol.LEARNING_RATE + " to "
                            + PaperProtocol.FINAL_LEARNING_RATE + "; alpha 0.5 with gradients, 1 without"),
                    new Fact("runs averaged", Integer.toString(settings.runs())),
                    new Fact("test set", settings.testRows() + " rows with their own noise")));
            List<Figure> figures = new ArrayList<>();
            for (int size : settings.sizes()) {
                Curve with = curve(size, true);
                Curve without = curve(size, false);
                facts.add(new Fact("N = " + size, String.format(Locale.ROOT, "after %d epochs test RMSE %.4f with "
                                + "gradients, %.4f without (against 2X^2: %.4f and %.4f); parameters moved more "
                                + "with gradients in %d of %d epochs", with.testRmse().size(),
                        Curve.last(with.testRmse()), Curve.last(without.testRmse()),
                        Curve.last(with.exactTestRmse()), Curve.last(without.exactTestRmse()),
                        largerChangeWithGradients(size), with.parameterChange().size())));
                figures.add(Figure.lines("fig1-rmse-n" + size, "Training and test RMSE per epoch at N = " + size
                                + ", mean over " + settings.runs() + " runs",
                        epochAxis(), new Figure.Axis("RMSE", true), List.of(
                                series("train, " + SweepReport.mode(true), with.trainRmse()),
                                series("test, " + SweepReport.mode(true), with.testRmse()),
                                series("train, " + SweepReport.mode(false), without.trainRmse()),
                                series("test, " + SweepReport.mode(false), without.testRmse()))));
                figures.add(Figure.lines("fig1-change-n" + size, "Mean absolute change of the parameters per epoch "
                                + "at N = " + size + ", mean over " + settings.runs() + " runs",
                        epochAxis(), new Figure.Axis("mean |change of parameter|", true), List.of(
                                series(SweepReport.mode(true), with.parameterChange()),
                                series(SweepReport.mode(false), without.parameterChange()))));
            }
            ExperimentSection section = new ExperimentSection("figure-1", "Figure 1: training with and without "
                    + "gradients on a noisy parabola", "The paper's claim: with gradients the parameters move more "
                    + "each epoch and the network ends more accurate; at the larger size the change of the "
                    + "parameters settles sooner. Test RMSE against noisy labels is floored at the noise's "
                    + "standard deviation 1, so the per-epoch table also gives it against the exact 2X^2.", facts,
                    List.of(), figures);
            ExperimentSection epochs = new ExperimentSection("figure-1-epochs", "Figure 1 per epoch",
                    "The curves' numbers: per size, mode and epoch the mean training and test RMSE, the test RMSE "
                    + "against the exact 2X^2 and the mean absolute change of the parameters.", List.of(),
                    List.of(table()), List.of());
            return new ExperimentReport(NAME, "fig1: Figure 1 of McDonagh & Chen", summary(),
                    List.of(section, epochs),
                    List.of(new Fact("seed", Long.toString(settings.seed())),
                            new Fact("threads", Integer.toString(settings.threads())),
                            new Fact("wall time", String.format(Locale.ROOT, "%.1f s", seconds))));
        }

        /**
         * The JSON: {@code {"runs", "curves":[{"size","gradients","trainRmse":[...],"testRmse":[...],
         * "exactTestRmse":[...],"parameterChange":[...]}...], "seconds"}}, per-epoch lists from epoch 1.
         *
         * @return the JSON object
         */
        public ObjectNode json() {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("runs", settings.runs());
            ArrayNode array = root.putArray("curves");
            for (Curve c : curves) {
                ObjectNode o = array.addObject();
                o.put("size", c.size());
                o.put("gradients", c.gradients());
                JsonNumbers.add(o.putArray("trainRmse"), c.trainRmse());
                JsonNumbers.add(o.putArray("testRmse"), c.testRmse());
                JsonNumbers.add(o.putArray("exactTestRmse"), c.exactTestRmse());
                JsonNumbers.add(o.putArray("parameterChange"), c.parameterChange());
            }
            JsonNumbers.put(root, "seconds", seconds);
            return root;
        }

        private String summary() {
            List<String> parts = new ArrayList<>();
            for (int size : settings.sizes()) {
                parts.add(String.format(Locale.ROOT, "N = %d: test RMSE against 2X^2 %.4f with gradients, %.4f "
                                + "without", size, Curve.last(curve(size, true).exactTestRmse()),
                        Curve.last(curve(size, false).exactTestRmse())));
            }
            return String.join("; ", parts) + String.format(Locale.ROOT, " (%d runs, %.0f s)", settings.runs(),
                    seconds);
        }

        private NamedTable table() {
            IntColumn size = IntColumn.create("size");
            BooleanColumn gradients = BooleanColumn.create("gradients");
            IntColumn epoch = IntColumn.create("epoch");
            DoubleColumn train = DoubleColumn.create("train_rmse");
            DoubleColumn test = DoubleColumn.create("test_rmse");
            DoubleColumn exact = DoubleColumn.create("exact_test_rmse");
            DoubleColumn change = DoubleColumn.create("parameter_change");
            for (Curve c : curves) {
                for (int e = 0; e < c.trainRmse().size(); e++) {
                    size.append(c.size());
                    gradients.append(c.gradients());
                    epoch.append(e + 1);
                    train.append(c.trainRmse().get(e));
                    test.append(c.testRmse().get(e));
                    exact.append(c.exactTestRmse().get(e));
                    change.append(c.parameterChange().get(e));
                }
            }
            return new NamedTable("fig1-epochs", "Per epoch, mean over runs: training RMSE, test RMSE against noisy "
                    + "and exact labels, mean absolute change of the parameters", Table.create("fig1-epochs", size,
                    gradients, epoch, train, test, exact, change));
        }

        private static Figure.Axis epochAxis() {
            return new Figure.Axis("epoch", false);
        }

        private static Figure.Series series(String name, List<Double> y) {
            List<Double> x = new ArrayList<>(y.size());
            for (int e = 1; e <= y.size(); e++) {
                x.add((double) e);
            }
            return Figure.Series.of(name, Figure.Style.LINES, x, y);
        }
    }

    /**
     * Runs every (size, run, mode) training and averages the per-epoch curves over runs.
     *
     * @param settings what to run
     * @return the curves
     */
    public static Result run(Settings settings) {
        long t0 = System.nanoTime();
        int largest = settings.sizes().get(settings.sizes().size() - 1);
        Rows test = rows(RandomStreams.stream(settings.seed(), RandomStreams.TEST, 0), settings.testRows());
        List<Rows> draws = new ArrayList<>();
        long[] networkSeeds = new long[settings.runs()];
        for (int r = 0; r < settings.runs(); r++) {
            draws.add(rows(RandomStreams.stream(settings.seed(), RandomStreams.TRAINING, r), largest));
            networkSeeds[r] = RandomStreams.stream(settings.seed(), RandomStreams.AUXILIARY, r).nextLong();
        }
        List<Callable<double[][]>> tasks = new ArrayList<>();
        List<Integer> costs = new ArrayList<>();
        for (int size : settings.sizes()) {
            for (boolean gradients : new boolean[] {false, true}) {
                for (int r = 0; r < settings.runs(); r++) {
                    Rows training = draws.get(r).first(size);
                    long seed = networkSeeds[r];
                    tasks.add(() -> train(training, test, gradients, seed));
                    costs.add(size);
                }
            }
        }
        List<double[][]> runs = ParallelTasks.run(tasks, settings.threads(),
                Comparator.comparingInt(i -> -costs.get(i)));
        List<Curve> curves = new ArrayList<>();
        int task = 0;
        for (int size : settings.sizes()) {
            for (boolean gradients : new boolean[] {false, true}) {
                double[][] sum = new double[4][PaperProtocol.EPOCHS];
                for (int r = 0; r < settings.runs(); r++, task++) {
                    double[][] one = runs.get(task);
                    for (int q = 0; q < 4; q++) {
                        for (int e = 0; e < PaperProtocol.EPOCHS; e++) {
                            sum[q][e] += one[q][e] / settings.runs();
                        }
                    }
                }
                curves.add(new Curve(size, gradients, list(sum[0]), list(sum[1]), list(sum[2]), list(sum[3])));
            }
        }
        return new Result(settings, curves, (System.nanoTime() - t0) / 1e9);
    }

    /** The toy's rows: X, noisy Z, the gradient labels 4X and the exact 2X². */
    private record Rows(TrainingData data, double[] exact) {
        Rows first(int n) {
            return new Rows(new TrainingData(Arrays.copyOf(data.x(), n), Arrays.copyOf(data.y(), n),
                    Arrays.copyOf(data.dydx(), n), null, null, n), Arrays.copyOf(exact, n));
        }
    }

    private static Rows rows(UniformRandomProvider rng, int n) {
        ZigguratSampler.NormalizedGaussian noise = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n];
        double[] z = new double[n];
        double[] dz = new double[n];
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
            exact[i] = 2 * x[i] * x[i];
            z[i] = exact[i] + noise.sample();
            dz[i] = 4 * x[i];
        }
        return new Rows(new TrainingData(x, z, dz, null, null, n), exact);
    }

    /** One training: {train RMSE, test RMSE, exact test RMSE, mean |Δθ|} per epoch. */
    private static double[][] train(Rows training, Rows test, boolean gradients, long seed) {
        TrainingConfig config = PaperProtocol.config(4, Activation.IDENTITY, Normalisation.Kind.PER_FEATURE, ETA,
                gradients, seed, 1);
        double[][] out = new double[4][PaperProtocol.EPOCHS];
        double[][] previous = new double[1][];
        Trainer.train(training.data(), config, null, (epoch, current) -> {
            double[] theta = current.network().parameters();
            if (epoch > 0) {
                score(current, training, test, out, epoch - 1);
                double change = 0;
                for (int i = 0; i < theta.length; i++) {
                    change += Math.abs(theta[i] - previous[0][i]);
                }
                out[3][epoch - 1] = change / theta.length;
            }
            previous[0] = theta;
        });
        return out;
    }

    private static void score(Surrogate model, Rows training, Rows test, double[][] out, int e) {
        out[0][e] = Scores.rmse(Scores.predict(model, training.data()), training.data().y());
        double[] predicted = Scores.predict(model, test.data());
        out[1][e] = Scores.rmse(predicted, test.data().y());
        out[2][e] = Scores.rmse(predicted, test.exact());
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
