package dev.sobolev.surrogate.regression;

import static dev.sobolev.surrogate.regression.BasisTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class LambdaSearchTest {
    private static final RbfBasis SINE = RbfBasis.evenlySpaced(7, 0, 2 * Math.PI, 1.0);
    private static final List<Double> GRID = List.of(0.001, 0.01, 0.1, 1.0, 10.0);

    @Test
    void ridgeChoiceIsTheGridMinimumOfTheValidationRmse() {
        Design training = Design.of(SINE, RegressionsTest.sine(12, 21));
        Design validation = Design.of(SINE, RegressionsTest.sine(50, 22));
        LambdaSearch.Choice c = LambdaSearch.ridge(training, validation, GRID);
        double best = GRID.stream().mapToDouble(l -> validation.valueRmse(Regressions.ridge(training, l)))
                .min().orElseThrow();
        assertEquals(best, c.rmse(), 0.0);
        assertEquals(best, validation.valueRmse(Regressions.ridge(training, c.lambda1())), 0.0);
        assertEquals(0.0, c.lambda2());
    }

    @Test
    void ridgeGradientsChoiceSearchesTheProductGrid() {
        Design training = Design.of(SINE, RegressionsTest.sine(12, 23));
        Design validation = Design.of(SINE, RegressionsTest.sine(50, 24));
        LambdaSearch.Choice c = LambdaSearch.ridgeGradients(training, validation, GRID, GRID);
        for (double l1 : GRID) {
            for (double l2 : GRID) {
                double rmse = validation.valueRmse(Regressions.ridgeGradients(training, l1, l2));
                assertTrue(c.rmse() <= rmse, "(" + l1 + ", " + l2 + ") beats the choice " + c);
            }
        }
        assertEquals(c.rmse(),
                validation.valueRmse(Regressions.ridgeGradients(training, c.lambda1(), c.lambda2())), 0.0);
        // a one-point λ₂ grid of 0 is ridge's search
        assertEquals(LambdaSearch.ridge(training, validation, GRID),
                LambdaSearch.ridgeGradients(training, validation, GRID, List.of(0.0)));
    }

    @Test
    void badGridsAreRefused() {
        Design data = Design.of(SINE, RegressionsTest.sine(12, 25));
        assertMessage("grid must hold at least one value, got none", () -> LambdaSearch.ridge(data, data, List.of()));
        assertMessage("grid2[1] must be finite and >= 0, got -1.0",
                () -> LambdaSearch.ridgeGradients(data, data, GRID, Arrays.asList(0.1, -1.0)));
        assertMessage("grid1[0] must be finite and >= 0, got null",
                () -> LambdaSearch.ridgeGradients(data, data, Arrays.asList((Double) null), GRID));
    }

    /** A NaN (or infinite) validation RMSE, first in grid order or not, never wins; all of them fail clearly. */
    @Test
    void aNonFiniteValidationRmseNeverWins() {
        LambdaSearch.Choice nan = new LambdaSearch.Choice(0.001, 0, Double.NaN);
        LambdaSearch.Choice inf = new LambdaSearch.Choice(0.01, 0, Double.POSITIVE_INFINITY);
        LambdaSearch.Choice good = new LambdaSearch.Choice(0.1, 0, 0.3);
        LambdaSearch.Choice worse = new LambdaSearch.Choice(1, 0, 0.4);
        assertEquals(good, LambdaSearch.lowest(List.of(nan, inf, worse, good)));
        assertEquals(good, LambdaSearch.lowest(List.of(good, nan, worse)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LambdaSearch.lowest(List.of(nan, inf)));
        assertTrue(e.getMessage().startsWith("no penalty of the grid gives a finite validation RMSE"),
                e.getMessage());
    }
}
