package dev.sobolev.surrogate.train;

import java.util.SplittableRandom;

import dev.sobolev.core.dataset.Dataset;

/**
 * The synthetic regression data of the training and pruning tests: f(x) = sin(2x₁) + x₂² − x₁x₃ on [−1, 1]³
 * with its exact gradient (shipped to other modules' tests in this module's test jar).
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** n rows drawn with {@code seed}: {x (n×3), y (n), dy/dx (n×3)}. */
    public static double[][] arrays(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 3];
        double[] y = new double[n];
        double[] g = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble(-1, 1);
            double b = r.nextDouble(-1, 1);
            double c = r.nextDouble(-1, 1);
            x[3 * i] = a;
            x[3 * i + 1] = b;
            x[3 * i + 2] = c;
            y[i] = Math.sin(2 * a) + b * b - a * c;
            g[3 * i] = 2 * Math.cos(2 * a) - c;
            g[3 * i + 1] = 2 * b;
            g[3 * i + 2] = -a;
        }
        return new double[][] {x, y, g};
    }

    /** The same rows as {@link TrainingData} with gradient labels. */
    public static TrainingData of(int n, long seed) {
        double[][] d = arrays(n, seed);
        return new TrainingData(d[0], d[1], d[2], null, null, n);
    }

    /** The same rows as a {@link Dataset} with gradient labels. */
    public static Dataset dataset(int n, long seed) {
        double[][] d = arrays(n, seed);
        return Dataset.builder(n, 3).x(d[0]).y(d[1]).dydx(d[2]).build();
    }
}
