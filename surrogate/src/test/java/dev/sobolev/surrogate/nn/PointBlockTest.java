package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The block passes of a book of points ({@link PointBlock}, through the scalar evaluator) return for every point
 * the bits of {@link Mlp#valueAndGradient} and {@link Mlp#value}: every activation, widths below and above the
 * four-term groups and the block, outputs other than the first, and inputs with signed zeros and tails.
 */
class PointBlockTest {
    private static final int[][] WIDTHS = {
        {7, 8, 8, 8, 8, 8, 8, 1}, {1, 1}, {3, 1, 2}, {1, 5, 1}, {2, 20, 20, 20, 20, 3}, {9, 33, 6, 4}, {4, 3, 7, 2},
    };
    private static final int[] COUNTS = {0, 1, 5, 63, 64, 65, 130};

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyPointHasTheBitsOfThePointPasses(Activation hidden) {
        SplittableRandom r = new SplittableRandom(28 + hidden.ordinal());
        for (int[] widths : WIDTHS) {
            for (Activation output : new Activation[] {Activation.IDENTITY, Activation.SOFTPLUS}) {
                Mlp net = MlpTest.random(widths, hidden, output, r.nextLong());
                PointEvaluator block = PointEvaluators.scalar().create(net);
                Mlp.Workspace ws = net.newWorkspace();
                int d = widths[0];
                for (int count : COUNTS) {
                    double[] xs = points(r, count, d);
                    for (int k = 0; k < net.outputs(); k++) {
                        double[] values = new double[count];
                        double[] grads = new double[count * d];
                        block.valuesAndGradients(xs, count, k, values, grads);
                        double[] valuesOnly = new double[count];
                        block.valuesAndGradients(xs, count, k, valuesOnly, null);
                        double[] x = new double[d];
                        double[] g = new double[d];
                        for (int q = 0; q < count; q++) {
                            System.arraycopy(xs, q * d, x, 0, d);
                            double v = net.valueAndGradient(x, k, g, ws);
                            String where = hidden + "/" + output + " " + java.util.Arrays.toString(widths) + " n="
                                    + count + " k=" + k + " point " + q;
                            assertBits(v, values[q], where + " value");
                            assertBits(net.value(x, k, ws), valuesOnly[q], where + " value alone");
                            for (int j = 0; j < d; j++) {
                                assertBits(g[j], grads[q * d + j], where + " gradient " + j);
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] points(SplittableRandom r, int count, int d) {
        double[] special = {-0.0, 0.0, 1e-300, -40, 40, 3.5};
        double[] xs = new double[count * d];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : r.nextDouble(-3, 3);
        }
        return xs;
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }
}
