package dev.sobolev.pricing.lsmc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.bachelier.BachelierBasket;

/**
 * Second-order labels: Hessian–vector products H·vₖ of the pathwise label along k stored directions
 * (Kichler et al., "Towards Sobolev Pruning", backup slide "Second-order sensitivity information"): random
 * Gaussian directions v ~ N(0, I), so that E[H v vᵀ] = H, or the k leading principal directions of the
 * input covariance Cov(X) = volMult²·T₁·diag(σ)ρdiag(σ).
 *
 * @param kind  how the directions are chosen
 * @param count number of directions k, 1 ≤ k (≤ d for PCA)
 */
public record SecondOrder(Kind kind, int count) {
    /** How directions are chosen. */
    public enum Kind {
        /** Independent standard normal vectors. */
        RANDOM,
        /** Unit eigenvectors of the input covariance, largest eigenvalue first. */
        PCA;
    }

    /** Validates the count. */
    public SecondOrder {
        if (kind == null) {
            throw new InvalidParameterException("kind", "is missing");
        }
        if (count < 1) {
            throw new InvalidParameterException("count", "must be >= 1, got " + count);
        }
    }

    /**
     * The k×d directions for a recipe.
     *
     * @param recipe the recipe (dimension, input covariance)
     * @param rng    source of the random directions (unused for PCA)
     */
    public double[][] directions(LsmcRecipe recipe, UniformRandomProvider rng) {
        int d = recipe.dimension();
        if (kind == Kind.PCA) {
            if (count > d) {
                throw new InvalidParameterException("count", "must be <= the dimension (" + d
                        + ") for pca directions, got " + count);
            }
            return principalDirections(recipe.option(), recipe.volMult() * recipe.volMult() * recipe.t1(), count);
        }
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] v = new double[count][d];
        for (double[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = normal.sample();
            }
        }
        return v;
    }

    private static double[][] principalDirections(BachelierBasket market, double varianceScale, int k) {
        int d = market.dimension();
        double[] vols = market.vols();
        double[][] corr = market.correlation();
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i][j] = varianceScale * vols[i] * corr[i][j] * vols[j];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble(i -> -values[i]))
                .toArray(Integer[]::new);
        double[][] out = new double[k][];
        for (int n = 0; n < k; n++) {
            RealVector v = eig.getEigenvector(order[n]);
            double[] u = v.mapDivide(v.getNorm()).toArray();
            // deterministic sign: largest-magnitude component positive
            int arg = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(u[j]) > Math.abs(u[arg])) {
                    arg = j;
                }
            }
            if (u[arg] < 0) {
                Arrays.setAll(u, j -> -u[j]);
            }
            out[n] = u;
        }
        return out;
    }
}
