package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MlpTest {

    static Mlp random(int[] widths, Activation hidden, Activation output, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-1, 1);
        }
        return new Mlp(widths, hidden, output, p);
    }

    private static double relErr(double a, double b) {
        return Math.abs(a - b) / Math.max(1e-3, Math.max(Math.abs(a), Math.abs(b)));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void rowFormEqualsTheScalarForm(Activation act) {
        double[] z = {-800, -40, -6.5, -1.2785, -0.3, -0.0, 0.0, 1e-9, 0.7, 3, 37, 800};
        double[] a = new double[z.length];
        double[] d1 = new double[z.length];
        double[] d2 = new double[z.length];
        act.firstTwo(z, 0.25, z.length, a, d1, d2, new double[4]);
        double[] o = new double[4];
        double[] shifted = new double[z.length];
        for (int q = 0; q < z.length; q++) {
            shifted[q] = z[q] + 0.25;
        }
        double[] a1 = new double[z.length];
        double[] f1 = new double[z.length];
        act.valueAndFirst(shifted, z.length, a1, f1, new double[2]);
        for (int q = 0; q < z.length; q++) {
            act.valueAndFirst(shifted[q], o);
            assertEquals(o[0], a1[q], 0.0, act + " row value at " + z[q]);
            assertEquals(o[1], f1[q], 0.0, act + " row f' at " + z[q]);
        }
        for (int q = 0; q < z.length; q++) {
            act.derivatives(z[q] + 0.25, o);
            assertEquals(o[0], a[q], 1e-15 * Math.max(1, Math.abs(o[0])), act + " value at " + z[q]);
            assertEquals(o[1], d1[q], 1e-15 * Math.max(1, Math.abs(o[1])), act + " f' at " + z[q]);
            assertEquals(o[2], d2[q], 1e-15 * Math.max(1, Math.abs(o[2])), act + " f'' at " + z[q]);
        }
    }

    @org.junit.jupiter.api.Test
    void logisticAndSoftplusKeepRelativeAccuracyInTheTails() {
        // references: the textbook forms with the correctly rounded StrictMath log1p/exp, evaluated where they
        // do not cancel; the branch-free forms must agree to a few ulps over the whole range, tails included
        for (double x = -700; x <= 700; x += 0.731) {
            double sigmoid = x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
            double softplus = Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
            assertEquals(sigmoid, Activation.SIGMOID.value(x), 4 * Math.ulp(sigmoid), "sigmoid at " + x);
            assertEquals(softplus, Activation.SOFTPLUS.value(x), 4 * Math.ulp(softplus), "softplus at " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationDerivativesMatchFiniteDifferences(Activation act) {
        double[] o = new double[4];
        double[] up = new double[4];
        double[] dn = new double[4];
        for (double x = -6; x <= 6; x += 0.37) {
            if (act == Activation.RELU && Math.abs(x) < 1e-3) {
                continue;
            }
            double h = 1e-5;
            act.derivatives(x, o);
            act.derivatives(x + h, up);
            act.derivatives(x - h, dn);
            assertEquals(act.value(x), o[0], 1e-15 * Math.max(1, Math.abs(o[0])), act + " value");
            double[] two = new double[2];
            act.valueAndFirst(x, two);
            assertEquals(o[0], two[0], 1e-15 * Math.max(1, Math.abs(o[0])), act + " valueAndFirst value");
            assertEquals(o[1], two[1], 1e-15 * Math.max(1, Math.abs(o[1])), act + " valueAndFirst derivative");
            for (int k = 1; k < 4; k++) {
                double fd = (up[k - 1] - dn[k - 1]) / (2 * h);
                assertEquals(fd, o[k], 1e-7 * Math.max(1, Math.abs(fd)), act + " derivative " + k + " at " + x);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void unitAdjointsMatchFiniteDifferences(Activation act) {
        int[] widths = {3, 5, 4, 2};
        Mlp m = random(widths, act, Activation.SOFTPLUS, 9);
        Mlp.Workspace ws = m.newWorkspace();
        double[] x = {0.3, -0.7, 0.45};
        double[][] a = new double[widths.length][];
        double[][] abar = new double[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            a[l] = new double[widths[l]];
            abar[l] = new double[widths[l]];
        }
        for (int k = 0; k < 2; k++) {
            double y = m.unitSensitivities(x, k, a, abar, ws);
            assertEquals(m.value(x, k, ws), y, 0);
            assertEquals(y, a[3][k], 0);
            assertArrayEquals(x, a[0], 0);
            double[] g = new double[3];
            m.valueAndGradient(x, k, g, ws);
            assertArrayEquals(g, abar[0], 0);
            // adding h to a(l,i) is adding h·W(l+1)[:, i] to b(l+1)
            for (int l = 1; l <= 2; l++) {
                for (int i = 0; i < widths[l]; i++) {
                    double h = 1e-6;
                    Mlp.Builder up = m.toBuilder();
                    Mlp.Builder dn = m.toBuilder();
                    for (int o = 0; o < widths[l + 1]; o++) {
                        double w = m.weight(l + 1, o, i);
                        up.bias(l + 1, o, m.bias(l + 1, o) + h * w);
                        dn.bias(l + 1, o, m.bias(l + 1, o) - h * w);
                    }
                    double fd = (up.build().value(x, k, ws) - dn.build().value(x, k, ws)) / (2 * h);
                    assertEquals(0, relErr(fd, abar[l][i]), 1e-6, act + " adjoint of unit " + l + "," + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradientAndHessianVectorMatchFiniteDifferences(Activation act) {
        Mlp m = random(new int[] {5, 7, 6, 2}, act, Activation.SOFTPLUS, 3);
        Mlp.Workspace ws = m.newWorkspace();
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[5];
            double[] v = new double[5];
            for (int i = 0; i < 5; i++) {
                x[i] = r.nextDouble(-1, 1);
                v[i] = r.nextDouble(-1, 1);
            }
            for (int k = 0; k < 2; k++) {
                double[] g = new double[5];
                double y = m.valueAndGradient(x, k, g, ws);
                assertEquals(m.value(x, k, ws), y, 0);
                double[] hv = new double[5];
                m.hessianVector(x, v, k, hv, ws);
                double h = 1e-5;
                double[] gUp = new double[5];
                double[] gDn = new double[5];
                for (int i = 0; i < 5; i++) {
                    double[] xu = x.clone();
                    double[] xd = x.clone();
                    xu[i] += h;
                    xd[i] -= h;
                    double fd = (m.value(xu, k, ws) - m.value(xd, k, ws)) / (2 * h);
                    assertEquals(0, relErr(fd, g[i]), 1e-6, act + " gradient " + i);
                }
                double[] xu = x.clone();
                double[] xd = x.clone();
                for (int i = 0; i < 5; i++) {
                    xu[i] += h * v[i];
                    xd[i] -= h * v[i];
                }
                m.valueAndGradient(xu, k, gUp, ws);
                m.valueAndGradient(xd, k, gDn, ws);
                for (int i = 0; i < 5; i++) {
                    double fd = (gUp[i] - gDn[i]) / (2 * h);
                    assertEquals(0, relErr(fd, hv[i]), 1e-6, act + " Hv " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void parseRoundTrips(Activation act) {
        assertEquals(act, Activation.parse(act.label()));
    }

    @org.junit.jupiter.api.Test
    void rejectsBadShapes() {
        assertEquals("layer 1 width must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new Mlp(new int[] {3, 0, 1}, Activation.TANH, Activation.IDENTITY, new double[0])).getMessage());
        assertEquals("architecture [2, 3, 1] has 13 parameters, got 12", assertThrows(IllegalArgumentException.class,
                () -> new Mlp(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, new double[12])).getMessage());
        assertEquals(433, Mlp.parameterCount(new int[] {7, 8, 8, 8, 8, 8, 8, 1}));
        assertEquals(83_713, Mlp.parameterCount(new int[] {7, 128, 128, 128, 128, 128, 128, 1}));
    }

    @org.junit.jupiter.api.Test
    void layerAccessorsReadThetaLayerByLayerAndTheBuilderWritesTheSameEntries() {
        int[] widths = {3, 4, 2};
        Mlp m = random(widths, Activation.TANH, Activation.IDENTITY, 11);
        double[] theta = m.parameters();
        int at = 0;
        Mlp.Builder copy = Mlp.builder(widths, Activation.TANH, Activation.IDENTITY);
        for (int l = 1; l < widths.length; l++) {
            double[][] w = m.weights(l);
            assertEquals(widths[l], w.length);
            for (int i = 0; i < widths[l]; i++) {
                for (int j = 0; j < widths[l - 1]; j++) {
                    assertEquals(theta[at++], w[i][j], 0.0);
                    assertEquals(w[i][j], m.weight(l, i, j), 0.0);
                    copy.weight(l, i, j, m.weight(l, i, j));
                }
            }
            double[] b = m.biases(l);
            for (int i = 0; i < widths[l]; i++) {
                assertEquals(theta[at++], b[i], 0.0);
                assertEquals(b[i], m.bias(l, i), 0.0);
                copy.bias(l, i, m.bias(l, i));
            }
            w[0][0] = 99; // a copy: the network does not change
            assertEquals(theta[at - widths[l] - widths[l] * widths[l - 1]], m.weight(l, 0, 0), 0.0);
        }
        assertEquals(theta.length, at);
        assertArrayEquals(theta, copy.build().parameters());
        Mlp changed = m.toBuilder().weight(2, 1, 3, 0.5).bias(1, 2, -0.25).build();
        double[] expected = theta.clone();
        expected[3 * 4 + 4 + 4 + 3] = 0.5;
        expected[3 * 4 + 2] = -0.25;
        assertArrayEquals(expected, changed.parameters());
        assertArrayEquals(theta, m.parameters());
    }

    @org.junit.jupiter.api.Test
    void layerAccessorsNameTheIndexOutOfRange() {
        Mlp m = random(new int[] {3, 4, 2}, Activation.TANH, Activation.IDENTITY, 11);
        assertEquals("layer must be in 1..2, got 0", assertThrows(IllegalArgumentException.class,
                () -> m.weights(0)).getMessage());
        assertEquals("unit must be in 0..3 (layer 1 has 4 units), got 4", assertThrows(IllegalArgumentException.class,
                () -> m.bias(1, 4)).getMessage());
        assertEquals("input must be in 0..3 (layer 1 has 4 units), got -1", assertThrows(
                IllegalArgumentException.class, () -> m.toBuilder().weight(2, 0, -1, 1.0)).getMessage());
        assertEquals("parameter 2 must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> m.toBuilder().weight(1, 0, 2, Double.NaN).build()).getMessage());
    }
}
