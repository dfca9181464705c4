package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SobolevLossTest {

    private static double loss(SobolevLoss loss, Mlp m, double[] x, double[] y, double[] g, int[] rows) {
        SobolevLoss.Scratch s = new SobolevLoss.Scratch(m, rows.length, loss);
        return loss.evaluate(m, x, y, g, null, rows, 0, rows.length, rows.length, new double[m.parameterCount()], s);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void parameterGradientMatchesFiniteDifferences(Activation act) {
        parameterGradientMatchesFiniteDifferences(act, 1); // the directional (reverse-over-reverse) form
        parameterGradientMatchesFiniteDifferences(act, 2); // the Jacobian-column form
    }

    private static void parameterGradientMatchesFiniteDifferences(Activation act, int m) {
        int d = 3;
        int n = 6;
        Mlp net = MlpTest.random(new int[] {d, 5, 4, m}, act, Activation.SOFTPLUS, 7);
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[n * d];
        double[] y = new double[n * m];
        double[] g = new double[n * m * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble(0, 1);
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextDouble(-1, 1);
        }
        int[] rows = {4, 0, 2, 5, 1};
        for (double alpha : new double[] {1.0, 0.125, 0.0}) {
            SobolevLoss loss = new SobolevLoss(alpha, new double[] {1.0, 2.0, 0.5}, d);
            SobolevLoss.Scratch s = new SobolevLoss.Scratch(net, rows.length, loss);
            double[] grad = new double[net.parameterCount()];
            // two shards summed must equal the full batch
            double value = loss.evaluate(net, x, y, g, null, rows, 0, 2, rows.length, grad, s)
                    + loss.evaluate(net, x, y, g, null, rows, 2, rows.length, rows.length, grad, s);
            assertEquals(loss(loss, net, x, y, g, rows), value, 1e-14);
            // the value against the definition, through the single-point API
            Mlp.Workspace ws = net.newWorkspace();
            double direct = 0;
            for (int row : rows) {
                double[] xi = java.util.Arrays.copyOfRange(x, row * d, row * d + d);
                for (int k = 0; k < m; k++) {
                    double[] gi = new double[d];
                    double e = net.valueAndGradient(xi, k, gi, ws) - y[row * m + k];
                    direct += alpha * e * e / (rows.length * m);
                    double[] lam = {1.0, 2.0, 0.5};
                    for (int j = 0; j < d; j++) {
                        double eg = gi[j] - g[(row * m + k) * d + j];
                        direct += (1 - alpha) * lam[j] * lam[j] * eg * eg / (rows.length * m * d);
                    }
                }
            }
            assertEquals(direct, value, 1e-12 * Math.max(1, direct), act + " m " + m + " alpha " + alpha);
            assertMatchesFiniteDifferences(net, grad, 3, n2 -> loss(loss, n2, x, y, g, rows),
                    act + " m " + m + " alpha " + alpha);
        }
    }

    private static double loss2(SobolevLoss loss, Mlp m, double[] x, double[] y, double[] g, double[] hv, int[] rows) {
        SobolevLoss.Scratch s = new SobolevLoss.Scratch(m, rows.length, loss);
        return loss.evaluate(m, x, y, g, hv, rows, 0, rows.length, rows.length, new double[m.parameterCount()], s);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void secondOrderTermValueAndParameterGradient(Activation act) {
        int d = 3;
        int n = 5;
        Mlp net = MlpTest.random(new int[] {d, 5, 4, 1}, act, Activation.SOFTPLUS, 9);
        SplittableRandom r = new SplittableRandom(8);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        double[][] dirs = {{1, 0.5, -0.3}, {-0.2, 1.1, 0.4}};
        double[] hv = new double[n * 2 * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
            g[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble();
        }
        for (int i = 0; i < hv.length; i++) {
            hv[i] = r.nextDouble(-1, 1);
        }
        int[] rows = {3, 1, 4, 0};
        for (double alpha : new double[] {0.3, 1.0}) {
            SobolevLoss loss = new SobolevLoss(alpha, null, d, 0.7, dirs);
            double[] grad = new double[net.parameterCount()];
            SobolevLoss.Scratch s = new SobolevLoss.Scratch(net, rows.length, loss);
            double value = loss.evaluate(net, x, y, g, hv, rows, 0, rows.length, rows.length, grad, s);
            // the definition through the single-point API (forward-over-reverse H·v)
            Mlp.Workspace ws = net.newWorkspace();
            double direct = 0;
            for (int row : rows) {
                double[] xi = java.util.Arrays.copyOfRange(x, row * d, row * d + d);
                double[] gi = new double[d];
                double e = net.valueAndGradient(xi, 0, gi, ws) - y[row];
                direct += alpha * e * e / rows.length;
                for (int j = 0; j < d; j++) {
                    double eg = gi[j] - g[row * d + j];
                    direct += (1 - alpha) * eg * eg / (rows.length * d);
                }
                for (int q = 0; q < 2; q++) {
                    double[] h = new double[d];
                    net.hessianVector(xi, dirs[q], 0, h, ws);
                    for (int j = 0; j < d; j++) {
                        double eh = h[j] - hv[(row * 2 + q) * d + j];
                        direct += 0.7 * eh * eh / (rows.length * 2 * d);
                    }
                }
            }
            assertEquals(direct, value, 1e-12 * Math.max(1, direct), act + " alpha " + alpha);
            assertMatchesFiniteDifferences(net, grad, 2, n2 -> loss2(loss, n2, x, y, g, hv, rows),
                    act + " alpha " + alpha);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1})
    void dropoutGradientIsExactForTheDrawnMasksAndOffWithoutAStream(int directions) {
        int d = 3;
        int n = 6;
        Mlp net = MlpTest.random(new int[] {d, 6, 5, 1}, Activation.TANH, Activation.IDENTITY, 4);
        SplittableRandom r = new SplittableRandom(2);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        double[] hv = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
            g[i] = r.nextDouble(-1, 1);
            hv[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble();
        }
        int[] rows = {0, 1, 2, 3, 4, 5};
        double[][] dirs = directions == 0 ? new double[0][] : new double[][] {{0.2, -1, 0.5}};
        double gamma = directions == 0 ? 0.0 : 0.3;
        SobolevLoss drop = new SobolevLoss(0.4, null, d, gamma, dirs, 0.3);
        SobolevLoss full = new SobolevLoss(0.4, null, d, gamma, dirs, 0.0);
        java.util.function.BiFunction<Mlp, double[], Double> eval = (m, grad) -> {
            SobolevLoss.Scratch s = new SobolevLoss.Scratch(m, n, drop);
            s.dropout(org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(77L));
            return drop.evaluate(m, x, y, g, hv, rows, 0, n, n, grad, s);
        };
        double[] grad = new double[net.parameterCount()];
        double value = eval.apply(net, grad);
        SobolevLoss.Scratch plain = new SobolevLoss.Scratch(net, n, drop);
        double noStream = drop.evaluate(net, x, y, g, hv, rows, 0, n, n, new double[net.parameterCount()], plain);
        double reference = full.evaluate(net, x, y, g, hv, rows, 0, n, n, new double[net.parameterCount()],
                new SobolevLoss.Scratch(net, n, full));
        assertEquals(reference, noStream, 0.0);
        org.junit.jupiter.api.Assertions.assertNotEquals(reference, value);
        assertMatchesFiniteDifferences(net, grad, 2, n2 -> eval.apply(n2, new double[grad.length]), "dropout");
    }

    /**
     * Every {@code stride}-th entry of {@code grad} against the central difference (h = 1e−6) of {@code lossOf}
     * in that parameter, to 1e−6 relative (absolute below 1e−4).
     */
    private static void assertMatchesFiniteDifferences(Mlp net, double[] grad, int stride,
                                                       java.util.function.ToDoubleFunction<Mlp> lossOf, String what) {
        double[] theta = net.parameters();
        for (int i = 0; i < theta.length; i += stride) {
            double h = 1e-6;
            double[] up = theta.clone();
            double[] dn = theta.clone();
            up[i] += h;
            dn[i] -= h;
            double fd = (lossOf.applyAsDouble(net.withParameters(up)) - lossOf.applyAsDouble(net.withParameters(dn)))
                    / (2 * h);
            double err = Math.abs(fd - grad[i]) / Math.max(1e-4, Math.abs(fd));
            assertEquals(0, err, 1e-6, what + " parameter " + i + ": fd " + fd + " vs " + grad[i]);
        }
    }
}
