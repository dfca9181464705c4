package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.simd.VectorLayerProducts;

/**
 * {@link VectorLayerProducts} against the scalar {@link LayerProducts}, bit for bit, on sizes below, at and above
 * the lane count, the four-term grouping and the four-row blocks. This test sits in the package of the scalar
 * products (a split package on the test class path) because they and {@code Mlp.weightOffset} are
 * package-private.
 */
class VectorLayerProductsTest {
    private static final int[] UNITS = {1, 3, 4, 5, 7, 20, 33, 128};
    private static final int[] LENGTHS = {1, 7, 8, 9, 64, 65, 512};

    /** Uniform in ±1 with about one entry in eight a signed zero and one in sixteen a tiny or huge magnitude. */
    private static double value(SplittableRandom r) {
        int kind = r.nextInt(16);
        if (kind == 0) {
            return 0.0;
        }
        if (kind == 1) {
            return -0.0;
        }
        if (kind == 2) {
            return r.nextDouble(-1, 1) * (r.nextBoolean() ? 1e-300 : 1e300);
        }
        return r.nextDouble(-1, 1);
    }

    private static double[][] rows(SplittableRandom r, int rows, int len) {
        double[][] a = new double[rows][len];
        for (double[] row : a) {
            for (int c = 0; c < len; c++) {
                row[c] = value(r);
            }
        }
        return a;
    }

    private static void assertSameBits(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                assertEquals(Double.doubleToRawLongBits(expected[i][c]), Double.doubleToRawLongBits(actual[i][c]),
                        () -> what);
            }
        }
    }

    @Test
    void productsGiveTheScalarBits() {
        SplittableRandom r = new SplittableRandom(28);
        for (int n : UNITS) {
            for (int p : UNITS) {
                int[] widths = {p, n, 1};
                double[] params = new double[Mlp.parameterCount(widths)];
                for (int k = 0; k < params.length; k++) {
                    params[k] = value(r);
                }
                Mlp mlp = new Mlp(widths, Activation.SILU, Activation.IDENTITY, params);
                double[] theta = mlp.parameters();
                int w0 = mlp.weightOffset(1);
                for (int len : LENGTHS) {
                    String at = "n=" + n + " p=" + p + " len=" + len;
                    double[][] in = rows(r, p, len);
                    double[][] expected = rows(r, n, len);
                    double[][] actual = rows(r, n, len);
                    LayerProducts.multiply(mlp, theta, 1, in, expected, len);
                    VectorLayerProducts.multiply(theta, w0, n, p, in, actual, len);
                    assertSameBits(expected, actual, "multiply " + at);

                    double[][] g = rows(r, n, len);
                    double[][] expectedT = rows(r, p, len);
                    double[][] actualT = rows(r, p, len);
                    LayerProducts.multiplyTransposed(mlp, theta, 1, g, expectedT, len);
                    VectorLayerProducts.multiplyTransposed(theta, w0, n, p, g, actualT, len);
                    assertSameBits(expectedT, actualT, "multiplyTransposed " + at);

                    double[][] gw = rows(r, n, p);
                    double[][] gwExpected = new double[n][];
                    for (int i = 0; i < n; i++) {
                        gwExpected[i] = gw[i].clone();
                    }
                    LayerProducts.weightGradient(g, in, n, p, len, new double[len][p], gwExpected);
                    double[][] transposed = new double[len][p + 3];
                    LayerProducts.transpose(in, p, len, transposed);
                    VectorLayerProducts.weightGradient(g, transposed, n, p, len, gw);
                    assertSameBits(gwExpected, gw, "weightGradient " + at);
                }
            }
        }
    }
}
