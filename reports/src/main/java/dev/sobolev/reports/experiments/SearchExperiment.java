package dev.sobolev.reports.experiments;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.search.Candidate;
import dev.sobolev.surrogate.search.CmaesSearch;
import dev.sobolev.surrogate.search.Fitness;
import dev.sobolev.surrogate.search.GeneticSearch;
import dev.sobolev.surrogate.search.SearchResult;
import dev.sobolev.surrogate.search.SearchSpace;
import dev.sobolev.surrogate.train.Schedule;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingDivergedException;

/**
 * The hyperparameter search McDonagh &amp; Chen propose (§4.2, Fig. 4) on one of their problems, the 4-D GARCH
 * forecast by default: a genetic algorithm ({@link GeneticSearch}) and CMA-ES ({@link CmaesSearch}) over complexity η,
 * learning rate and Sobolev weight α, each starting with the δ_min step that drops complexities above the bound.
 *
 * <p>Data: the training rows are {@link Problem#training}{@code (size, seed)}, the test rows {@link Problem#test}{@code
 * (testRows, seed)} (the complexity sweep's test set for the same seed and rows), and the validation rows, which the
 * fitness is the RMSE on (eq. 10, pooled over outputs), a training draw under a seed taken from auxiliary stream
 * {@value #VALIDATION_STREAM} of the run seed: independent of both. A candidate is trained by the problem's protocol
 * ({@link Problem#config}) with its α and its learning rate, decayed in time to a twentieth at the last epoch as the
 * paper's 0.01 → 0.0005; a training that diverges keeps its best epoch. The winner's test RMSE is that of the network
 * the search trained, scored on the test rows when it was trained (the search never sees it).
 *
 * <p>Both searches use the same seed, so their probe generations are the same trainings: a training is run once per
 * candidate and seed and shared, which changes no figure; each search counts its trainings as if it ran alone.
 * Determinism: the genetic algorithm trains a generation over {@code threads} threads, one training thread and one
 * seed per candidate; CMA-ES trains its candidates one after another; the result is the same for any thread count.
 *
 * <p>The acceptance of issue 27 (point 4): a net no larger than the δ_min bound whose test RMSE is within
 * {@value #TOLERANCE} (relative) of the best of the Table-1 sweep at the same training size, after fewer trainings.
 * The sweep is another job; its best test RMSE and training count come in as the optional {@link Reference}.
 */
public final class SearchExperiment {
    /** Relative margin on the reference's test RMSE that the acceptance allows. */
    public static final double TOLERANCE = 0.10;
    /** Auxiliary stream of the run seed whose first number seeds the validation draw (0–2 are the searches'). */
    static final int VALIDATION_STREAM = 3;
    /** The genetic algorithm's crossover rate. */
    private static final double CROSSOVER = 0.9;
    /** The genetic algorithm's mutation rate per gene. */
    private static final double MUTATION = 0.25;
    /** CMA-ES's initial step size in the unit cube. */
    private static final double SIGMA = 0.3;

    private SearchExperiment() {
    }

    /**
     * The best of a complexity sweep at the same training size, to compare the searches with.
     *
     * @param testRmse  its best test RMSE, finite and &gt; 0
     * @param trainings the trainings it ran, ≥ 1
     */
    public record Reference(double testRmse, int trainings) {
        /**
         * Validates the figures.
         *
         * @throws InvalidParameterException naming {@code referenceTestRmse} or {@code referenceTrainings}
         */
        public Reference {
            if (!(testRmse > 0) || !Double.isFinite(testRmse)) {
                throw new InvalidParameterException("referenceTestRmse", "must be finite and > 0, got " + testRmse);
            }
            if (trainings < 1) {
                throw new InvalidParameterException("referenceTrainings", "must be >= 1, got " + trainings);
            }
        }
    }

    /**
     * What to run.
     *
     * @param problem          the problem (the paper's 4-D GARCH forecast by default)
     * @param size             training rows N ≥ 2
     * @param validationRows   validation rows ≥ 2
     * @param testRows         test rows ≥ 1
     * @param space            the hyperparameter space
     * @param population       candidates per generation (CMA-ES: λ), ≥ 2
     * @param generations      generations, the probe included, ≥ 1
     * @param boundGenerations generations searched over the whole range before the probe's bound is enforced, in
     *                         [0, generations]; 0: no bound step (CMA-ES enforces its bound right after the probe
     *                         whenever this is &gt; 0)
     * @param epochs           epochs per training ≥ 1 (the paper: 300)
     * @param seed             the run seed
     * @param threads          trainings at once, in [1, 1024]; the result does not depend on it
     * @param reference        the sweep to compare with, or null
     */
    public record Settings(Problem problem, int size, int validationRows, int testRows, SearchSpace space,
                           int population, int generations, int boundGenerations, int epochs, long seed, int threads,
                           Reference reference) {
        /**
         * Validates the settings.
         *
         * @throws InvalidParameterException naming the first setting outside its domain
         */
        public Settings {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(space, "space");
            if (size < 2) {
                throw new InvalidParameterException("size", "must be >= 2, got " + size);
            }
            if (validationRows < 2) {
                throw new InvalidParameterException("validationRows", "must be >= 2, got " + validationRows);
            }
            if (testRows < 1) {
                throw new InvalidParameterException("testRows", "must be >= 1, got " + testRows);
            }
            if (epochs < 1) {
                throw new InvalidParameterException("epochs", "must be >= 1, got " + epochs);
            }
            SearchExperiment.genetic(population, generations, boundGenerations, seed, threads);
        }

        /** @return a builder holding the defaults */
        public static Builder builder() {
            return new Builder();
        }

        /** @return the genetic algorithm's settings: tournaments of 2, crossover 0.9, mutation 0.25, one elite */
        public GeneticSearch.Settings genetic() {
            return SearchExperiment.genetic(population, generations, boundGenerations, seed, threads);
        }

        /** @return CMA-ES's settings: step size 0.3 of the unit cube, the probe when there is a bound step */
        public CmaesSearch.Settings cmaes() {
            return new CmaesSearch.Settings(population, generations, SIGMA, boundGenerations > 0, seed, threads);
        }
    }

    private static GeneticSearch.Settings genetic(int population, int generations, int boundGenerations, long seed,
                                                  int threads) {
        return new GeneticSearch.Settings(population, generations, 2, CROSSOVER, MUTATION, 1,
                boundGenerations, seed, threads);
    }

    /**
     * A builder of {@link Settings} with the defaults: the 4-D GARCH problem, N = 300 (a Table-1 size), 1000
     * validation and 1000 test rows, η ∈ [1, 18] (the 4-D sweep's range), learning rates 0.002–0.05 (the paper's 0.01
     * at the log centre) and α ∈ [0.1, 1] on 10-point grids, 6 candidates a generation for 3 generations (the probe,
     * then two), the bound after the probe, 300 epochs, seed 42, one thread. Not thread-safe.
     */
    public static final class Builder {
        /** Default training rows N. */
        public static final int SIZE = 300;
        /** Default validation rows. */
        public static final int VALIDATION_ROWS = 1000;
        /** Default test rows (the complexity sweep's). */
        public static final int TEST_ROWS = 1000;
        /** Default smallest complexity. */
        public static final int ETA_MIN = 1;
        /** Default largest complexity (the 4-D sweep's largest). */
        public static final int ETA_MAX = 18;
        /** Default smallest initial learning rate. */
        public static final double LEARNING_RATE_MIN = 0.002;
        /** Default largest initial learning rate. */
        public static final double LEARNING_RATE_MAX = 0.05;
        /** Default smallest α. */
        public static final double ALPHA_MIN = 0.1;
        /** Default largest α (values only). */
        public static final double ALPHA_MAX = 1;
        /** Default grid points of the learning rate and of α. */
        public static final int LEVELS = 10;
        /** Default candidates per generation. */
        public static final int POPULATION = 6;
        /** Default generations, the probe included. */
        public static final int GENERATIONS = 3;
        /** Default generations searched before the probe's bound is enforced. */
        public static final int BOUND_GENERATIONS = 1;
        /** Default epochs per training (the paper's). */
        public static final int EPOCHS = 300;

        private Problem problem = new GarchProblem();
        private int size = SIZE;
        private int validationRows = VALIDATION_ROWS;
        private int testRows = TEST_ROWS;
        private int etaMin = ETA_MIN;
        private int etaMax = ETA_MAX;
        private double learningRateMin = LEARNING_RATE_MIN;
        private double learningRateMax = LEARNING_RATE_MAX;
        private double alphaMin = ALPHA_MIN;
        private double alphaMax = ALPHA_MAX;
        private int levels = LEVELS;
        private int population = POPULATION;
        private int generations = GENERATIONS;
        private int boundGenerations = BOUND_GENERATIONS;
        private int epochs = EPOCHS;
        private long seed = 42;
        private int threads = 1;
        private Reference reference;

        private Builder() {
        }

        /** @param p the problem @return this builder */
        public Builder problem(Problem p) {
            problem = p;
            return this;
        }

        /** @param n training rows @return this builder */
        public Builder size(int n) {
            size = n;
            return this;
        }

        /** @param n validation rows @return this builder */
        public Builder validationRows(int n) {
            validationRows = n;
            return this;
        }

        /** @param n test rows @return this builder */
        public Builder testRows(int n) {
            testRows = n;
            return this;
        }

        /** @param min smallest η @param max largest η @return this builder */
        public Builder eta(int min, int max) {
            etaMin = min;
            etaMax = max;
            return this;
        }

        /** @param min smallest learning rate @param max largest @return this builder */
        public Builder learningRate(double min, double max) {
            learningRateMin = min;
            learningRateMax = max;
            return this;
        }

        /** @param min smallest α @param max largest α @return this builder */
        public Builder alpha(double min, double max) {
            alphaMin = min;
            alphaMax = max;
            return this;
        }

        /** @param n grid points of the learning rate and of α @return this builder */
        public Builder levels(int n) {
            levels = n;
            return this;
        }

        /** @param n candidates per generation @return this builder */
        public Builder population(int n) {
            population = n;
            return this;
        }

        /** @param n generations @return this builder */
        public Builder generations(int n) {
            generations = n;
            return this;
        }

        /** @param n generations searched before the probe's bound is enforced (0: no bound) @return this builder */
        public Builder boundGenerations(int n) {
            boundGenerations = n;
            return this;
        }

        /** @param n epochs per training @return this builder */
        public Builder epochs(int n) {
            epochs = n;
            return this;
        }

        /** @param s the run seed @return this builder */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** @param n trainings at once @return this builder */
        public Builder threads(int n) {
            threads = n;
            return this;
        }

        /** @param r the sweep to compare with, or null @return this builder */
        public Builder reference(Reference r) {
            reference = r;
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidParameterException naming the first setting outside its domain
         */
        public Settings build() {
            SearchSpace space = new SearchSpace(etaMin, etaMax, learningRateMin, learningRateMax, alphaMin, alphaMax,
                    levels);
            return new Settings(problem, size, validationRows, testRows, space, population, generations,
                    boundGenerations, epochs, seed, threads, reference);
        }
    }

    /**
     * One search's outcome.
     *
     * @param search  the search: winner, evaluations, trainings, bound
     * @param testRmse the winner's test RMSE
     * @param seconds wall time of the search (trainings shared with the other search are not timed twice)
     */
    public record Outcome(SearchResult search, double testRmse, double seconds) {
        /** Checks for a missing search. */
        public Outcome {
            Objects.requireNonNull(search, "search");
        }

        /**
         * @param reference the sweep's figures
         * @return the winner's test RMSE over the sweep's best
         */
        public double ratio(Reference reference) {
            return testRmse / reference.testRmse();
        }

        /**
         * Point 4 of the acceptance: within the bound, within {@link #TOLERANCE} of the sweep, fewer trainings.
         *
         * @param reference the sweep's figures
         * @return whether all three hold
         */
        public boolean accepted(Reference reference) {
            return search.best().eta() <= search.bound().bound() && ratio(reference) <= 1 + TOLERANCE
                    && search.trainings() < reference.trainings();
        }
    }

    /**
     * The outcome of a run.
     *
     * @param settings     what was run
     * @param ga           the genetic algorithm's outcome
     * @param cmaes        CMA-ES's outcome
     * @param trainingsRun trainings actually run (the searches' shared probe once)
     * @param seconds      wall time
     */
    public record Result(Settings settings, Outcome ga, Outcome cmaes, int trainingsRun, double seconds) {
        /** Checks for missing parts. */
        public Result {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(ga, "ga");
            Objects.requireNonNull(cmaes, "cmaes");
        }

        /**
         * The JSON: {@code {"ga":{"eta","learningRate","alpha","validationRmse","testRmse","trainings",
         * "bound","deltaMin"},"cmaes":{…},"reference":{"testRmse","trainings"}}}, the reference (and each search's
         * {@code "vsReference"}: test-RMSE ratio, fewer trainings, accepted) only when given; δ_min only when finite.
         *
         * @return the JSON object
         */
        public ObjectNode json() {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("ga", json(ga));
            root.set("cmaes", json(cmaes));
            Reference r = settings.reference();
            if (r != null) {
                ObjectNode ref = root.putObject("reference");
                JsonNumbers.put(ref, "testRmse", r.testRmse());
                ref.put("trainings", r.trainings());
            }
            return root;
        }

        private ObjectNode json(Outcome o) {
            SearchResult s = o.search();
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("eta", s.best().eta());
            node.put("learningRate", s.best().learningRate());
            node.put("alpha", s.best().alpha());
            JsonNumbers.put(node, "validationRmse", s.validationRmse());
            JsonNumbers.put(node, "testRmse", o.testRmse());
            node.put("trainings", s.trainings());
            node.put("bound", s.bound().bound());
            JsonNumbers.put(node, "deltaMin", s.bound().deltaMin());
            Reference r = settings.reference();
            if (r != null) {
                ObjectNode vs = node.putObject("vsReference");
                JsonNumbers.put(vs, "testRmseRatio", o.ratio(r));
                vs.put("fewerTrainings", s.trainings() < r.trainings());
                vs.put("accepted", o.accepted(r));
            }
            return node;
        }

        /**
         * The report: the two searches side by side (against the sweep when given), their convergence, the δ_min
         * step and the complexities they trained.
         *
         * @return the report
         */
        public ExperimentReport report() {
            return SearchReport.of(this);
        }
    }

    /**
     * Runs both searches.
     *
     * @param settings what to run
     * @return both outcomes
     */
    public static Result run(Settings settings) {
        long t0 = System.nanoTime();
        Problem problem = settings.problem();
        long validationSeed = RandomStreams.stream(settings.seed(), RandomStreams.AUXILIARY, VALIDATION_STREAM)
                .nextLong();
        Trainings trainings = new Trainings(problem, problem.training(settings.size(), settings.seed()),
                problem.training(settings.validationRows(), validationSeed),
                problem.test(settings.testRows(), settings.seed()), settings.epochs());
        Outcome ga = outcome(() -> GeneticSearch.run(settings.space(), trainings, settings.genetic()), trainings);
        Outcome cmaes = outcome(() -> CmaesSearch.run(settings.space(), trainings, settings.cmaes()), trainings);
        return new Result(settings, ga, cmaes, trainings.count(), (System.nanoTime() - t0) / 1e9);
    }

    private static Outcome outcome(Supplier<SearchResult> search, Trainings trainings) {
        long t0 = System.nanoTime();
        SearchResult result = search.get();
        return new Outcome(result, trainings.test(result.best(), result.seed()), (System.nanoTime() - t0) / 1e9);
    }

    /** A training's errors. */
    private record Errors(double validation, double test) {
    }

    /** A candidate and the seed it was trained with. */
    private record Key(Candidate candidate, long seed) {
    }

    /**
     * The fitness: trains a candidate on the training rows and scores it on the validation and test rows, once per
     * candidate and seed. Thread-safe.
     */
    private static final class Trainings implements Fitness {
        private final Problem problem;
        private final TrainingData training;
        private final TrainingData validation;
        private final TrainingData test;
        private final int epochs;
        private final Map<Key, Errors> done = new ConcurrentHashMap<>();

        Trainings(Problem problem, TrainingData training, TrainingData validation, TrainingData test, int epochs) {
            this.problem = problem;
            this.training = training;
            this.validation = validation;
            this.test = test;
            this.epochs = epochs;
        }

        @Override
        public double evaluate(Candidate c, long seed) {
            Key key = new Key(c, seed);
            Errors e = done.get(key);
            if (e == null) {
                e = train(c, seed);
                done.putIfAbsent(key, e);
            }
            return e.validation();
        }

        /** The test RMSE of a candidate trained with a seed (already trained by a search). */
        double test(Candidate c, long seed) {
            return done.get(new Key(c, seed)).test();
        }

        int count() {
            return done.size();
        }

        private Errors train(Candidate c, long seed) {
            double lr = c.learningRate();
            TrainingConfig config = problem.config(c.eta(), c.gradients(), seed, 1).toBuilder().alpha(c.alpha())
                    .schedule(Schedule.TimeDecay.between(lr, lr / 20, epochs)).epochs(epochs).keepBest(true).build();
            Surrogate model;
            try {
                model = Trainer.train(training, config, null).model();
            } catch (TrainingDivergedException failed) {
                return new Errors(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            return new Errors(Scores.rmse(Scores.predict(model, validation), validation.y()),
                    Scores.rmse(Scores.predict(model, test), test.y()));
        }
    }
}
