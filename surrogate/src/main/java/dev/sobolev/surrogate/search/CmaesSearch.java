package dev.sobolev.surrogate.search;

import java.util.List;
import java.util.Objects;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.AbstractRandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;

/**
 * CMA-ES (Hansen, "The CMA evolution strategy: a tutorial", 2016; Commons Math's {@link CMAESOptimizer}, active
 * covariance update, bounds handled by repair) on the space of {@link GeneticSearch}, for comparison with it
 * (McDonagh &amp; Chen, §4.2). The optimiser moves in the unit cube: u₀ is the complexity relaxed to a continuous
 * coordinate and rounded, u₁ the log learning rate, u₂ α ({@link SearchSpace#fromUnit}); every point is snapped to
 * the grid, so a candidate already trained is not trained again.
 *
 * <p>With {@code bound}, generation 0 is the same δ_min probe as the genetic algorithm's ({@code Probe}, each
 * candidate trained with and without gradients), the complexities above the bound are removed from the cube, and
 * CMA-ES starts from the best probe candidate within the bound; without it CMA-ES starts from the centre of the cube.
 * Each later generation is one CMA-ES iteration of {@code population} offspring (λ); Commons Math asks for them one at
 * a time, so they are trained one after another (only the probe's trainings run over {@code threads} threads).
 * A failed training (+∞) is shown to the optimiser as {@value #FAILED}, since its repair penalty is scaled by the
 * range of the generation's values.
 *
 * <p>Determinism: the optimiser's draws come from auxiliary stream 2 of the seed, the training seeds
 * from stream 1.
 */
public final class CmaesSearch {
    /** The value a failed training shows the optimiser: finite, far above any error. */
    static final double FAILED = 1e300;

    private CmaesSearch() {
    }

    /**
     * The settings.
     *
     * @param population  offspring per generation λ, ≥ 2 (also the probe's size)
     * @param generations generations, ≥ 1 (the probe included)
     * @param sigma       initial step size in the unit cube, in (0, 1]
     * @param bound       whether generation 0 is the δ_min probe whose bound the rest of the search keeps to
     * @param seed        the run seed
     * @param threads     trainings of the probe at once, in [1, 1024]; the result does not depend on it
     */
    public record Settings(int population, int generations, double sigma, boolean bound, long seed, int threads) {
        /**
         * Validates the settings.
         *
         * @throws InvalidParameterException naming the first setting outside its domain
         */
        public Settings {
            Checks.budget(population, generations, threads);
            if (!(sigma > 0 && sigma <= 1)) {
                throw new InvalidParameterException("sigma", "must be in (0, 1], got " + sigma);
            }
        }

        /**
         * Step size 0.3 (a third of the cube) and the δ_min probe.
         *
         * @param population  offspring per generation, ≥ 2
         * @param generations generations, ≥ 1
         * @param seed        the run seed
         * @param threads     trainings of the probe at once
         * @return the settings
         */
        public static Settings of(int population, int generations, long seed, int threads) {
            return new Settings(population, generations, 0.3, true, seed, threads);
        }
    }

    /**
     * Runs the search.
     *
     * @param space    the hyperparameter space
     * @param fitness  the validation error of a training
     * @param settings the settings
     * @return the best candidate within the bound, every evaluation, the trainings and the bound step
     */
    public static SearchResult run(SearchSpace space, Fitness fitness, Settings settings) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(fitness, "fitness");
        Objects.requireNonNull(settings, "settings");
        try (Evaluator evaluator = new Evaluator(fitness, settings.seed(), settings.threads())) {
            BoundStep step = BoundStep.of(List.of(), space.etaMax());
            int offset = 0;
            double[] start = {0.5, 0.5, 0.5};
            if (settings.bound()) {
                evaluator.evaluate(Probe.generation(space, settings.population()), 0, true);
                step = BoundStep.of(evaluator.pairs(), space.etaMax());
                offset = 1;
            }
            SearchSpace active = space.below(step.bound());
            if (settings.bound()) {
                start = active.toUnit(evaluator.best(step.bound()).candidate());
            }
            int iterations = settings.generations() - offset;
            if (iterations > 0) {
                optimise(active, evaluator, settings, start, iterations, offset);
            }
            Evaluation best = evaluator.best(step.bound());
            return new SearchResult(best.candidate(), best.rmse(), best.seed(), evaluator.evaluations(),
                    evaluator.trainings(), step);
        }
    }

    private static void optimise(SearchSpace active, Evaluator evaluator, Settings settings, double[] start,
                                 int iterations, int offset) {
        int lambda = settings.population();
        int[] calls = {0};
        ObjectiveFunction objective = new ObjectiveFunction(u -> {
            int j = calls[0]++;
            int generation = offset + (j == 0 ? 0 : (j - 1) / lambda);
            double rmse = evaluator.evaluate(List.of(active.fromUnit(u[0], u[1], u[2])), generation, false).get(0);
            return Double.isFinite(rmse) ? rmse : FAILED;
        });
        CMAESOptimizer optimizer = new CMAESOptimizer(iterations, 0, true, 0, 0,
                new Stream(RandomStreams.stream(settings.seed(), RandomStreams.AUXILIARY, 2)), false, null);
        double s = settings.sigma();
        optimizer.optimize(new MaxEval(1 + iterations * lambda), objective, GoalType.MINIMIZE, new InitialGuess(start),
                new SimpleBounds(new double[3], new double[] {1, 1, 1}),
                new CMAESOptimizer.Sigma(new double[] {s, s, s}),
                new CMAESOptimizer.PopulationSize(lambda));
    }

    /** Commons Math's generator interface over a Commons RNG stream (normal deviates by the polar method). */
    private static final class Stream extends AbstractRandomGenerator {
        private final UniformRandomProvider rng;

        Stream(UniformRandomProvider rng) {
            this.rng = rng;
        }

        @Override
        public double nextDouble() {
            return rng.nextDouble();
        }

        /** The stream is fixed by its seed and family; reseeding is refused. */
        @Override
        public void setSeed(long seed) {
            throw new UnsupportedOperationException("a RandomStreams stream is not reseeded");
        }
    }
}
