package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The layer products give the bits of the element-wise {@link LayerProductsReference} ({@link LayerProducts}), on
 * sizes that are not multiples of the blocks (groups of 4, transposes of 8, vectors of 8 lanes) and leave every element outside the product untouched.
 * Bitwise equality is what keeps the model file independent of the kernels and of the thread count.
 */
class LayerProductsTest {
    private static final int[] WIDTHS = {1, 3, 5, 7, 20, 33, 128};
    private static final int[] LENGTHS = {1, 7, 64, 65, 512};
    /** Row capacity beyond len, filled with a sentinel that must survive. */
    private static final int SLACK = 3;
    private static final double SENTINEL = -1234.5;

    private interface Products {
        void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len);

        void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len);

        void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] at, double[][] gw);
    }

    private static final Products MAIN = new Products() {
        @Override
        public void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
            LayerProducts.multiply(mlp, theta, l, in, out, len);
        }

        @Override
        public void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
            LayerProducts.multiplyTransposed(mlp, theta, l, in, out, len);
        }

        @Override
        public void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] at,
                                   double[][] gw) {
            LayerProducts.weightGradient(g, a, n, p, len, at, gw);
        }
    };

    @Test
    void layerProductsMatchTheReferenceBitForBit() {
        checkAllSizes(MAIN, "LayerProducts");
    }

    private static void checkAllSizes(Products kernels, String name) {
        SplittableRandom r = new SplittableRandom(28);
        for (int n : WIDTHS) {
            for (int p : WIDTHS) {
                for (int len : LENGTHS) {
                    check(kernels, name, n, p, len, r);
                }
            }
        }
    }

    private static void check(Products kernels, String name, int n, int p, int len, SplittableRandom r) {
        String at = name + " n=" + n + " p=" + p + " len=" + len;
        // layer 2 of 7 → p → n → 1, so that the weights start at a non-zero offset of θ
        int[] widths = {7, p, n, 1};
        double[] theta = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = value(r);
        }
        Mlp mlp = new Mlp(widths, Activation.SILU, Activation.IDENTITY, theta);

        double[][] a = rows(r, p, len);
        double[][] expected = new double[n][len];
        double[][] actual = sentinelRows(n, len);
        LayerProductsReference.multiply(mlp, theta, 2, a, expected, len);
        kernels.multiply(mlp, theta, 2, a, actual, len);
        assertSameBits(expected, actual, len, at + " multiply");

        double[][] g = rows(r, n, len);
        expected = new double[p][len];
        actual = sentinelRows(p, len);
        LayerProductsReference.multiplyTransposed(mlp, theta, 2, g, expected, len);
        kernels.multiplyTransposed(mlp, theta, 2, g, actual, len);
        assertSameBits(expected, actual, len, at + " multiplyTransposed");

        // accumulates into a non-zero gradient; the scratch rows are as wide as the widest layer in SobolevLoss
        double[][] start = rows(r, n, p);
        expected = copy(start, p);
        actual = sentinelRows(n, p);
        for (int i = 0; i < n; i++) {
            System.arraycopy(start[i], 0, actual[i], 0, p);
        }
        LayerProductsReference.weightGradient(g, a, n, p, len, expected);
        kernels.weightGradient(g, a, n, p, len, new double[len][p + SLACK], actual);
        assertSameBits(expected, actual, p, at + " weightGradient");
    }

    /** Values across twenty binades with both signs and some exact zeros of either sign, so rounding shows. */
    private static double value(SplittableRandom r) {
        int kind = r.nextInt(50);
        if (kind == 0) {
            return 0.0;
        }
        if (kind == 1) {
            return -0.0;
        }
        return Math.scalb(r.nextDouble(-1, 1), r.nextInt(-10, 10));
    }

    private static double[][] rows(SplittableRandom r, int count, int len) {
        double[][] rows = new double[count][len + SLACK];
        for (double[] row : rows) {
            for (int c = 0; c < len; c++) {
                row[c] = value(r);
            }
            Arrays.fill(row, len, len + SLACK, SENTINEL);
        }
        return rows;
    }

    private static double[][] sentinelRows(int count, int len) {
        double[][] rows = new double[count][len + SLACK];
        for (double[] row : rows) {
            Arrays.fill(row, SENTINEL);
        }
        return rows;
    }

    private static double[][] copy(double[][] rows, int len) {
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            c[i] = Arrays.copyOf(rows[i], len);
        }
        return c;
    }

    private static void assertSameBits(double[][] expected, double[][] actual, int len, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < len; c++) {
                long e = Double.doubleToRawLongBits(expected[i][c]);
                long x = Double.doubleToRawLongBits(actual[i][c]);
                if (e != x) {
                    assertEquals(expected[i][c], actual[i][c], what + " row " + i + " column " + c);
                    assertEquals(e, x, what + " row " + i + " column " + c + " (bits; a signed zero differs)");
                }
            }
            for (int c = len; c < actual[i].length; c++) {
                assertEquals(SENTINEL, actual[i][c], what + " row " + i + " wrote past len at " + c);
            }
        }
    }
}
