package dev.sobolev.surrogate.nn;

import java.util.SplittableRandom;

/**
 * Brings a {@link LayerProductsProvider}'s kernels to compiled speed away from the training threads and decides,
 * by timing them against the scalar {@link LayerProducts} on the same inputs, whether they are faster on the net
 * that is being trained.
 *
 * <p>Why: a Vector API kernel runs boxed, one heap object per vector operation, until C2 has compiled it (C1 and
 * the interpreter do not intrinsify the Vector API): the three products of a 128×128 layer over 64 columns take
 * 0.2–0.4 s interpreted against 0.13 ms compiled, so the oversized 7→128×6→1 net's first epoch took 2.8 s with
 * the module against 0.63 s with the scalar products (machine A, 2026-12-07). Training therefore runs the
 * scalar products while this runs on a thread of its own, and switches when it returns true; both give the same
 * bits (the provider's contract), so the moment of the switch changes the speed of training, never its result.
 *
 * <p>Two phases of rounds; a round times the provider's products and then the scalar ones on the same inputs.
 * First a small layer that takes every branch of a blocked kernel, cheap enough interpreted for the compiler's
 * thresholds to be reached in about half a second, until all three of the provider's products are compiled:
 * {@value #WINS} rounds in a row with each within {@value #COMPILED} times the scalar time, at most
 * {@value #SMALL_ROUNDS} rounds. Then every weight layer of the net, its three products over the training's
 * columns, in the orientation the loss uses ({@link SobolevLoss.Scratch#byUnit}), until the provider is faster
 * in {@value #WINS} rounds in a row, at most {@value #NET_ROUNDS} rounds; this also lets the compiler settle on
 * the shapes training will call (a recompilation after a deoptimisation shows as lost rounds). The result is
 * true only if both phases end in a run of wins, so a provider slower than the scalar products on this machine
 * or this net is not used.
 */
final class ProductsWarmUp {
    /** Consecutive rounds the provider must win. */
    static final int WINS = 3;
    /**
     * Timings a round takes of each product, keeping the shortest: the warm-up shares the cores with training
     * and the compiler, and a timing of a microsecond that a time slice of another thread interrupts measured
     * ten times as long (machine A, two training threads: one warm-up in six never won three rounds in a row).
     */
    static final int REPEATS = 4;
    /** Most rounds on the small layer. */
    static final int SMALL_ROUNDS = 2000;
    /** Most rounds on the net's layers. */
    static final int NET_ROUNDS = 300;
    /**
     * A round on the small layer is won within this factor of the scalar time: compiled, the vector kernels
     * take up to about three times as long as the scalar ones on a layer so small (mostly leftover rows and
     * columns), interpreted or compiled by C1 (which does not intrinsify the Vector API) a hundred times and more.
     */
    static final int COMPILED = 8;
    /**
     * The small layer: the second of 5 → 5 → 29 over 31 columns, so that with 8 or 4 lanes every branch of a
     * blocked kernel is taken: W·A 29 output rows (blocks of four and one left over) of 5 terms (a group of four
     * and one) over 31 columns (two-vector blocks, one vector, leftover columns); Wᵀ·G 5 rows of 29 terms; the
     * weight gradient, with the layer's units in the lanes (5 &lt; 29), 5 rows of 29 columns over 31 terms.
     */
    private static final int[] SMALL = {5, 5, 29};
    private static final int SMALL_COLUMNS = 31;

    private ProductsWarmUp() {
    }

    /**
     * Runs both phases on the calling thread.
     *
     * @param provider the products to bring up
     * @param mlp      the net to be trained (its widths; its parameters are not used)
     * @param columns  columns per product in training, at least 1
     * @return whether the provider won both phases
     */
    static boolean run(LayerProductsProvider provider, Mlp mlp, int columns) {
        return run(provider, mlp, columns, SMALL_ROUNDS);
    }

    /** {@link #run(LayerProductsProvider, Mlp, int)} with at most {@code smallRounds} rounds on the small layer. */
    static boolean run(LayerProductsProvider provider, Mlp mlp, int columns, int smallRounds) {
        Mlp small = new Mlp(SMALL, Activation.IDENTITY, Activation.IDENTITY, new double[Mlp.parameterCount(SMALL)]);
        SplittableRandom r = new SplittableRandom(1);
        Layer[] smallLayer = {new Layer(small, weights(small, r), 2, SMALL_COLUMNS, r)};
        if (!wins(provider, smallLayer, COMPILED, smallRounds)) {
            return false;
        }
        double[] theta = weights(mlp, r);
        Layer[] layers = new Layer[mlp.layers()];
        for (int l = 1; l <= mlp.layers(); l++) {
            layers[l - 1] = new Layer(mlp, theta, l, columns, r);
        }
        return wins(provider, layers, 1, NET_ROUNDS);
    }

    /**
     * Whether the provider wins {@link #WINS} rounds in a row within the given number of rounds. A round times
     * each of the three products {@link #REPEATS} times on every layer, the provider's then the scalar one, and is
     * won when for each product the provider's shortest time summed over the layers is less than {@code slack}
     * times the scalar one's.
     */
    private static boolean wins(LayerProductsProvider provider, Layer[] layers, int slack, int rounds) {
        int streak = 0;
        for (int round = 0; round < rounds && streak < WINS; round++) {
            boolean won = true;
            for (int kernel = 0; kernel < 3; kernel++) {
                long vector = Long.MAX_VALUE;
                long scalar = Long.MAX_VALUE;
                for (int repeat = 0; repeat < REPEATS; repeat++) {
                    long start = System.nanoTime();
                    for (Layer layer : layers) {
                        layer.provider(provider, kernel);
                    }
                    long middle = System.nanoTime();
                    for (Layer layer : layers) {
                        layer.scalar(kernel);
                    }
                    long end = System.nanoTime();
                    vector = Math.min(vector, middle - start);
                    scalar = Math.min(scalar, end - middle);
                }
                won &= vector < slack * scalar;
            }
            streak = won ? streak + 1 : 0;
        }
        return streak == WINS;
    }

    /** Rows × len values uniform in ±1 from r (also the inputs of {@code LayerProductsBenchmark}). */
    static double[][] random(SplittableRandom r, int rows, int len) {
        double[][] m = new double[rows][len];
        for (double[] row : m) {
            for (int c = 0; c < len; c++) {
                row[c] = r.nextDouble(-1, 1);
            }
        }
        return m;
    }

    /** Values uniform in ±1 from r for every parameter of a net, the weights all its layers' products use. */
    private static double[] weights(Mlp mlp, SplittableRandom r) {
        double[] theta = new double[mlp.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextDouble(-1, 1);
        }
        return theta;
    }

    /**
     * One weight layer's inputs and outputs, filled with values in ±1 from a fixed seed, and the weight gradient's
     * operands in the orientation of {@link SobolevLoss.Scratch#addWeightGradient}: the layer's units in the lanes
     * when its inputs are fewer.
     */
    private static final class Layer {
        private final Mlp mlp;
        private final double[] theta;
        private final int l;
        private final int n;
        private final int p;
        private final int len;
        private final double[][] a;
        private final double[][] g;
        private final double[][] forward;
        private final double[][] backward;
        private final double[][] at;
        private final double[][] gw;
        /** The weight gradient's row operand (rows of gw) and column operand, and their counts. */
        private final double[][] gradRows;
        private final double[][] gradColumns;
        private final int rows;
        private final int columns;

        Layer(Mlp mlp, double[] theta, int l, int len, SplittableRandom r) {
            this.mlp = mlp;
            this.theta = theta;
            this.l = l;
            this.len = len;
            n = mlp.width(l);
            p = mlp.width(l - 1);
            a = random(r, p, len);
            g = random(r, n, len);
            forward = new double[n][len];
            backward = new double[p][len];
            at = new double[len][Math.max(n, p)];
            boolean byUnit = p < n;
            gradRows = byUnit ? a : g;
            gradColumns = byUnit ? g : a;
            rows = byUnit ? p : n;
            columns = byUnit ? n : p;
            gw = new double[rows][columns];
        }

        /** Product 0 (W·A), 1 (Wᵀ·G) or 2 (the weight gradient) on the provider. */
        void provider(LayerProductsProvider provider, int kernel) {
            int w0 = mlp.weightOffset(l);
            if (kernel == 0) {
                provider.multiply(theta, w0, n, p, a, forward, len);
            } else if (kernel == 1) {
                provider.multiplyTransposed(theta, w0, n, p, g, backward, len);
            } else {
                TrainingProducts.weightGradient(provider, gradRows, gradColumns, rows, columns, len, at, gw);
            }
        }

        /** The same product with {@link LayerProducts}. */
        void scalar(int kernel) {
            if (kernel == 0) {
                LayerProducts.multiply(mlp, theta, l, a, forward, len);
            } else if (kernel == 1) {
                LayerProducts.multiplyTransposed(mlp, theta, l, g, backward, len);
            } else {
                LayerProducts.weightGradient(gradRows, gradColumns, rows, columns, len, at, gw);
            }
        }
    }
}
