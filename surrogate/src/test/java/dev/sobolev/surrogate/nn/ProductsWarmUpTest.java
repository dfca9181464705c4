package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ProductsWarmUp} switches to a provider only when it beats the scalar products: the providers here take
 * no time or many times the scalar products' (64 times their multiply-adds, in a dependent chain), so that no
 * timing noise can change the outcome.
 */
class ProductsWarmUpTest {
    private static final int[] WIDTHS = {7, 64, 64, 1};
    private static final Mlp NET = new Mlp(WIDTHS, Activation.SILU, Activation.IDENTITY,
            new double[Mlp.parameterCount(WIDTHS)]);

    /** A provider that counts its calls and spends {@code factor} multiply-adds per multiply-add of a product. */
    private static final class Counting implements LayerProductsProvider {
        private final int factor;
        int calls;
        double sink;

        Counting(int factor) {
            this.factor = factor;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void multiply(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len) {
            work(n, in, len);
        }

        @Override
        public void multiplyTransposed(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len) {
            work(p, in, len);
        }

        @Override
        public void weightGradient(double[][] g, double[][] at, int n, int p, int len, double[][] gw) {
            work(n, at, p);
        }

        /** factor·outs passes over the rows of in: as many multiply-adds as the product, factor times. */
        private void work(int outs, double[][] in, int len) {
            calls++;
            double s = sink;
            for (int r = 0; r < factor * outs; r++) {
                for (double[] row : in) {
                    for (int c = 0; c < len; c++) {
                        s = s * 0.5 + row[c];
                    }
                }
            }
            sink = s;
        }
    }

    @Test
    void aFasterProviderTakesOverAfterThreeWinsOnTheSmallLayerAndThreeOnTheNet() {
        Counting instant = new Counting(0);
        assertTrue(ProductsWarmUp.run(instant, NET, 64));
        // three products a layer, timed REPEATS times a round: one layer in the first phase, the net's three in
        // the second
        assertEquals(ProductsWarmUp.REPEATS * (3 * ProductsWarmUp.WINS + 3 * 3 * ProductsWarmUp.WINS), instant.calls);
    }

    @Test
    void aSlowerProviderIsDeclinedAfterTheFirstPhasesRounds() {
        Counting slow = new Counting(64);
        assertFalse(ProductsWarmUp.run(slow, NET, 64, 50));
        assertEquals(ProductsWarmUp.REPEATS * 3 * 50, slow.calls);
    }
}
