package dev.sobolev.surrogate.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sobolev.core.InvalidParameterException;

/**
 * Both searches on a cheap synthetic fitness with a known optimum: a quadratic bowl in η, log learning rate and α
 * whose minimum (η = 7, lr = 10^-1.5, α = 0.7) is a grid point away from the probe's middle (lr = 0.01, α = 0.5), and a
 * values-only penalty h(η) = 0.5 + 0.1·|η − 12| that makes δ = |A[F^G] − A[F]| = h(η) − (0.5 − 0.7)² smallest at
 * η = 12 among the probe's complexities, so the bound is 12 by construction.
 */
class SearchTest {
    /** η ∈ [1, 20]; lr ∈ {1e-3, 10^-2.5, 1e-2, 10^-1.5, 1e-1}; α ∈ {0.1, 0.3, 0.5, 0.7, 0.9}. */
    private static final SearchSpace SPACE = new SearchSpace(1, 20, 1e-3, 1e-1, 0.1, 0.9, 5);
    /** The bowl's minimum, on the grid. */
    private static final Candidate OPTIMUM = new Candidate(7, SPACE.learningRate(3), SPACE.alpha(3));

    /** The synthetic fitness; counts calls per candidate. */
    private static final class Bowl implements Fitness {
        final Map<Candidate, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public double evaluate(Candidate c, long seed) {
            calls.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet();
            double lr = Math.log10(c.learningRate()) + 1.5;
            double base = (c.eta() - 7) * (c.eta() - 7) / 10.0 + lr * lr;
            return base + (c.gradients() ? (c.alpha() - 0.7) * (c.alpha() - 0.7) : 0.5 + 0.1 * Math.abs(c.eta() - 12));
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @Test
    void theGeneticSearchFindsTheOptimumAndIsDeterministicForAnyThreadCount() {
        GeneticSearch.Settings one = GeneticSearch.Settings.of(10, 12, 7, 1);
        SearchResult a = GeneticSearch.run(SPACE, new Bowl(), one);
        SearchResult b = GeneticSearch.run(SPACE, new Bowl(), GeneticSearch.Settings.of(10, 12, 7, 3));
        assertEquals(OPTIMUM, a.best());
        assertEquals(0.0, a.validationRmse(), 1e-12);
        assertEquals(a, b);
        SearchResult other = GeneticSearch.run(SPACE, new Bowl(), GeneticSearch.Settings.of(10, 12, 8, 1));
        assertTrue(!other.evaluations().equals(a.evaluations()), "another seed, another path");
    }

    @Test
    void cmaesFindsTheOptimumAndIsDeterministicForAnyThreadCount() {
        SearchResult a = CmaesSearch.run(SPACE, new Bowl(), CmaesSearch.Settings.of(8, 15, 7, 1));
        SearchResult b = CmaesSearch.run(SPACE, new Bowl(), CmaesSearch.Settings.of(8, 15, 7, 2));
        assertEquals(OPTIMUM, a.best());
        assertEquals(a, b);
        SearchResult free = CmaesSearch.run(SPACE, new Bowl(), new CmaesSearch.Settings(8, 15, 0.3, false, 7, 1));
        assertEquals(OPTIMUM, free.best());
        assertEquals(SPACE.etaMax(), free.bound().bound());
        assertTrue(free.bound().pairs().isEmpty());
    }

    @Test
    void theBoundStepTakesDeltaMinOverTheProbeAndDropsComplexitiesAboveIt() {
        for (SearchResult r : List.of(GeneticSearch.run(SPACE, new Bowl(), GeneticSearch.Settings.of(10, 6, 3, 1)),
                CmaesSearch.run(SPACE, new Bowl(), CmaesSearch.Settings.of(10, 6, 3, 1)))) {
            BoundStep step = r.bound();
            assertEquals(12, step.bound());
            assertEquals(10, step.pairs().size());
            double min = step.pairs().stream().mapToDouble(BoundStep.Pair::delta).min().orElseThrow();
            assertEquals(min, step.deltaMin());
            List<Integer> probe = r.evaluations().stream().filter(e -> e.generation() == 0)
                    .map(e -> e.candidate().eta()).toList();
            assertEquals(List.of(1, 3, 5, 7, 9, 12, 14, 16, 18, 20), probe);
            assertTrue(r.evaluations().stream().filter(e -> e.generation() > 0)
                    .allMatch(e -> e.candidate().eta() <= 12), "nothing above the bound after the probe");
            assertTrue(r.best().eta() <= step.bound());
        }
    }

    @Test
    void aBoundThatCutsTheOptimumOffLeavesTheBestCandidateWithinIt() {
        Fitness steep = (c, seed) -> (c.eta() - 15) * (c.eta() - 15) + (c.gradients() ? 0 : 1 + Math.abs(c.eta() - 5));
        SearchResult r = GeneticSearch.run(SPACE, steep, GeneticSearch.Settings.of(10, 6, 3, 1));
        assertEquals(5, r.bound().bound());
        assertEquals(5, r.best().eta());
    }

    @Test
    void theCacheTrainsEachCandidateOnceAndCountsTheTrainings() {
        Bowl bowl = new Bowl();
        SearchResult r = GeneticSearch.run(SPACE, bowl, GeneticSearch.Settings.of(6, 10, 11, 2));
        assertTrue(bowl.calls.values().stream().allMatch(n -> n.get() == 1), "no candidate trained twice");
        assertEquals(bowl.total(), r.trainings());
        assertEquals(60, r.evaluations().size());
        long fresh = r.evaluations().stream().filter(e -> !e.cached()).count();
        assertEquals(r.trainings(), fresh + r.bound().pairs().size(), "every training is a fresh evaluation or a twin");
        assertTrue(fresh < 60, "the elite and revisited candidates come from the cache");
        Evaluation last = r.evaluations().get(r.evaluations().size() - 1);
        assertEquals(r.trainings(), last.trainings());
        for (int i = 1; i < r.evaluations().size(); i++) {
            assertTrue(r.evaluations().get(i).trainings() >= r.evaluations().get(i - 1).trainings());
        }
        Bowl cmaBowl = new Bowl();
        SearchResult c = CmaesSearch.run(SPACE, cmaBowl, CmaesSearch.Settings.of(6, 10, 11, 2));
        assertTrue(cmaBowl.calls.values().stream().allMatch(n -> n.get() == 1));
        assertEquals(cmaBowl.total(), c.trainings());
    }

    @Test
    void aTwinSharesItsCandidatesSeedAndBestSoFarFallsMonotonically() {
        Map<Candidate, Long> seeds = new ConcurrentHashMap<>();
        Fitness recording = (c, seed) -> {
            seeds.put(c, seed);
            return new Bowl().evaluate(c, seed);
        };
        SearchResult r = GeneticSearch.run(SPACE, recording, GeneticSearch.Settings.of(6, 4, 5, 2));
        for (BoundStep.Pair p : r.bound().pairs()) {
            assertEquals(seeds.get(p.candidate()), seeds.get(p.candidate().valuesOnly()));
        }
        List<Double> best = r.bestSoFar();
        for (int i = 1; i < best.size(); i++) {
            assertTrue(best.get(i) <= best.get(i - 1));
        }
        assertEquals(r.validationRmse(), best.get(best.size() - 1));
    }

    @Test
    void failedTrainingsRankLastAndNaNIsRefused() {
        Fitness failing = (c, seed) -> c.eta() > 15 ? Double.POSITIVE_INFINITY : new Bowl().evaluate(c, seed);
        assertEquals(OPTIMUM, GeneticSearch.run(SPACE, failing, GeneticSearch.Settings.of(10, 12, 7, 1)).best());
        assertEquals(OPTIMUM, CmaesSearch.run(SPACE, failing, CmaesSearch.Settings.of(8, 15, 7, 1)).best());
        Fitness nan = (c, seed) -> Double.NaN;
        assertThrows(IllegalStateException.class, () -> GeneticSearch.run(SPACE, nan,
                GeneticSearch.Settings.of(2, 1, 1, 1)));
    }

    @Test
    void theGridRoundTripsThroughTheUnitCube() {
        for (int eta = SPACE.etaMin(); eta <= SPACE.etaMax(); eta++) {
            for (int i = 0; i < SPACE.levels(); i++) {
                Candidate c = new Candidate(eta, SPACE.learningRate(i), SPACE.alpha(i));
                double[] u = SPACE.toUnit(c);
                assertEquals(c, SPACE.fromUnit(u[0], u[1], u[2]));
                assertTrue(SPACE.contains(c));
            }
        }
        assertEquals(1e-3, SPACE.learningRate(0));
        assertEquals(1e-1, SPACE.learningRate(4));
        assertEquals(0.9, SPACE.alpha(4));
        assertEquals(new Candidate(20, 1e-1, 0.1), SPACE.snap(new Candidate(40, 5, 0.01)));
        assertEquals(new Candidate(1, 1e-3, 0.9), SPACE.fromUnit(-1, -1, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"population", "generations", "threads", "tournament", "crossoverRate", "mutationRate",
        "elites", "boundGenerations", "sigma"})
    void badSettingsNameTheParameter(String parameter) {
        Map<String, Supplier<Object>> bad = Map.of(
                "population", () -> GeneticSearch.Settings.of(1, 5, 1, 1),
                "generations", () -> CmaesSearch.Settings.of(4, 0, 1, 1),
                "threads", () -> GeneticSearch.Settings.of(4, 5, 1, 0),
                "tournament", () -> new GeneticSearch.Settings(4, 5, 5, 0.9, 0.2, 1, 1, 1, 1),
                "crossoverRate", () -> new GeneticSearch.Settings(4, 5, 2, Double.NaN, 0.2, 1, 1, 1, 1),
                "mutationRate", () -> new GeneticSearch.Settings(4, 5, 2, 0.9, 1.5, 1, 1, 1, 1),
                "elites", () -> new GeneticSearch.Settings(4, 5, 2, 0.9, 0.2, 4, 1, 1, 1),
                "boundGenerations", () -> new GeneticSearch.Settings(4, 5, 2, 0.9, 0.2, 1, 6, 1, 1),
                "sigma", () -> new CmaesSearch.Settings(4, 5, 0, true, 1, 1));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, bad.get(parameter)::get);
        assertEquals(parameter, e.parameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"etaMin", "etaMax", "learningRateMin", "learningRateMax", "alphaMin", "alphaMax",
        "levels", "eta", "learningRate", "alpha", "bound"})
    void badSpacesAndCandidatesNameTheParameter(String parameter) {
        Map<String, Supplier<Object>> bad = Map.ofEntries(
                Map.entry("etaMin", () -> new SearchSpace(0, 5, 1e-3, 1e-2, 0.1, 1, 5)),
                Map.entry("etaMax", () -> new SearchSpace(6, 5, 1e-3, 1e-2, 0.1, 1, 5)),
                Map.entry("learningRateMin", () -> new SearchSpace(1, 5, Double.NaN, 1e-2, 0.1, 1, 5)),
                Map.entry("learningRateMax", () -> new SearchSpace(1, 5, 1e-2, 1e-3, 0.1, 1, 5)),
                Map.entry("alphaMin", () -> new SearchSpace(1, 5, 1e-3, 1e-2, 0, 1, 5)),
                Map.entry("alphaMax", () -> new SearchSpace(1, 5, 1e-3, 1e-2, 0.1, 1.5, 5)),
                Map.entry("levels", () -> new SearchSpace(1, 5, 1e-3, 1e-2, 0.1, 1, 1)),
                Map.entry("eta", () -> new Candidate(0, 1e-3, 0.5)),
                Map.entry("learningRate", () -> new Candidate(1, -1e-3, 0.5)),
                Map.entry("alpha", () -> new Candidate(1, 1e-3, 1.5)),
                Map.entry("bound", () -> SPACE.below(21)));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, bad.get(parameter)::get);
        assertEquals(parameter, e.parameter());
    }
}
