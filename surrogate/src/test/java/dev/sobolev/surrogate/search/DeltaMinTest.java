package dev.sobolev.surrogate.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertMessage("gradientRmse[1] must be finite and >= 0, got NaN",
                () -> DeltaMin.of(new int[] {1, 2}, new double[2], new double[] {0.1, Double.NaN}));
        assertMessage("valueRmse[0] must be finite and >= 0, got Infinity",
                () -> DeltaMin.of(new int[] {1, 2}, new double[] {Double.POSITIVE_INFINITY, 1}, new double[2]));
        assertMessage("valueRmse[1] must be finite and >= 0, got -0.5",
                () -> DeltaMin.of(new int[] {1, 2}, new double[] {1, -0.5}, new double[2]));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(InvalidParameterException.class, call).getMessage());
    }
}
