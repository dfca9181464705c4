package dev.sobolev.reports;

import java.nio.file.Path;
import java.util.SplittableRandom;

import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.pricing.lsmc.LsmcDatasetWriter;
import dev.sobolev.pricing.lsmc.LsmcJob;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

/** Small data sets and models for the reports tests. */
public final class MetricsFixtures {
    private MetricsFixtures() {
    }

    /**
     * Writes a Kichler-recipe data set (the published d = 7 market) with its exact test set.
     *
     * @param dir      the directory to create
     * @param size     training rows
     * @param testSize test rows
     * @return the directory
     */
    public static Path kichler(Path dir, long size, long testSize) {
        return kichler(dir, size, testSize, 7);
    }

    /**
     * Writes a Kichler-recipe data set of d assets (the published market for d = 7, a random one otherwise).
     *
     * @param dir      the directory to create
     * @param size     training rows
     * @param testSize test rows
     * @param d        assets
     * @return the directory
     */
    public static Path kichler(Path dir, long size, long testSize, int d) {
        LsmcRecipe recipe = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, d, 0, null, d == 7);
        return LsmcDatasetWriter.write(new LsmcJob(recipe, size, 42, 2, null, testSize, DatasetFormat.NPY), dir, null);
    }

    /**
     * A d → 6 → 6 → 1 SiLU surrogate with random weights, scaled to inputs near 1 and outputs near 0.1.
     *
     * @param d    inputs
     * @param seed seed of the weights
     * @return the surrogate
     */
    public static Surrogate randomSilu(int d, long seed) {
        int[] widths = {d, 6, 6, 1};
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextDouble(-1, 1);
        }
        double[] xMean = new double[d];
        double[] xStd = new double[d];
        java.util.Arrays.fill(xMean, 1.0);
        java.util.Arrays.fill(xStd, 0.3);
        return new Surrogate(new Mlp(widths, Activation.SILU, Activation.IDENTITY, theta),
                new Normalisation(xMean, xStd, new double[] {0.1}, new double[] {0.1}));
    }
}
