package dev.sobolev.surrogate.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;

/**
 * The genetic algorithm of McDonagh &amp; Chen's hyperparameter pipeline (§4.2, Fig. 4; operators after Mitchell,
 * "Genetic algorithms: an overview", 1995) over complexity, learning rate and Sobolev weight ({@link SearchSpace}).
 *
 * <p>Generation 0 is the probe: complexities spread over the whole range at the middle learning rate and α, each also
 * trained on values only when there is a bound step ({@code boundGenerations} &gt; 0). δ_min and the bound c^UB are
 * taken from the probe's pairs alone ({@link BoundStep}), since eq. 11 compares networks that differ only in complexity
 * ({@link Probe}); bred candidates, whose learning rate and α vary, are never paired. From generation {@code
 * boundGenerations} on the complexities above the bound are dropped: members above it are no longer parents and
 * offspring are clamped to it; the best candidate is chosen within it. Each later generation keeps the {@code elites}
 * best members and fills up with offspring: two parents by tournament (the best of {@code tournament} members drawn
 * with replacement), with probability {@code crossoverRate} a child by crossover (η uniformly from either parent; log
 * learning rate and α by blend crossover BLX-0.5, uniform on the parents' interval widened by half its length on each
 * side), else a copy of the first parent; then each gene mutates with probability {@code mutationRate} (η by a rounded
 * normal step of sd max(1, (ηmax − ηmin)/6), at least ±1; the others by a normal step of sd 1/6 of their range), and
 * the child is snapped to the grid; a child already in its generation is mutated again, every gene, up to {@value
 * #CLONE_ATTEMPTS} times, so that the population does not fill with clones of its best member. A candidate trained in
 * an earlier generation is not trained again.
 *
 * <p>Determinism: every draw comes from auxiliary stream 0 of the seed, training seeds from auxiliary stream 1; the
 * generations' trainings run over {@code threads} threads, each with its own seed, so the result is the same for any
 * thread count.
 *
 */
public final class GeneticSearch {
    /** Times a child that is already in its generation is mutated again (every gene) before it is kept as it is. */
    static final int CLONE_ATTEMPTS = 20;

    private GeneticSearch() {
    }

    /**
     * The settings.
     *
     * @param population       candidates per generation, ≥ 2
     * @param generations      generations, ≥ 1 (the probe included)
     * @param tournament       tournament size in [1, population]
     * @param crossoverRate    probability of crossover, in [0, 1]
     * @param mutationRate     probability that a gene mutates, in [0, 1]
     * @param elites           best members carried over unchanged, in [0, population − 1]
     * @param boundGenerations generations searched over the whole complexity range before the probe's bound is
     *                         enforced, in [0, generations]; 0: no bound step (no values-only twins); generations:
     *                         the bound only restricts the choice of the best candidate
     * @param seed             the run seed
     * @param threads          trainings at once, in [1, 1024]; the result does not depend on it
     */
    public record Settings(int population, int generations, int tournament, double crossoverRate, double mutationRate,
                           int elites, int boundGenerations, long seed, int threads) {
        /**
         * Validates the settings.
         *
         * @throws InvalidParameterException naming the first setting outside its domain
         */
        public Settings {
            Checks.budget(population, generations, threads);
            if (tournament < 1 || tournament > population) {
                throw new InvalidParameterException("tournament", "must be in [1, " + population
                        + "] (at most the population), got " + tournament);
            }
            Checks.probability("crossoverRate", crossoverRate);
            Checks.probability("mutationRate", mutationRate);
            if (elites < 0 || elites >= population) {
                throw new InvalidParameterException("elites", "must be in [0, " + (population - 1)
                        + "] (below the population), got " + elites);
            }
            if (boundGenerations < 0 || boundGenerations > generations) {
                throw new InvalidParameterException("boundGenerations", "must be in [0, " + generations
                        + "] (at most the generations), got " + boundGenerations);
            }
        }

        /**
         * The default operators: tournaments of 2, crossover rate 0.9, mutation rate 0.25, one elite and the bound
         * taken after the probe generation.
         *
         * @param population  candidates per generation, ≥ 2
         * @param generations generations, ≥ 1
         * @param seed        the run seed
         * @param threads     trainings at once
         * @return the settings
         */
        public static Settings of(int population, int generations, long seed, int threads) {
            return new Settings(population, generations, 2, 0.9, 0.25, 1, 1, seed, threads);
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
        UniformRandomProvider rng = RandomStreams.stream(settings.seed(), RandomStreams.AUXILIARY, 0);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        try (Evaluator evaluator = new Evaluator(fitness, settings.seed(), settings.threads())) {
            List<Candidate> population = Probe.generation(space, settings.population());
            List<Double> errors = evaluator.evaluate(population, 0, settings.boundGenerations() > 0);
            BoundStep step = BoundStep.of(evaluator.pairs(), space.etaMax());
            SearchSpace active = space;
            for (int g = 1; g < settings.generations(); g++) {
                if (g == settings.boundGenerations()) {
                    active = space.below(step.bound());
                }
                List<Member> pool = pool(population, errors, active, evaluator);
                List<Candidate> next = new ArrayList<>(settings.population());
                for (int e = 0; e < Math.min(settings.elites(), pool.size()); e++) {
                    next.add(pool.get(e).candidate());
                }
                while (next.size() < settings.population()) {
                    Candidate first = tournament(pool, settings.tournament(), rng);
                    Candidate second = tournament(pool, settings.tournament(), rng);
                    Candidate child = rng.nextDouble() < settings.crossoverRate()
                            ? crossover(active, first, second, rng) : first;
                    child = mutate(active, child, settings.mutationRate(), rng, normal);
                    for (int attempt = 0; attempt < CLONE_ATTEMPTS && next.contains(child); attempt++) {
                        child = mutate(active, child, 1, rng, normal);
                    }
                    next.add(child);
                }
                population = next;
                errors = evaluator.evaluate(population, g, false);
            }
            Evaluation best = evaluator.best(step.bound());
            return new SearchResult(best.candidate(), best.rmse(), best.seed(), evaluator.evaluations(),
                    evaluator.trainings(), step);
        }
    }

    /** A candidate with its error. */
    private record Member(Candidate candidate, double rmse) {
    }

    /**
     * The parents: the members within the active space, best first (stable on ties); when none is, the best
     * evaluation within it so far (the candidate that set the bound is one).
     */
    private static List<Member> pool(List<Candidate> population, List<Double> errors, SearchSpace active,
                                     Evaluator evaluator) {
        List<Member> pool = new ArrayList<>();
        for (int i = 0; i < population.size(); i++) {
            if (population.get(i).eta() <= active.etaMax()) {
                pool.add(new Member(population.get(i), errors.get(i)));
            }
        }
        if (pool.isEmpty()) {
            Evaluation best = evaluator.best(active.etaMax());
            pool.add(new Member(best.candidate(), best.rmse()));
        }
        pool.sort(Comparator.comparingDouble(Member::rmse));
        return pool;
    }

    private static Candidate tournament(List<Member> pool, int size, UniformRandomProvider rng) {
        Member best = pool.get(rng.nextInt(pool.size()));
        for (int k = 1; k < size; k++) {
            Member m = pool.get(rng.nextInt(pool.size()));
            if (m.rmse() < best.rmse()) {
                best = m;
            }
        }
        return best.candidate();
    }

    private static Candidate crossover(SearchSpace space, Candidate a, Candidate b, UniformRandomProvider rng) {
        double[] ua = space.toUnit(a);
        double[] ub = space.toUnit(b);
        Candidate eta = rng.nextBoolean() ? a : b;
        return space.fromUnit(space.toUnit(eta)[0], blend(ua[1], ub[1], rng), blend(ua[2], ub[2], rng));
    }

    /** BLX-0.5: uniform on [lo − d/2, hi + d/2], d = hi − lo. */
    private static double blend(double x, double y, UniformRandomProvider rng) {
        double lo = Math.min(x, y);
        double d = Math.max(x, y) - lo;
        return lo - d / 2 + 2 * d * rng.nextDouble();
    }

    private static Candidate mutate(SearchSpace space, Candidate c, double rate, UniformRandomProvider rng,
                                    ZigguratSampler.NormalizedGaussian normal) {
        int eta = c.eta();
        if (rng.nextDouble() < rate) {
            double sd = Math.max(1, (space.etaMax() - space.etaMin()) / 6.0);
            int step = (int) Math.round(normal.sample() * sd);
            eta += step != 0 ? step : rng.nextBoolean() ? 1 : -1;
            eta = Math.max(space.etaMin(), Math.min(space.etaMax(), eta));
        }
        double[] u = space.toUnit(new Candidate(eta, c.learningRate(), c.alpha()));
        for (int j = 1; j < 3; j++) {
            if (rng.nextDouble() < rate) {
                u[j] += normal.sample() / 6;
            }
        }
        return space.fromUnit(u[0], u[1], u[2]);
    }
}
