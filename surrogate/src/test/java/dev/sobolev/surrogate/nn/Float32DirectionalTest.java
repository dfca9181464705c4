package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.sobolev.core.InvalidParameterException;

/**
 * {@link Precision#FLOAT32}: the single-precision passes give the float64 loss and gradient (themselves checked
 * against finite differences in {@link SobolevLossTest}) to single-precision rounding, for every activation and
 * for the Sobolev, derivative-only and value-only losses, and their own central differences agree with their
 * gradient at a step that float rounding allows.
 */
class Float32DirectionalTest {
    private static final int D = 3;
    private static final int N = 150;
    private static final double[] LAMBDA = {1.0, 2.0, 0.5};

    private static double[][] data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[N * D];
        double[] y = new double[N];
        double[] g = new double[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
            g[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < N; i++) {
            y[i] = r.nextDouble(0, 1);
        }
        return new double[][] {x, y, g};
    }

    /** The loss of rows 0..N−1 in shards of 64 (as the trainer cuts them), its gradient added to grad. */
    private static double shards(SobolevLoss loss, Mlp net, double[][] xyg, double[] grad, long dropoutSeed) {
        int[] rows = new int[N];
        for (int i = 0; i < N; i++) {
            rows[i] = (i * 37) % N;
        }
        SobolevLoss.Scratch s = new SobolevLoss.Scratch(net, 64, loss);
        s.dropout(dropoutSeed == 0 ? null : RandomSource.XO_SHI_RO_256_PP.create(dropoutSeed));
        double value = 0;
        for (int from = 0; from < N; from += 64) {
            value += loss.evaluate(net, xyg[0], xyg[1], xyg[2], null, rows, from, Math.min(N, from + 64), N, grad, s);
        }
        return value;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void lossAndGradientAgreeWithFloat64ToSinglePrecision(Activation act) {
        Mlp net = MlpTest.random(new int[] {D, 9, 7, 1}, act, Activation.IDENTITY, 3);
        double[][] xyg = data(11);
        for (double alpha : new double[] {0.125, 0.0, 1.0}) {
            double[] g64 = new double[net.parameterCount()];
            double[] g32 = new double[net.parameterCount()];
            double l64 = shards(new SobolevLoss(alpha, LAMBDA, D, 0, new double[0][], 0, Precision.FLOAT64), net, xyg,
                    g64, 0);
            double l32 = shards(new SobolevLoss(alpha, LAMBDA, D, 0, new double[0][], 0, Precision.FLOAT32), net, xyg,
                    g32, 0);
            String what = act + " alpha " + alpha;
            assertEquals(l64, l32, 2e-6 * l64, what);
            assertClose(g64, g32, 2e-5, what);
        }
    }

    @Test
    void dropoutDrawsTheSameMasksAsFloat64() {
        Mlp net = MlpTest.random(new int[] {D, 10, 8, 1}, Activation.TANH, Activation.IDENTITY, 5);
        double[][] xyg = data(12);
        double[] g64 = new double[net.parameterCount()];
        double[] g32 = new double[net.parameterCount()];
        double l64 = shards(new SobolevLoss(0.4, null, D, 0, new double[0][], 0.3, Precision.FLOAT64), net, xyg, g64,
                77);
        double l32 = shards(new SobolevLoss(0.4, null, D, 0, new double[0][], 0.3, Precision.FLOAT32), net, xyg, g32,
                77);
        double full = shards(new SobolevLoss(0.4, null, D, 0, new double[0][], 0.0, Precision.FLOAT32), net, xyg,
                new double[net.parameterCount()], 0);
        assertEquals(l64, l32, 2e-6 * l64);
        assertClose(g64, g32, 2e-5, "dropout");
        assertTrue(Math.abs(full - l32) > 1e-3 * full, "the masks change the loss: " + full + " vs " + l32);
    }

    /** Central differences of the float32 loss itself at h = 1e−3 (its rounding is about 1e−7 of the loss). */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SOFTPLUS", "SILU", "TANH"})
    void gradientMatchesCentralDifferencesOfTheFloat32Loss(Activation act) {
        Mlp net = MlpTest.random(new int[] {D, 6, 5, 1}, act, Activation.IDENTITY, 9);
        double[][] xyg = data(13);
        SobolevLoss loss = new SobolevLoss(0.25, LAMBDA, D, 0, new double[0][], 0, Precision.FLOAT32);
        double[] grad = new double[net.parameterCount()];
        shards(loss, net, xyg, grad, 0);
        double[] theta = net.parameters();
        double scale = 0;
        for (double g : grad) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < theta.length; i++) {
            double h = 1e-3;
            double[] up = theta.clone();
            double[] dn = theta.clone();
            up[i] += h;
            dn[i] -= h;
            double fd = (shards(loss, net.withParameters(up), xyg, new double[theta.length], 0)
                    - shards(loss, net.withParameters(dn), xyg, new double[theta.length], 0)) / (2 * h);
            assertEquals(fd, grad[i], 2e-3 * scale, act + " parameter " + i);
        }
    }

    @Test
    void refusesTheSecondOrderTermAndSeveralOutputsNamingThePrecision() {
        InvalidParameterException second = assertThrows(InvalidParameterException.class, () -> new SobolevLoss(0.5,
                null, D, 0.3, new double[][] {{1, 0, 0}}, 0, Precision.FLOAT32));
        assertEquals("precision", second.parameter());
        Mlp two = MlpTest.random(new int[] {D, 4, 2}, Activation.TANH, Activation.IDENTITY, 1);
        SobolevLoss loss = new SobolevLoss(0.5, null, D, 0, new double[0][], 0, Precision.FLOAT32);
        double[][] xyg = data(1);
        InvalidParameterException outputs = assertThrows(InvalidParameterException.class, () -> loss.evaluate(two,
                xyg[0], new double[2 * N], new double[2 * N * D], null, new int[] {0, 1}, 0, 2, 2,
                new double[two.parameterCount()], new SobolevLoss.Scratch(two, 2, loss)));
        assertEquals("precision", outputs.parameter());
        assertTrue(outputs.getMessage().contains("2 outputs"), outputs.getMessage());
        Mlp one = MlpTest.random(new int[] {D, 4, 1}, Activation.TANH, Activation.IDENTITY, 1);
        SobolevLoss f64 = new SobolevLoss(0.5, null, D);
        assertThrows(IllegalArgumentException.class, () -> loss.evaluate(one, xyg[0], xyg[1], xyg[2], null,
                new int[] {0}, 0, 1, 1, new double[one.parameterCount()], new SobolevLoss.Scratch(one, 1, f64)));
    }

    /** max |a − b| ≤ tol·max(1, max |a|). */
    private static void assertClose(double[] a, double[] b, double tol, String what) {
        double scale = 1;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            double e = Math.abs(a[i] - b[i]);
            if (e > worst) {
                worst = e;
                at = i;
            }
        }
        assertTrue(worst <= tol * scale, what + ": parameter " + at + " differs by " + worst + " (scale " + scale + ")");
    }
}
