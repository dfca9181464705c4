package dev.sobolev.surrogate.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

/** {@link DeltaMin}: eq. 11 of McDonagh &amp; Chen on hand-made RMSE curves, ties and bad input. */
class DeltaMinTest {

    /**
     * Curves shaped as the paper's Section 3 describes them: gradients help most at low complexity and the two
     * modes meet near the optimum. Differences 0.3, 0.15, 0.01, 0.05: the bound is c = 6; the best net is the
     * gradient-trained one at c = 4 (0.15), below the value-trained best (0.2 at c = 6).
     */
    @Test
    void theBoundIsWhereTheModesMeetAndTheOptimumIsOverBothModes() {
        DeltaMin.Result r = DeltaMin.of(new int[] {2, 4, 6, 8}, new double[] {0.5, 0.3, 0.2, 0.25},
                new double[] {0.2, 0.15, 0.19, 0.30});
        assertEquals(6, r.bound());
        assertEquals(0.01, r.deltaMin(), 1e-15);
        assertEquals(new DeltaMin.Optimum(4, 0.15, true), r.optimal());
        assertEquals(new DeltaMin.Optimum(6, 0.2, false), r.valuesOnly());
        assertEquals(new DeltaMin.Optimum(4, 0.15, true), r.withGradients());
        assertTrue(r.optimalWithinBound());
        assertEquals(4, r.differences().size());
        assertEquals(0.3, r.differences().get(0), 1e-15);
        assertEquals(0.05, r.differences().get(3), 1e-15);
    }

    @Test
    void anOptimumAboveTheBoundIsReportedAsSuch() {
        DeltaMin.Result r = DeltaMin.of(new int[] {1, 5, 10}, new double[] {0.4, 0.3, 0.1},
                new double[] {0.41, 0.2, 0.15});
        assertEquals(1, r.bound());
        assertEquals(new DeltaMin.Optimum(10, 0.1, false), r.optimal());
        assertFalse(r.optimalWithinBound());
    }

    @Test
    void tiesGoToTheSmallestComplexityThenToTheGradientTrainedNet() {
        DeltaMin.Result equal = DeltaMin.of(new int[] {3, 7}, new double[] {0.1, 0.1}, new double[] {0.1, 0.2});
        assertEquals(3, equal.bound());
        assertEquals(0.0, equal.deltaMin());
        assertEquals(new DeltaMin.Optimum(3, 0.1, true), equal.optimal());
        assertEquals(new DeltaMin.Optimum(3, 0.1, false), equal.valuesOnly());
        DeltaMin.Result single = DeltaMin.of(new int[] {4}, new double[] {0.3}, new double[] {0.2});
        assertEquals(4, single.bound());
        assertEquals(4, single.optimal().complexity());
    }

    @Test
    void badInputNamesTheParameterAndTheValue() {
        assertMessage("complexities must hold at least one complexity, got none",
                () -> DeltaMin.of(new int[0], new double[0], new double[0]));
        assertMessage("complexities[0] must be >= 1, got 0",
                () -> DeltaMin.of(new int[] {0, 2}, new double[2], new double[2]));
        assertMessage("complexities[1] must be greater than the value before it, 4 (strictly increasing), got 4",
                () -> DeltaMin.of(new int[] {4, 4}, new double[2], new double[2]));
        assertMessage("valueRmse must hold one RMSE per complexity (2), got 1",
                () -> DeltaMin.of(new int[] {1, 2}, new double[1], new double[2]));
        assertMessage("gradientRmse must hold one RMSE per complexity (2), got 3",
                () -> DeltaMin.of(new int[] {1, 2}, new double[2], new double[3]));
        assertMessage("gradientRmse[1] must be >= 0 or +Infinity (a failed training), got NaN",
                () -> DeltaMin.of(new int[] {1, 2}, new double[2], new double[] {0.1, Double.NaN}));
        assertMessage("valueRmse[0] must be >= 0 or +Infinity (a failed training), got -Infinity",
                () -> DeltaMin.of(new int[] {1, 2}, new double[] {Double.NEGATIVE_INFINITY, 1}, new double[2]));
        assertMessage("valueRmse[1] must be >= 0 or +Infinity (a failed training), got -0.5",
                () -> DeltaMin.of(new int[] {1, 2}, new double[] {1, -0.5}, new double[2]));
    }

    /** A failed training (+∞) takes no part in δ_min; with no finite difference nothing is pruned. */
    @Test
    void aFailedTrainingTakesNoPartAndWithoutAFiniteDifferenceTheBoundIsTheLargestComplexity() {
        double inf = Double.POSITIVE_INFINITY;
        DeltaMin.Result r = DeltaMin.of(new int[] {1, 2, 3}, new double[] {inf, 0.3, inf},
                new double[] {0.1, 0.2, inf});
        assertEquals(2, r.bound());
        assertEquals(0.1, r.deltaMin(), 1e-15);
        assertEquals(inf, r.differences().get(0));
        assertEquals(inf, r.differences().get(2));
        DeltaMin.Result none = DeltaMin.of(new int[] {1, 2}, new double[] {inf, 0.3}, new double[] {0.1, inf});
        assertEquals(2, none.bound());
        assertEquals(inf, none.deltaMin());
    }

    /**
     * {@link BoundStep#of} delegates to {@link DeltaMin#of}: pairs averaged per complexity (a probe of 6 candidates
     * over η ∈ [1, 3] repeats each η twice), ties to the smaller complexity, no finite pair: ηmax.
     */
    @Test
    void theBoundStepAveragesRepeatedComplexitiesAndBreaksTiesTowardTheSmallerOne() {
        Candidate c1 = new Candidate(1, 0.01, 0.5);
        Candidate c2 = new Candidate(2, 0.01, 0.5);
        Candidate c3 = new Candidate(3, 0.01, 0.5);
        List<BoundStep.Pair> pairs = List.of(new BoundStep.Pair(c3, 0.2, 0.3),
                new BoundStep.Pair(c1, 0.5, 0.9), new BoundStep.Pair(c2, 0.2, 0.3), new BoundStep.Pair(c3, 0.2, 0.3),
                new BoundStep.Pair(c2, 0.2, 0.3), new BoundStep.Pair(c1, 0.5, 0.9));
        BoundStep step = BoundStep.of(pairs, 3);
        assertEquals(2, step.bound());
        assertEquals(0.1, step.deltaMin(), 1e-15);
        assertEquals(6, step.pairs().size());
        BoundStep averaged = BoundStep.of(List.of(new BoundStep.Pair(c2, 0.2, 0.3),
                new BoundStep.Pair(c2, 0.2, 0.5), new BoundStep.Pair(c3, 0.2, 0.35)), 3);
        assertEquals(3, averaged.bound(), "mean difference 0.2 at η = 2, 0.15 at η = 3");
        double inf = Double.POSITIVE_INFINITY;
        BoundStep failed = BoundStep.of(List.of(new BoundStep.Pair(c1, inf, 0.3)), 7);
        assertEquals(7, failed.bound());
        assertEquals(inf, failed.deltaMin());
        assertEquals(7, BoundStep.of(List.of(), 7).bound());
    }

    /** A probe of more candidates than complexities (population − 1 &gt; ηmax − ηmin) repeats η. */
    @Test
    void aProbeWithRepeatedComplexitiesBoundsTheSearch() {
        SearchSpace space = new SearchSpace(1, 3, 1e-3, 1e-1, 0.1, 0.9, 5);
        Fitness fitness = (c, seed) -> c.gradients() ? 0.1 * c.eta() : 0.5;
        SearchResult r = GeneticSearch.run(space, fitness, GeneticSearch.Settings.of(6, 2, 1, 1));
        assertEquals(3, r.bound().pairs().size(), "6 probe candidates, 3 distinct");
        assertEquals(3, r.bound().bound(), "differences 0.4, 0.3, 0.2");
        assertEquals(1, r.best().eta());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(InvalidParameterException.class, call).getMessage());
    }
}
