package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/** What every {@link Problem} promises: shapes, determinism by seed, independent test rows, the paper's protocol. */
class ProblemContractTest {

    static Stream<Problem> problems() {
        return Stream.of(new CosineProblem(), new GarchProblem(), new ExponentialProblem());
    }

    @ParameterizedTest
    @MethodSource("problems")
    void rowsHaveTheDeclaredShapes(Problem problem) {
        int d = problem.inputs();
        int m = problem.outputs();
        for (TrainingData data : new TrainingData[] {problem.training(37, 3), problem.test(11, 3)}) {
            int n = data.rows();
            assertEquals(n * d, data.x().length);
            assertEquals(n * m, data.y().length);
            assertNotNull(data.dydx());
            assertEquals(n * m * d, data.dydx().length);
            assertTrue(Arrays.stream(data.x()).allMatch(Double::isFinite));
            assertTrue(Arrays.stream(data.y()).allMatch(Double::isFinite));
            assertTrue(Arrays.stream(data.dydx()).allMatch(Double::isFinite));
        }
        assertEquals(37, problem.training(37, 3).rows());
        assertEquals(11, problem.test(11, 3).rows());
    }

    @ParameterizedTest
    @MethodSource("problems")
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers(Problem problem) {
        TrainingData a = problem.training(20, 5);
        TrainingData b = problem.training(20, 5);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertArrayEquals(a.dydx(), b.dydx());
        assertArrayEquals(problem.test(20, 5).y(), problem.test(20, 5).y());
        assertFalse(Arrays.equals(a.x(), problem.training(20, 6).x()));
        // a longer draw starts with the shorter one: the pool of the sweep is a prefix-stable stream
        assertArrayEquals(a.x(), Arrays.copyOf(problem.training(40, 5).x(), a.x().length));
    }

    /** Test inputs come from another stream family: no test input repeats a training input of the same seed. */
    @ParameterizedTest
    @MethodSource("problems")
    void testRowsAreIndependentOfTrainingRows(Problem problem) {
        int d = problem.inputs();
        TrainingData training = problem.training(500, 9);
        TrainingData test = problem.test(500, 9);
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < training.rows(); r++) {
            seen.add(Arrays.toString(Arrays.copyOfRange(training.x(), r * d, (r + 1) * d)));
        }
        for (int r = 0; r < test.rows(); r++) {
            assertFalse(seen.contains(Arrays.toString(Arrays.copyOfRange(test.x(), r * d, (r + 1) * d))), "row " + r);
        }
        // and the first inputs are uncorrelated: the sample correlation of 500 independent pairs is within 4/√500
        double[] u = new double[500];
        double[] v = new double[500];
        for (int r = 0; r < 500; r++) {
            u[r] = training.x()[r * d];
            v[r] = test.x()[r * d];
        }
        double rho = new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(u, v);
        assertTrue(Math.abs(rho) < 4 / Math.sqrt(500), "correlation " + rho);
    }

    @ParameterizedTest
    @MethodSource("problems")
    void tooFewRowsAreRefusedNamingRows(Problem problem) {
        assertEquals("rows must be >= 2, got 1", assertThrows(InvalidParameterException.class,
                () -> problem.training(1, 1)).getMessage());
        assertEquals("rows must be >= 1, got 0", assertThrows(InvalidParameterException.class,
                () -> problem.test(0, 1)).getMessage());
    }

    /** §3: hidden layers of 4η tanh units, 300 epochs, α = 0.5 with gradients and 1 without. */
    @ParameterizedTest
    @MethodSource("problems")
    void theConfigurationIsThePapersProtocol(Problem problem) {
        TrainingConfig with = problem.config(3, true, 7, 1);
        TrainingConfig without = problem.config(3, false, 7, 1);
        assertTrue(Arrays.stream(with.hidden()).allMatch(w -> w == 12));
        assertEquals(problem instanceof ExponentialProblem ? 10 : 4, with.hidden().length);
        assertEquals(Activation.TANH, with.activation());
        assertEquals(problem instanceof GarchProblem ? Activation.SOFTPLUS : Activation.IDENTITY,
                with.outputActivation());
        assertEquals(300, with.epochs());
        assertEquals(0.5, with.alpha());
        assertEquals(1.0, without.alpha());
        assertEquals("eta must be >= 1, got 0", assertThrows(InvalidParameterException.class,
                () -> problem.config(0, true, 7, 1)).getMessage());
        assertFalse(problem.paperTable().isEmpty());
    }
}
