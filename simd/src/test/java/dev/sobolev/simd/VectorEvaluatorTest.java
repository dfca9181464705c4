package dev.sobolev.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.PointEvaluator;
import dev.sobolev.surrogate.nn.PointEvaluators;
import dev.sobolev.surrogate.nn.Surrogate;

/** The SIMD evaluator against the scalar passes of {@link Mlp} and against finite differences of itself. */
class VectorEvaluatorTest {
    /**
     * Widths that are below, at and above multiples of 4 and 8 lanes, one or several outputs; inputs up to the
     * lane count (gradient by forward tangents) and above it (reverse sweep), with and without hidden layers.
     */
    private static final int[][] ARCHITECTURES = {
        {7, 8, 8, 8, 8, 8, 8, 1}, {3, 5, 1}, {4, 9, 17, 2}, {1, 1, 1}, {7, 20, 20, 20, 20, 1}, {7, 128, 33, 3},
        {12, 9, 3}, {20, 5, 8, 1}, {5, 2},
    };

    private static Mlp random(int[] widths, Activation hidden, Activation output, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[Mlp.parameterCount(widths)];
        for (int l = 1, o = 0; l < widths.length; l++) {
            double scale = Math.sqrt(3.0 / widths[l - 1]);
            for (int q = 0; q < widths[l] * (widths[l - 1] + 1); q++, o++) {
                p[o] = r.nextDouble(-scale, scale) + (q >= widths[l] * widths[l - 1] ? 0.2 : 0.0);
            }
        }
        return new Mlp(widths, hidden, output, p);
    }

    private static double[] point(SplittableRandom r, int d) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = r.nextDouble(-2.5, 2.5);
        }
        return x;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void agreesWithTheScalarPassesToRounding(Activation act) {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] widths : ARCHITECTURES) {
            for (Activation output : new Activation[] {Activation.IDENTITY, Activation.SOFTPLUS}) {
                Mlp net = random(widths, act, output, 5 + widths.length);
                PointEvaluator vec = VectorEvaluator.of(net);
                Mlp.Workspace ws = net.newWorkspace();
                int d = widths[0];
                double[] gv = new double[d];
                double[] gs = new double[d];
                for (int t = 0; t < 25; t++) {
                    double[] x = point(r, d);
                    for (int k = 0; k < net.outputs(); k++) {
                        double ys = net.valueAndGradient(x, k, gs, ws);
                        double yv = vec.valueAndGradient(x, k, gv);
                        String where = act + " " + output + " " + java.util.Arrays.toString(widths) + " k=" + k;
                        assertEquals(ys, yv, 1e-13 * Math.max(1, Math.abs(ys)), where);
                        assertEquals(ys, vec.value(x, k), 1e-13 * Math.max(1, Math.abs(ys)), where);
                        double scale = Math.max(1e-300, maxAbs(gs));
                        for (int j = 0; j < d; j++) {
                            assertEquals(gs[j], gv[j], 1e-12 * scale, where + " j=" + j);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradientMatchesFiniteDifferences(Activation act) {
        SplittableRandom r = new SplittableRandom(3);
        int checked = 0;
        int kinks = 0;
        for (int[] widths : ARCHITECTURES) {
            Mlp net = random(widths, act, Activation.IDENTITY, 17);
            PointEvaluator vec = VectorEvaluator.of(net);
            int d = widths[0];
            double[] g = new double[d];
            for (int t = 0; t < 5; t++) {
                double[] x = point(r, d);
                int k = t % net.outputs();
                vec.valueAndGradient(x, k, g);
                double scale = Math.max(1e-3, maxAbs(g));
                for (int j = 0; j < d; j++) {
                    double h = 1e-5;
                    double[] up = x.clone();
                    double[] dn = x.clone();
                    up[j] += h;
                    dn[j] -= h;
                    double y0 = vec.value(x, k);
                    double fd = (vec.value(up, k) - vec.value(dn, k)) / (2 * h);
                    // ReLU nets are piecewise linear: the one-sided differences differ only across a kink
                    double oneSidedGap = Math.abs((vec.value(up, k) - y0) - (y0 - vec.value(dn, k))) / h;
                    if (act == Activation.RELU && oneSidedGap > 1e-6 * scale) {
                        kinks++;
                        continue;
                    }
                    checked++;
                    assertEquals(fd, g[j], 1e-6 * scale, act + " " + java.util.Arrays.toString(widths) + " j=" + j);
                }
            }
        }
        assertTrue(kinks < checked / 10, act + ": " + kinks + " kinks against " + checked + " checked partials");
    }

    /**
     * y = σ(x) through one hidden unit with unit weight and an identity output, so value and gradient are the
     * activation and its derivative: against the scalar forms within 8 ulps on 10⁵ points (the exponential,
     * ln(1 + e) and the tails of the logistic family), and at the edges of the exponential's range. Both sides
     * are a few ulps from the true value (an ulp or two in each exponential, one per division), so 8 ulps
     * between them is no loss of relative accuracy; a lost tail would be off by orders of magnitude.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsKeepTheScalarAccuracyEverywhere(Activation act) {
        Mlp net = new Mlp(new int[] {1, 1, 1}, act, Activation.IDENTITY, new double[] {1, 0, 1, 0});
        PointEvaluator vec = VectorEvaluator.of(net);
        Mlp.Workspace ws = net.newWorkspace();
        double[] gv = new double[1];
        double[] gs = new double[1];
        double[] edges = {-1e6, -800, -745.2, -745.1, -744.4, -709.79, -709.7, -708.4, -40, -6.5, -1.2785, -0.3,
            -Double.MIN_VALUE, -0.0, 0.0, 1e-300, 1e-9, 0.7, 3, 37, 708.4, 709.7, 709.79, 745.2, 800, 1e6};
        SplittableRandom r = new SplittableRandom(8);
        double[] x = new double[100_000];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            x[i] = i % 4 == 0 ? r.nextDouble(-750, 750) : r.nextDouble(-40, 40);
        }
        // tanh′ = 1 − t² cancels near |t| = 1 and SiLU′ = σ(1 + z(1 − σ)) near its root z ≈ −1.278, in
        // either form: there the error is a few ulps of the terms (≤ 1), not of the result
        double cancellation = act == Activation.TANH || act == Activation.SILU ? 4 * Math.ulp(1.0) : 0;
        for (double xi : x) {
            double ys = net.valueAndGradient(new double[] {xi}, 0, gs, ws);
            double yv = vec.valueAndGradient(new double[] {xi}, 0, gv);
            // below z ≈ −708 σ is subnormal (fewer bits), and SiLU multiplies it by z
            double subnormal = 8 * Math.abs(xi) * Double.MIN_VALUE;
            assertEquals(ys, yv, 8 * Math.ulp(ys) + subnormal, act + " value at " + xi);
            assertEquals(gs[0], gv[0], 8 * Math.ulp(gs[0]) + cancellation + subnormal, act + " derivative at " + xi);
        }
        assertTrue(Double.isNaN(vec.value(new double[] {Double.NaN}, 0)), "NaN in, NaN out");
    }

    @Test
    void isTheServiceTheSurrogateTakesWhenTheModuleIsPresent() {
        VectorEvaluatorProvider provider = new VectorEvaluatorProvider();
        assertTrue(provider.available(), "tests run with --add-modules jdk.incubator.vector");
        assertEquals("vector-" + VectorEvaluator.laneBits(), PointEvaluators.preferred().name());
        Mlp net = random(new int[] {7, 8, 8, 1}, Activation.SILU, Activation.IDENTITY, 1);
        assertEquals(provider.name(), new Surrogate(net, Normalisation.identity(7, 1)).evaluator());
        assertEquals("scalar", new Surrogate(net, Normalisation.identity(7, 1), PointEvaluators.forMode("off")).evaluator());
    }

    /**
     * For z ≤ −40, 1 + e^{z} rounds to 1 and σ(z) = e^{z}/(1 + e^{z}) is the exponential itself, in the vector
     * and the scalar form: the vector eˣ within 2 ulps of {@link Math#exp} down to the subnormals (there in
     * units of the subnormal step), and 0 below −745.
     */
    @Test
    void exponentialIsWithinTwoUlpsOfMathExp() {
        Mlp net = new Mlp(new int[] {1, 1, 1}, Activation.SIGMOID, Activation.IDENTITY, new double[] {1, 0, 1, 0});
        PointEvaluator vec = VectorEvaluator.of(net);
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            double z = i < 100_000 ? r.nextDouble(-708, -40) : r.nextDouble(-745.2, -708);
            double ref = Math.exp(z);
            assertEquals(ref, vec.value(new double[] {z}, 0), 2 * Math.ulp(ref), "e^" + z);
        }
        for (double z : new double[] {-745.2, -746, -800, -1e6, Double.NEGATIVE_INFINITY}) {
            assertEquals(0.0, vec.value(new double[] {z}, 0), "e^" + z);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "SILU", "SOFTPLUS"})
    void eachThreadOfASurrogateGetsTheSameAnswers(Activation act) throws Exception {
        Mlp net = random(new int[] {7, 8, 8, 8, 8, 8, 8, 1}, act, Activation.SOFTPLUS, 2);
        Surrogate s = new Surrogate(net, Normalisation.identity(7, 1), new VectorEvaluatorProvider());
        SplittableRandom r = new SplittableRandom(9);
        List<double[]> xs = new ArrayList<>();
        for (int t = 0; t < 2000; t++) {
            xs.add(point(r, 7));
        }
        double[] expected = new double[xs.size() * 8];
        double[] g = new double[7];
        for (int t = 0; t < xs.size(); t++) {
            expected[8 * t] = s.valueAndGradient(xs.get(t), g);
            System.arraycopy(g, 0, expected, 8 * t + 1, 7);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                runs.add(pool.submit(() -> {
                    double[] got = new double[xs.size() * 8];
                    double[] gw = new double[7];
                    for (int t = 0; t < xs.size(); t++) {
                        got[8 * t] = s.valueAndGradient(xs.get(t), gw);
                        System.arraycopy(gw, 0, got, 8 * t + 1, 7);
                    }
                    return got;
                }));
            }
            for (Future<double[]> f : runs) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A book of points in the lanes gives, point by point, the bits of the single-point call: every
     * activation, widths below, at and above the lane count, two outputs, point counts that leave a partial
     * last block, values alone; and through {@link Surrogate} with a scaling. With 8 lanes, layers of 8 units
     * take the single point's reverse sweep through registers (after such a layer, after a wider one and before
     * one), the batch's through memory, so this also pins the register path to the same bits.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void batchesGiveTheSingleCallsBitsPointByPoint(Activation act) {
        SplittableRandom r = new SplittableRandom(31);
        int[][] widths = {{7, 8, 8, 8, 1}, {3, 5, 2}, {7, 20, 20, 1}, {4, 13, 9, 2}, {7, 8, 8, 20, 1}, {9, 8, 16, 8, 8, 2}};
        for (int[] w : widths) {
            Mlp net = random(w, act, Activation.SOFTPLUS, 7 + w.length);
            PointEvaluator vec = VectorEvaluator.of(net);
            int d = w[0];
            for (int count : new int[] {0, 1, 5, 8, 19}) {
                double[] xs = new double[count * d];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = r.nextDouble(-3, 3);
                }
                for (int k = 0; k < net.outputs(); k++) {
                    double[] values = new double[count];
                    double[] grads = new double[count * d];
                    double[] alone = new double[count];
                    vec.valuesAndGradients(xs, count, k, values, grads);
                    vec.valuesAndGradients(xs, count, k, alone, null);
                    double[] g = new double[d];
                    for (int q = 0; q < count; q++) {
                        double[] x = java.util.Arrays.copyOfRange(xs, q * d, (q + 1) * d);
                        double y = vec.valueAndGradient(x, k, g);
                        String where = act + " " + java.util.Arrays.toString(w) + " count=" + count + " k=" + k;
                        assertEquals(y, values[q], 0.0, where + " value of point " + q);
                        assertEquals(y, alone[q], 0.0, where + " value alone of point " + q);
                        org.junit.jupiter.api.Assertions.assertArrayEquals(g,
                                java.util.Arrays.copyOfRange(grads, q * d, (q + 1) * d), where + " point " + q);
                    }
                }
            }
        }
        Mlp net = random(new int[] {3, 8, 8, 1}, act, Activation.IDENTITY, 3);
        Normalisation norm = new Normalisation(new double[] {1, -2, 0.5}, new double[] {0.3, 2.5, 4.1},
                new double[] {3}, new double[] {0.7});
        Surrogate model = new Surrogate(net, norm, new VectorEvaluatorProvider());
        double[] xs = new double[150 * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextDouble(-4, 4);
        }
        double[] values = new double[150];
        double[] grads = new double[150 * 3];
        model.valuesAndGradients(xs, 0, values, grads);
        double[] g = new double[3];
        for (int q = 0; q < 150; q++) {
            double[] x = java.util.Arrays.copyOfRange(xs, q * 3, q * 3 + 3);
            assertEquals(model.valueAndGradient(x, g), values[q], 0.0, act + " surrogate value of point " + q);
            org.junit.jupiter.api.Assertions.assertArrayEquals(g, java.util.Arrays.copyOfRange(grads, q * 3, q * 3 + 3),
                    act + " surrogate gradient of point " + q);
        }
    }

    @Test
    void rejectsBadCalls() {
        PointEvaluator vec = VectorEvaluator.of(random(new int[] {3, 5, 2}, Activation.TANH, Activation.IDENTITY, 1));
        assertEquals("input has 2 entries, the model takes 3",
                assertThrows(IllegalArgumentException.class, () -> vec.value(new double[2], 0)).getMessage());
        assertEquals("output index k must be in [0, 2), got 2",
                assertThrows(IllegalArgumentException.class,
                        () -> vec.valueAndGradient(new double[3], 2, new double[3])).getMessage());
        assertEquals("x has 8 entries, 3 points of 3 inputs need 9",
                assertThrows(IllegalArgumentException.class,
                        () -> vec.valuesAndGradients(new double[8], 3, 0, new double[3], null)).getMessage());
        assertEquals("grads has 5 entries, needs 6",
                assertThrows(IllegalArgumentException.class,
                        () -> vec.valuesAndGradients(new double[6], 2, 1, new double[2], new double[5])).getMessage());
    }
}
