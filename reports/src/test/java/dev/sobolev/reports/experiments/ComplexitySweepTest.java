package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.search.DeltaMin;

/** {@link ComplexitySweep} on a tiny 2-D sweep: thread-count invariance, the cells as means of the draws. */
class ComplexitySweepTest {
    private static ComplexitySweep.Result one;
    private static ComplexitySweep.Result two;

    private static ComplexitySweep.Settings settings(int threads) {
        return new ComplexitySweep.Settings(new CosineProblem(), List.of(12, 24), List.of(1, 2), 2, 40, 30, 5,
                threads);
    }

    @BeforeAll
    static void sweep() {
        one = ComplexitySweep.run(settings(1));
        two = ComplexitySweep.run(settings(2));
    }

    @Test
    void resultsAreTheSameForAnyThreadCount() {
        assertEquals(16, one.trainingsRun());
        assertEquals(one.trainingsRun(), two.trainingsRun());
        for (int i = 0; i < one.trainingsRun(); i++) {
            ComplexitySweep.Training a = one.trainings().get(i);
            ComplexitySweep.Training b = two.trainings().get(i);
            assertEquals(List.of(a.size(), a.eta(), a.gradients(), a.draw()),
                    List.of(b.size(), b.eta(), b.gradients(), b.draw()));
            assertEquals(a.testRmse(), b.testRmse(), 0.0);
            assertEquals(a.trainRmse(), b.trainRmse(), 0.0);
            assertEquals(a.pearson(), b.pearson(), 0.0);
        }
        assertEquals(one.cells(), two.cells());
    }

    @Test
    void cellsAreMeansAndSampleDeviationsOverTheDraws() {
        assertEquals(8, one.cells().size());
        ComplexitySweep.Cell cell = one.cell(24, 2, true);
        List<ComplexitySweep.Training> draws = one.trainings().stream()
                .filter(t -> t.size() == 24 && t.eta() == 2 && t.gradients()).toList();
        assertEquals(2, draws.size());
        double a = draws.get(0).testRmse();
        double b = draws.get(1).testRmse();
        assertEquals((a + b) / 2, cell.testRmse(), 1e-15);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), cell.testRmseSd(), 1e-15);
        assertEquals(2, cell.draws());
        // the order: size, then eta, then values before gradients
        assertEquals(List.of(12, 1, false), List.of(one.cells().get(0).size(), one.cells().get(0).eta(),
                one.cells().get(0).gradients()));
        assertEquals(List.of(12, 1, true), List.of(one.cells().get(1).size(), one.cells().get(1).eta(),
                one.cells().get(1).gradients()));
        for (ComplexitySweep.Cell c : one.cells()) {
            assertTrue(c.testRmse() > 0 && c.trainRmse() > 0 && Math.abs(c.pearson()) <= 1, c.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> one.cell(13, 1, true));
    }

    @Test
    void deltaMinIsTakenFromTheMeanTestRmses() {
        DeltaMin.Result r = one.deltaMin(12);
        DeltaMin.Result expected = DeltaMin.of(new int[] {1, 2},
                new double[] {one.cell(12, 1, false).testRmse(), one.cell(12, 2, false).testRmse()},
                new double[] {one.cell(12, 1, true).testRmse(), one.cell(12, 2, true).testRmse()});
        assertEquals(expected, r);
    }

    @Test
    void badSettingsNameTheParameter() {
        CosineProblem p = new CosineProblem();
        assertMessage("sizes must hold at least one value, got none",
                () -> new ComplexitySweep.Settings(p, List.of(), List.of(1), 1, 10, 10, 1, 1));
        assertMessage("sizes[0] must be >= 2, got 1",
                () -> new ComplexitySweep.Settings(p, List.of(1), List.of(1), 1, 10, 10, 1, 1));
        assertMessage("etas[1] must be >= 1, got 0",
                () -> new ComplexitySweep.Settings(p, List.of(5), List.of(2, 0), 1, 10, 10, 1, 1));
        assertMessage("etas[1] must be greater than the value before it, 3 (strictly increasing), got 2",
                () -> new ComplexitySweep.Settings(p, List.of(5), List.of(3, 2), 1, 10, 10, 1, 1));
        assertMessage("draws must be >= 1, got 0",
                () -> new ComplexitySweep.Settings(p, List.of(5), List.of(1), 0, 10, 10, 1, 1));
        assertMessage("pool must hold the largest size 50, got 10",
                () -> new ComplexitySweep.Settings(p, List.of(5, 50), List.of(1), 1, 10, 10, 1, 1));
        assertMessage("testRows must be >= 2, got 1",
                () -> new ComplexitySweep.Settings(p, List.of(5), List.of(1), 1, 10, 1, 1, 1));
        assertMessage("threads must be in [1, 1024], got 0",
                () -> new ComplexitySweep.Settings(p, List.of(5), List.of(1), 1, 10, 10, 1, 0));
        ComplexitySweep.Settings paper = ComplexitySweep.Settings.of(p, List.of(50, 700), List.of(1), 1, 1, 1);
        assertEquals(List.of(1000, 1000), List.of(paper.pool(), paper.testRows()));
        assertEquals(2500, ComplexitySweep.Settings.of(new ExponentialProblem(), Arrays.asList(100, 2500),
                List.of(1), 1, 1, 1).pool());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(InvalidParameterException.class, call).getMessage());
    }
}
