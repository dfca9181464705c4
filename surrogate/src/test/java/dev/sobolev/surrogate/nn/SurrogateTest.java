package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The library call: scaling to data units, evaluator choice, bad calls. */
class SurrogateTest {
    private static final int[] WIDTHS = {3, 6, 6, 2};

    private static Surrogate surrogate(PointEvaluatorProvider provider) {
        Mlp net = MlpTest.random(WIDTHS, Activation.SILU, Activation.IDENTITY, 4);
        Normalisation norm = new Normalisation(new double[] {1, -2, 0.5}, new double[] {0.5, 2, 4},
                new double[] {3, -1}, new double[] {0.25, 8});
        return provider == null ? new Surrogate(net, norm) : new Surrogate(net, norm, provider);
    }

    @Test
    void scalesValuesAndGradientsToDataUnitsBitwiseLikeTheScalarPasses() {
        Surrogate s = surrogate(PointEvaluators.scalar());
        Mlp net = s.network();
        Mlp.Workspace ws = net.newWorkspace();
        SplittableRandom r = new SplittableRandom(2);
        double[] g = new double[3];
        double[] gn = new double[3];
        for (int t = 0; t < 50; t++) {
            double[] x = {r.nextDouble(-1, 3), r.nextDouble(-6, 2), r.nextDouble(-7, 8)};
            double[] xn = {(x[0] - 1) / 0.5, (x[1] + 2) / 2, (x[2] - 0.5) / 4};
            for (int k = 0; k < 2; k++) {
                double yMean = k == 0 ? 3 : -1;
                double yStd = k == 0 ? 0.25 : 8;
                double yn = net.valueAndGradient(xn, k, gn, ws);
                assertEquals(yMean + yStd * yn, s.valueAndGradient(x, k, g));
                assertEquals(yMean + yStd * yn, s.value(x, k));
                double[] xStd = {0.5, 2, 4};
                for (int j = 0; j < 3; j++) {
                    assertEquals(gn[j] * yStd / xStd[j], g[j]);
                }
            }
        }
    }

    /** More points than one chunk of the batch call, values alone too: each point's bits as the single call. */
    @Test
    void batchesGiveTheSingleCallsBitsPointByPoint() {
        Surrogate s = surrogate(PointEvaluators.scalar());
        SplittableRandom r = new SplittableRandom(5);
        int n = 150;
        double[] xs = new double[n * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextDouble(-6, 8);
        }
        double[] g = new double[3];
        for (int k = 0; k < 2; k++) {
            double[] values = new double[n];
            double[] alone = new double[n];
            double[] grads = new double[n * 3];
            s.valuesAndGradients(xs, k, values, grads);
            s.valuesAndGradients(xs, k, alone, null);
            for (int q = 0; q < n; q++) {
                double[] x = Arrays.copyOfRange(xs, 3 * q, 3 * q + 3);
                assertEquals(s.valueAndGradient(x, k, g), values[q], 0.0, "value of point " + q);
                assertEquals(values[q], alone[q], 0.0, "value alone of point " + q);
                assertArrayEquals(g, Arrays.copyOfRange(grads, 3 * q, 3 * q + 3), "gradient of point " + q);
            }
        }
        assertEquals("xs has 7 entries, not a whole number of points of 3 inputs",
                assertThrows(IllegalArgumentException.class,
                        () -> s.valuesAndGradients(new double[7], 0, new double[3], null)).getMessage());
        assertEquals("values has 1 entries, needs 2",
                assertThrows(IllegalArgumentException.class,
                        () -> s.valuesAndGradients(new double[6], 0, new double[1], null)).getMessage());
        assertEquals("output index k must be in [0, 2), got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> s.valuesAndGradients(new double[6], -1, new double[2], null)).getMessage());
    }

    @Test
    void usesTheScalarPassesWhenNoProviderIsOnTheClassPathOrTheyAreForced() {
        assertEquals("scalar", PointEvaluators.preferred().name());
        assertEquals("scalar", surrogate(null).evaluator());
        assertEquals("scalar", PointEvaluators.forMode("OFF").name());
        assertEquals("scalar", PointEvaluators.forMode("training").name());
        assertEquals("evaluator mode (system property sobolev.simd) must be auto, training or off, got fast",
                assertThrows(IllegalArgumentException.class, () -> PointEvaluators.forMode("fast")).getMessage());
    }

    @Test
    void rejectsBadCallsAndUnavailableEvaluators() {
        Surrogate s = surrogate(PointEvaluators.scalar());
        assertEquals("output index k must be in [0, 2), got 2",
                assertThrows(IllegalArgumentException.class, () -> s.value(new double[3], 2)).getMessage());
        assertEquals("input has 4 entries, the model takes 3",
                assertThrows(IllegalArgumentException.class,
                        () -> s.valueAndGradient(new double[4], 0, new double[3])).getMessage());
        assertEquals("grad has 2 entries, needs 3",
                assertThrows(IllegalArgumentException.class,
                        () -> s.valueAndGradient(new double[3], 0, new double[2])).getMessage());
        PointEvaluatorProvider missing = new PointEvaluatorProvider() {
            @Override
            public String name() {
                return "missing";
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public PointEvaluator create(Mlp net) {
                throw new AssertionError("not called");
            }
        };
        assertEquals("point evaluator missing is not available in this JVM",
                assertThrows(IllegalArgumentException.class, () -> surrogate(missing)).getMessage());
    }
}
