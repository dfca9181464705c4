package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pricing.simulators.CosineSimulator;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.surrogate.inference.GaussianLikelihood;
import dev.sobolev.surrogate.inference.LatentMle;
import dev.sobolev.surrogate.inference.LikelihoodSurface;
import dev.sobolev.surrogate.inference.MleFit;
import dev.sobolev.surrogate.inference.ParameterBox;
import dev.sobolev.surrogate.inference.ParametricModel;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingDivergedException;

/**
 * Latent-parameter MLE through surrogates, McDonagh &amp; Chen §3 and Fig. 3. K independent sets of ten noisy
 * observations of the 2-D cosine simulator (eq. 7) at θ* = (5, 5) are each fitted by maximum likelihood (eq. 9) with
 * the simulator itself (θ̂ ± standard error) and through surrogates of it: for each training size N, {@code draws}
 * independent training sets are drawn from the prior, and on each a surrogate is trained with gradients (the Sobolev
 * loss of eq. 8) and one on values only, for every complexity η of the grid; the complexity with the lowest mean test
 * RMSE is the optimal one of that size and mode (the paper's choice). A surrogate's error is the mean of ‖θ̂ − θ*‖₂
 * over the K observation sets (the expected error over the observation noise, of which the paper's one set is a
 * single draw), and the table compares the mean of that over the optimal surrogates of the two modes.
 *
 * <p>Determinism: observation set 0 uses training stream 0 of the run seed, set k ≥ 1 training stream 10⁶ + k, and
 * replication r of the coverage check training stream r + 1 (disjoint for any settings); the test set is
 * {@link CosineProblem#test} of the run seed, and draw k uses auxiliary stream k, from which the training set of size
 * N and the initialisation of a net of complexity η are seeded. Every surrogate of both modes is fitted on the same
 * observation sets and both modes share each draw's seeds (a paired comparison). The observation sets are drawn before
 * the parallel part; each training and its K fits are one task on one thread, so results do not depend on
 * {@code threads}. A training that diverges ({@link Trainer}) keeps its best epoch's weights and is counted per size,
 * mode and η.
 */
public final class LatentMleExperiment {
    /** The command-line name. */
    public static final String NAME = "latent-mle";
    /** θ* of the paper's Fig. 3. */
    public static final List<Double> TRUE_THETA = List.of(5.0, 5.0);
    /** Grid points per axis of the likelihood surface over the prior box. */
    static final int SURFACE_POINTS = 61;
    /** Grid points per axis of the surface around θ̂. */
    static final int ZOOM_POINTS = 41;
    /** Half-width of the window around θ̂ in standard errors. */
    static final double ZOOM_STANDARD_ERRORS = 5;
    /** Training stream of observation set k ≥ 1 is this plus k, above every replication's stream r + 1. */
    private static final int SET_STREAMS = 1_000_000;

    private static final CosineProblem PROBLEM = new CosineProblem();
    /** The prior U[0, 15]² of eq. 7: the search box of every fit. */
    private static final ParameterBox BOX = ParameterBox.cube(CosineSimulator.PARAMETERS, CosineSimulator.PRIOR_LOW,
            CosineSimulator.PRIOR_HIGH);

    private LatentMleExperiment() {
    }

    /**
     * What to run.
     *
     * @param seed          run seed
     * @param sizes         training sizes N in [2, 10⁶], distinct (the paper's Fig. 3: 50, 100, 300)
     * @param etas          complexities η in [1, 1000] to choose the optimal one from, distinct (one value fixes it)
     * @param draws         surrogates per size, mode and complexity in [1, 10⁴] (the paper: 10)
     * @param observations  observed vectors n per observation set in [1, 10⁶] (the paper: 10)
     * @param observationSets independent observation sets K in [1, 10⁴] every fit is repeated on; errors are means
     *                      over them (the paper: one)
     * @param noiseVariance variance σ² &gt; 0 of the observation noise, also the likelihood's (the paper: 0.001)
     * @param starts        starting points of each MLE in [1, 10⁴]
     * @param testRows      test rows in [1, 10⁶] for the test RMSE that picks the complexity (the paper: 1000)
     * @param replications  independent observation sets in [0, 10⁶] fitted with the exact simulator to measure how
     *                      often θ* lies within one and two standard errors of θ̂
     * @param threads       worker threads in [1, 1024]
     */
    public record Settings(long seed, List<Integer> sizes, List<Integer> etas, int draws, int observations,
                           int observationSets, double noiseVariance, int starts, int testRows, int replications,
                           int threads) {
        /** Default sizes: the paper's Fig. 3 claim. */
        public static final List<Integer> DEFAULT_SIZES = List.of(50, 100, 300);
        /** Default complexity grid, affordable on 2 cores. */
        public static final List<Integer> DEFAULT_ETAS = List.of(4, 8, 16, 32);
        /** The upper bound of sizes, observations, test rows and replications. */
        private static final int MILLION = 1_000_000;
        /** Default surrogates per size, mode and complexity. */
        public static final int DEFAULT_DRAWS = 10;
        /** Default observed vectors. */
        public static final int DEFAULT_OBSERVATIONS = 10;
        /** Default observation sets. */
        public static final int DEFAULT_OBSERVATION_SETS = 20;
        /** Default noise variance. */
        public static final double DEFAULT_NOISE_VARIANCE = 0.001;
        /** Default MLE starts. */
        public static final int DEFAULT_STARTS = 8;
        /** Default test rows. */
        public static final int DEFAULT_TEST_ROWS = 1000;
        /** Default replications of the coverage check. */
        public static final int DEFAULT_REPLICATIONS = 200;

        /**
         * Checks the settings and copies the lists.
         *
         * @throws InvalidParameterException naming the first setting outside its domain
         */
        public Settings {
            sizes = List.copyOf(sizes);
            etas = List.copyOf(etas);
            checkList("sizes", sizes, 2, MILLION);
            checkList("etas", etas, 1, 1000);
            within("draws", draws, 1, 10_000);
            within("observations", observations, 1, MILLION);
            within("observationSets", observationSets, 1, 10_000);
            if (!(noiseVariance > 0) || !Double.isFinite(noiseVariance)) {
                throw new InvalidParameterException("noiseVariance", "must be finite and > 0, got " + noiseVariance);
            }
            within("starts", starts, 1, 10_000);
            within("testRows", testRows, 1, MILLION);
            within("replications", replications, 0, MILLION);
            within("threads", threads, 1, 1024);
        }

        /**
         * The defaults for a seed and thread count.
         *
         * @param seed    run seed
         * @param threads worker threads
         * @return the settings
         */
        public static Settings defaults(long seed, int threads) {
            return new Settings(seed, DEFAULT_SIZES, DEFAULT_ETAS, DEFAULT_DRAWS, DEFAULT_OBSERVATIONS,
                    DEFAULT_OBSERVATION_SETS, DEFAULT_NOISE_VARIANCE, DEFAULT_STARTS, DEFAULT_TEST_ROWS,
                    DEFAULT_REPLICATIONS, threads);
        }

        private static void checkList(String name, List<Integer> values, int minimum, int maximum) {
            if (values.isEmpty()) {
                throw new InvalidParameterException(name, "must hold at least one value, got none");
            }
            for (int i = 0; i < values.size(); i++) {
                within(name + "[" + i + "]", values.get(i), minimum, maximum);
                if (values.indexOf(values.get(i)) != i) {
                    throw new InvalidParameterException(name + "[" + i + "]", "must not repeat " + values.get(i));
                }
            }
        }

        private static void within(String name, int value, int minimum, int maximum) {
            if (value < minimum || value > maximum) {
                throw new InvalidParameterException(name, "must be in [" + minimum + ", " + maximum + "], got "
                        + value);
            }
        }
    }

    /**
     * One surrogate and the MLEs through it.
     *
     * @param size      training size N
     * @param draw      training draw k
     * @param gradients whether trained with gradients (Sobolev) or on values only
     * @param eta       complexity η
     * @param testRmse  RMSE of its outputs over the test set (all rows and the ten outputs)
     * @param diverged  whether its training diverged ({@link Trainer}; it keeps its best epoch's weights)
     * @param fits      the MLE through it of each observation set, in set order
     */
    public record Trial(int size, int draw, boolean gradients, int eta, double testRmse, boolean diverged,
                        List<MleFit> fits) {
        /** Copies the list. */
        public Trial {
            fits = List.copyOf(fits);
        }

        /** @return ‖θ̂ − θ*‖₂ averaged over the observation sets */
        public double error() {
            return meanError(fits);
        }

        /**
         * @param exact the exact simulator's MLE of each observation set
         * @return the distance from θ̂ to the exact θ̂ of the same set or its mirror (θ̂₂, θ̂₁), whichever is nearer,
         *         averaged over the sets
         */
        public double shift(List<MleFit> exact) {
            double sum = 0;
            for (int k = 0; k < fits.size(); k++) {
                List<Double> e = exact.get(k).estimate();
                List<Double> own = fits.get(k).estimate();
                sum += Math.min(distance(own, e), distance(own, List.of(e.get(1), e.get(0))));
            }
            return sum / fits.size();
        }
    }

    /**
     * The fits through the optimal surrogates of one size and mode.
     *
     * @param eta             the optimal complexity (lowest mean test RMSE over the draws)
     * @param testRmse        its mean test RMSE
     * @param meanError       mean ‖θ̂ − θ*‖₂ over the draws
     * @param meanError       mean over the surrogates of their error ({@link Trial#error}: ‖θ̂ − θ*‖₂ averaged over
     *                        the observation sets)
     * @param sdError         sample standard deviation of that error over the surrogates (0 for one draw)
     * @param minError        least error of a surrogate
     * @param maxError        largest error of a surrogate
     * @param componentErrors mean |θ̂ⱼ − θ*ⱼ| per parameter over the surrogates and observation sets
     * @param meanShift       mean over the surrogates and observation sets of the distance from θ̂ to the
     *                        simulator's own MLE θ̂_sim of the same set or its mirror (θ̂_sim,2, θ̂_sim,1), whichever
     *                        is nearer (eq. 7 is symmetric in θ₁ ↔ θ₂, so both maximise the simulator's likelihood):
     *                        the error the surrogate adds to the one the noise causes
     * @param surrogates      number of surrogates (each fitted on every observation set)
     * @param diverged        trainings of this size and mode that diverged, over every η of the grid
     */
    public record ModeSummary(int eta, double testRmse, double meanError, double sdError, double minError,
                              double maxError, List<Double> componentErrors, double meanShift, int surrogates,
                              int diverged) {
        /** Copies the list. */
        public ModeSummary {
            componentErrors = List.copyOf(componentErrors);
        }
    }

    /**
     * One row of the Fig. 3 table.
     *
     * @param size    training size N
     * @param value   the values-only surrogates
     * @param sobolev the gradient-trained surrogates
     */
    public record Row(int size, ModeSummary value, ModeSummary sobolev) {
        /** @return whether the gradient-trained surrogates give the smaller mean error (the paper's claim) */
        public boolean sobolevWins() {
            return sobolev.meanError() < value.meanError();
        }
    }

    /**
     * The complexity sweep of one size and mode at one η.
     *
     * @param size      training size N
     * @param gradients the mode
     * @param eta       complexity η
     * @param testRmse  mean test RMSE over the draws
     * @param sdRmse    its sample standard deviation
     * @param meanError mean ‖θ̂ − θ*‖₂ of the MLE through these surrogates over the draws and observation sets
     * @param chosen    whether η is the optimal complexity of this size and mode
     * @param diverged  trainings at this η that diverged (kept their best epoch's weights)
     */
    public record Complexity(int size, boolean gradients, int eta, double testRmse, double sdRmse, double meanError,
                             boolean chosen, int diverged) {
    }

    /**
     * How often the exact simulator's MLE lies within one and two standard errors of θ*, over independent
     * observation sets: about 68 % and 95 % per parameter where the likelihood is close to quadratic.
     *
     * @param sets         observation sets fitted
     * @param withinOne    per parameter, the share with |θ̂ⱼ − θ*ⱼ| ≤ SEⱼ
     * @param withinTwo    per parameter, the share with |θ̂ⱼ − θ*ⱼ| ≤ 2 SEⱼ
     * @param undefined    fits without standard errors (θ̂ on the prior box's boundary, or observed information not
     *                     positive definite), counted as outside
     */
    public record Coverage(int sets, List<Double> withinOne, List<Double> withinTwo, int undefined) {
        /** Copies the lists. */
        public Coverage {
            withinOne = List.copyOf(withinOne);
            withinTwo = List.copyOf(withinTwo);
        }
    }

    /**
     * The outcome.
     *
     * @param settings     what was run
     * @param observations the n observed vectors of the ten outputs of the first observation set
     * @param trueFits     the MLE with the exact simulator of each observation set, in set order
     * @param surface      log L of the exact simulator over the prior box, first observation set
     * @param zoom         log L of the exact simulator around the first set's θ̂
     * @param setCoverage  the standard errors' coverage over the K observation sets
     * @param coverage     the standard errors' coverage over the {@code replications} observation sets
     * @param trials       every surrogate and its fit, in (size, draw, η, mode) order
     * @param complexities the complexity sweep, in (size, mode, η) order
     * @param rows         the Fig. 3 table, one row per size in the order given
     * @param seconds      wall-clock time of the run
     */
    public record Result(Settings settings, List<List<Double>> observations, List<MleFit> trueFits,
                         LikelihoodSurface surface, LikelihoodSurface zoom, Coverage setCoverage, Coverage coverage,
                         List<Trial> trials, List<Complexity> complexities, List<Row> rows, double seconds) {
        /** Copies the lists. */
        public Result {
            observations = observations.stream().map(List::copyOf).toList();
            trueFits = List.copyOf(trueFits);
            trials = List.copyOf(trials);
            complexities = List.copyOf(complexities);
            rows = List.copyOf(rows);
        }

        /** @return the exact simulator's MLE of the first observation set (the one of the contour figures) */
        public MleFit trueFit() {
            return trueFits.get(0);
        }

        /** @return the exact simulator's ‖θ̂ − θ*‖₂ averaged over the observation sets: the noise's own error */
        public double trueMeanError() {
            return meanError(trueFits);
        }

        /** @return whether |θ̂ⱼ − θ*ⱼ| ≤ SEⱼ for every parameter of the simulator's fit of the first set */
        public boolean trueFitWithinStandardError() {
            return within(trueFit(), 0, 1) && within(trueFit(), 1, 1);
        }

        /** @return the report: the simulator's fit and likelihood surface, the Fig. 3 table and figure, the sweep */
        public ExperimentReport report() {
            return LatentMleReport.report(this);
        }

        /**
         * @return {@code {"rows":[{"size","value":{"error",…},"sobolev":{"error",…},"sobolevWins"}…],
         *         "trueSimulator":{…},"settings":{…}}}
         */
        public ObjectNode json() {
            return LatentMleReport.json(this);
        }
    }

    /** The exact simulator of eq. 7 as a model. */
    static ParametricModel simulator() {
        return ParametricModel.of(CosineSimulator.PARAMETERS, CosineSimulator.STEPS, CosineSimulator::evaluate,
                CosineSimulator::hessian);
    }

    /**
     * Runs the experiment.
     *
     * @param settings what to run
     * @return the result
     */
    public static Result run(Settings settings) {
        long start = System.nanoTime();
        List<double[][]> sets = IntStream.range(0, settings.observationSets())
                .mapToObj(k -> observe(settings, k == 0 ? 0 : SET_STREAMS + k)).toList();
        ParametricModel simulator = simulator();
        List<MleFit> trueFits = fits(simulator, sets, settings);
        double[][] observed = sets.get(0);
        GaussianLikelihood exact = new GaussianLikelihood(simulator, observed, settings.noiseVariance());
        MleFit trueFit = trueFits.get(0);
        double[] grid = IntStream.range(0, SURFACE_POINTS).mapToDouble(i -> CosineSimulator.PRIOR_LOW
                + (CosineSimulator.PRIOR_HIGH - CosineSimulator.PRIOR_LOW) * i / (SURFACE_POINTS - 1)).toArray();
        double[] at = unbox(trueFit.estimate());
        LikelihoodSurface surface = exact.surface(at, 0, grid, 1, grid);
        LikelihoodSurface zoom = exact.surface(at, 0, window(trueFit, 0), 1, window(trueFit, 1));
        List<double[][]> replications = IntStream.range(0, settings.replications())
                .mapToObj(r -> observe(settings, r + 1)).toList();
        Coverage coverage = coverage(fits(simulator, replications, settings));
        List<Trial> trials = trials(settings, sets);
        List<Complexity> complexities = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int size : settings.sizes()) {
            ModeSummary value = summary(settings, trials, trueFits, size, false, complexities);
            ModeSummary sobolev = summary(settings, trials, trueFits, size, true, complexities);
            rows.add(new Row(size, value, sobolev));
        }
        List<List<Double>> observations = new ArrayList<>();
        for (double[] d : observed) {
            observations.add(Arrays.stream(d).boxed().toList());
        }
        return new Result(settings, observations, trueFits, surface, zoom, coverage(trueFits), coverage, trials,
                complexities, rows, (System.nanoTime() - start) / 1e9);
    }

    /** n vectors y(θ*) + ε, ε ~ N(0, σ²) per output, from training stream {@code stream} of the run seed. */
    private static double[][] observe(Settings settings, int stream) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(
                RandomStreams.stream(settings.seed(), RandomStreams.TRAINING, stream));
        double sd = Math.sqrt(settings.noiseVariance());
        double[] y = new double[CosineSimulator.STEPS];
        CosineSimulator.evaluate(unbox(TRUE_THETA), y, null);
        double[][] d = new double[settings.observations()][y.length];
        for (double[] row : d) {
            for (int t = 0; t < y.length; t++) {
                row[t] = y[t] + sd * normal.sample();
            }
        }
        return d;
    }

    /** The MLE through a model of each observation set, in set order. */
    private static List<MleFit> fits(ParametricModel model, List<double[][]> sets, Settings settings) {
        return sets.stream().map(d -> LatentMle.fit(new GaussianLikelihood(model, d, settings.noiseVariance()), BOX,
                settings.starts())).toList();
    }

    /** Mean ‖θ̂ − θ*‖₂ over fits. */
    private static double meanError(List<MleFit> fits) {
        return fits.stream().mapToDouble(f -> distance(f.estimate(), TRUE_THETA)).average().orElseThrow();
    }

    /** Counts the fits with θ* within one and two SE of θ̂, per parameter. */
    private static Coverage coverage(List<MleFit> fits) {
        int p = TRUE_THETA.size();
        int[] one = new int[p];
        int[] two = new int[p];
        int undefined = 0;
        int n = fits.size();
        for (MleFit fit : fits) {
            undefined += fit.hasStandardErrors() ? 0 : 1;
            for (int j = 0; j < p; j++) {
                one[j] += within(fit, j, 1) ? 1 : 0;
                two[j] += within(fit, j, 2) ? 1 : 0;
            }
        }
        return new Coverage(n, shares(one, n), shares(two, n), undefined);
    }

    private static List<Double> shares(int[] counts, int n) {
        return Arrays.stream(counts).mapToObj(c -> n == 0 ? 0.0 : (double) c / n).toList();
    }

    /** |θ̂ⱼ − θ*ⱼ| ≤ k·SEⱼ (false without standard errors). */
    private static boolean within(MleFit fit, int j, double k) {
        return Math.abs(fit.estimate().get(j) - TRUE_THETA.get(j)) <= k * fit.standardErrors().get(j);
    }

    /** θ̂ⱼ ± 5 SEⱼ (± 0.5 without standard errors) in the prior box, {@value #ZOOM_POINTS} points. */
    private static double[] window(MleFit fit, int j) {
        double se = fit.standardErrors().get(j);
        double half = Double.isFinite(se) ? ZOOM_STANDARD_ERRORS * se : 0.5;
        double lo = Math.max(CosineSimulator.PRIOR_LOW, fit.estimate().get(j) - half);
        double hi = Math.min(CosineSimulator.PRIOR_HIGH, fit.estimate().get(j) + half);
        return IntStream.range(0, ZOOM_POINTS).mapToDouble(i -> lo + (hi - lo) * i / (ZOOM_POINTS - 1)).toArray();
    }

    /** One training task: its place in the (size, draw, η, mode) order. */
    private record Task(int size, int draw, int eta, boolean gradients) {
        double cost() {
            return (double) size * eta * eta * (gradients ? 2 : 1);
        }
    }

    /** Every task, the costliest started first ({@link ParallelTasks}), collected in task order. */
    private static List<Trial> trials(Settings settings, List<double[][]> sets) {
        TrainingData test = PROBLEM.test(settings.testRows(), settings.seed());
        long[][] drawSeeds = new long[settings.draws()][];
        for (int k = 0; k < settings.draws(); k++) {
            UniformRandomProvider rng = RandomStreams.stream(settings.seed(), RandomStreams.AUXILIARY, k);
            drawSeeds[k] = new long[] {rng.nextLong(), rng.nextLong()};
        }
        List<Task> tasks = new ArrayList<>();
        List<Callable<Trial>> calls = new ArrayList<>();
        for (int size : settings.sizes()) {
            for (int draw = 0; draw < settings.draws(); draw++) {
                for (int eta : settings.etas()) {
                    for (boolean gradients : new boolean[] {false, true}) {
                        Task task = new Task(size, draw, eta, gradients);
                        tasks.add(task);
                        calls.add(() -> trial(task, drawSeeds[task.draw()], test, sets, settings));
                    }
                }
            }
        }
        return ParallelTasks.run(calls, settings.threads(), Comparator.comparingDouble(i -> -tasks.get(i).cost()));
    }

    /**
     * Trains one surrogate, measures its test RMSE and fits θ through it on each observation set. A training that
     * diverges keeps its best epoch's weights and is marked, so one surrogate does not end the run.
     *
     * @throws IllegalStateException naming the task if its training diverges before finishing an epoch
     */
    private static Trial trial(Task task, long[] seeds, TrainingData test, List<double[][]> sets, Settings settings) {
        TrainingData data = PROBLEM.training(task.size(), mix(seeds[0], task.size(), 0));
        Trainer.Result trained;
        try {
            trained = Trainer.train(data, PROBLEM.config(task.eta(), task.gradients(),
                    mix(seeds[1], task.size(), task.eta()), 1).toBuilder().keepBest(true).build(), null);
        } catch (TrainingDivergedException e) {
            throw new IllegalStateException("size " + task.size() + ", eta " + task.eta() + (task.gradients()
                    ? ", with" : ", without") + " gradients, draw " + task.draw() + ": " + e.getMessage(), e);
        }
        Surrogate model = trained.model();
        return new Trial(task.size(), task.draw(), task.gradients(), task.eta(),
                Scores.rmse(Scores.predict(model, test), test.y()), trained.history().diverged(),
                fits(ParametricModel.of(model), sets, settings));
    }

    /**
     * The fits of one size and mode at its optimal complexity (the lowest finite mean test RMSE); appends the sweep
     * rows.
     *
     * @throws IllegalStateException naming size and mode when no complexity has a finite mean test RMSE
     */
    static ModeSummary summary(Settings settings, List<Trial> trials, List<MleFit> trueFits, int size,
                               boolean gradients, List<Complexity> sweep) {
        int best = -1;
        double bestRmse = Double.POSITIVE_INFINITY;
        int diverged = 0;
        List<Complexity> rows = new ArrayList<>();
        for (int eta : settings.etas()) {
            List<Trial> at = select(trials, size, gradients, eta);
            DescriptiveStatistics rmse = new DescriptiveStatistics();
            DescriptiveStatistics error = new DescriptiveStatistics();
            int divergedHere = 0;
            for (Trial t : at) {
                rmse.addValue(t.testRmse());
                error.addValue(t.error());
                divergedHere += t.diverged() ? 1 : 0;
            }
            diverged += divergedHere;
            rows.add(new Complexity(size, gradients, eta, rmse.getMean(), rmse.getStandardDeviation(), error.getMean(),
                    false, divergedHere));
            if (rmse.getMean() < bestRmse) {
                bestRmse = rmse.getMean();
                best = eta;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("size " + size + (gradients ? ", with" : ", without") + " gradients: no "
                    + "complexity of " + settings.etas() + " has a finite mean test RMSE, so none can be chosen");
        }
        for (Complexity c : rows) {
            sweep.add(new Complexity(c.size(), c.gradients(), c.eta(), c.testRmse(), c.sdRmse(), c.meanError(),
                    c.eta() == best, c.diverged()));
        }
        List<Trial> chosen = select(trials, size, gradients, best);
        DescriptiveStatistics error = new DescriptiveStatistics();
        DescriptiveStatistics shift = new DescriptiveStatistics();
        double[] components = new double[TRUE_THETA.size()];
        for (Trial t : chosen) {
            error.addValue(t.error());
            shift.addValue(t.shift(trueFits));
            for (MleFit fit : t.fits()) {
                for (int j = 0; j < components.length; j++) {
                    components[j] += Math.abs(fit.estimate().get(j) - TRUE_THETA.get(j))
                            / ((double) chosen.size() * t.fits().size());
                }
            }
        }
        return new ModeSummary(best, bestRmse, error.getMean(), error.getStandardDeviation(), error.getMin(),
                error.getMax(), Arrays.stream(components).boxed().toList(), shift.getMean(), chosen.size(), diverged);
    }

    private static List<Trial> select(List<Trial> trials, int size, boolean gradients, int eta) {
        return trials.stream().filter(t -> t.size() == size && t.gradients() == gradients && t.eta() == eta).toList();
    }

    /** A seed for one size and complexity from a draw's seed: SplitMix64's finaliser of the combination. */
    private static long mix(long seed, int size, int eta) {
        long z = seed + 0x9E3779B97F4A7C15L * (((long) size << 20) + eta + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double distance(List<Double> a, List<Double> b) {
        double s = 0;
        for (int j = 0; j < a.size(); j++) {
            double e = a.get(j) - b.get(j);
            s += e * e;
        }
        return Math.sqrt(s);
    }

    static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
