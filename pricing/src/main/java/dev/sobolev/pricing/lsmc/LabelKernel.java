package dev.sobolev.pricing.lsmc;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.pricing.payoff.Payoff;

/**
 * The per-sample work of an {@link LsmcRecipe}: training rows (inputs, pathwise labels, optional
 * Hessian–vector labels) and exact test rows, written into caller-owned row-major arrays. Immutable and
 * thread-safe; filling a block allocates only the block's sampler, never per sample.
 *
 * <p>Training row: z₀ ~ N(0, I_r), X = S(0) + C·z₀ with C = volMult·√T₁·diag(σ)·R; the T₁→T₂ increment
 * enters the payoff only through the basket, whose increment wᵀΔS ~ N(0, τ·σ_B²) is drawn as one normal
 * (exact in distribution, and d − 1 fewer normals than simulating every asset); antithetic pair B± =
 * wᵀX ± σ_B√τ·z₁. Labels: Y = ½(f(B₊)+f(B₋)), dY/dXᵢ = ½(f′(B₊)+f′(B₋))·wᵢ,
 * (H·vₖ)ᵢ = ½(f″(B₊)+f″(B₋))·(wᵀvₖ)·wᵢ.
 *
 * <p>Test row: X uniform on [L, U]^d; exact call labels at τ: price, deltas wᵢN(d) and the basket gamma
 * 1ᵀH1 = (Σw)²φ(d)/s.
 */
public final class LabelKernel {
    private final int d;
    private final int r;
    private final double[] spots;
    private final double[] loadings;
    private final int[] loadingLength;
    private final double[] weights;
    private final double incrementStdDev;
    private final Payoff payoff;
    private final double[][] directions;
    private final double[] directionWeights;
    private final double strike;
    private final double weightSumSquared;
    private final double testLower;
    private final double testWidth;

    /**
     * @param recipe     the recipe
     * @param directions k×d Hessian–vector directions (k = 0 for none); need a payoff with pathwise gamma
     */
    public LabelKernel(LsmcRecipe recipe, double[][] directions) {
        BachelierBasket o = recipe.option();
        d = o.dimension();
        double[][] factor = o.correlationFactor();
        r = factor[0].length;
        spots = o.spots();
        weights = o.weights();
        double[] vols = o.vols();
        loadings = new double[d * r];
        loadingLength = new int[d];
        double scale = recipe.volMult() * Math.sqrt(recipe.t1());
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < r; k++) {
                loadings[i * r + k] = scale * vols[i] * factor[i][k];
                if (factor[i][k] != 0.0) {
                    // the pivoted Cholesky root is a row-permuted lower triangle: row i ends early
                    loadingLength[i] = k + 1;
                }
            }
        }
        incrementStdDev = o.basketStdDev();
        payoff = recipe.payoff();
        if (directions.length > 0 && !payoff.hasPathwiseGamma()) {
            throw new IllegalArgumentException("second-order labels need a smoothed payoff, got " + payoff.describe());
        }
        if (!payoff.hasPathwiseDelta()) {
            throw new IllegalArgumentException("LSMC labels need a payoff with a pathwise derivative, got "
                    + payoff.describe());
        }
        this.directions = new double[directions.length][];
        directionWeights = new double[directions.length];
        for (int k = 0; k < directions.length; k++) {
            if (directions[k].length != d) {
                throw new IllegalArgumentException("direction " + k + " has " + directions[k].length
                        + " entries, expected " + d);
            }
            this.directions[k] = directions[k].clone();
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += weights[i] * directions[k][i];
            }
            directionWeights[k] = s;
        }
        strike = o.strike();
        double sw = 0;
        for (double w : weights) {
            sw += w;
        }
        weightSumSquared = sw * sw;
        testLower = recipe.testLower();
        testWidth = recipe.testUpper() - recipe.testLower();
    }

    /** Number of inputs d. */
    public int dimension() {
        return d;
    }

    /** Number of Hessian–vector directions k. */
    public int directionCount() {
        return directions.length;
    }

    /** A copy of direction k. */
    public double[] direction(int k) {
        return directions[k].clone();
    }

    /**
     * Fills {@code rows} training rows starting at row {@code row0} of the arrays.
     *
     * @param rng  this block's random stream
     * @param rows number of rows
     * @param row0 first row index in the arrays
     * @param x    inputs, row-major n×d
     * @param y    labels, n
     * @param dydx label gradients, row-major n×d
     * @param hv   Hessian–vector labels, row-major n×k×d (may be null when k = 0)
     */
    public void fillTraining(UniformRandomProvider rng, int rows, int row0, double[] x, double[] y, double[] dydx,
                             double[] hv) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        // locals for the JIT: no field loads in the inner loops
        final int dim = d;
        final int rank = r;
        final double[] s0 = spots;
        final double[] load = loadings;
        final int[] len = loadingLength;
        final double[] w = weights;
        final double sdInc = incrementStdDev;
        final Payoff f = payoff;
        final int kCount = directions.length;
        double[] z = new double[rank];
        double[] up = new double[3];
        double[] down = new double[3];
        for (int n = 0; n < rows; n++) {
            int row = row0 + n;
            for (int k = 0; k < rank; k++) {
                z[k] = normal.sample();
            }
            int base = row * dim;
            double basket = 0;
            for (int i = 0; i < dim; i++) {
                double xi = s0[i];
                int off = i * rank;
                for (int k = 0, e = len[i]; k < e; k++) {
                    xi += load[off + k] * z[k];
                }
                x[base + i] = xi;
                basket += w[i] * xi;
            }
            double inc = sdInc * normal.sample();
            f.evaluate(basket + inc, up);
            f.evaluate(basket - inc, down);
            y[row] = 0.5 * (up[0] + down[0]);
            double g = 0.5 * (up[1] + down[1]);
            for (int i = 0; i < dim; i++) {
                dydx[base + i] = g * w[i];
            }
            if (kCount > 0) {
                double h = 0.5 * (up[2] + down[2]);
                for (int k = 0; k < kCount; k++) {
                    double c = h * directionWeights[k];
                    int hb = (row * kCount + k) * dim;
                    for (int i = 0; i < dim; i++) {
                        hv[hb + i] = c * w[i];
                    }
                }
            }
        }
    }

    /**
     * Fills {@code rows} test rows with inputs uniform on the test box and exact call labels.
     *
     * @param rng   this block's random stream
     * @param rows  number of rows
     * @param row0  first row index
     * @param x     inputs n×d
     * @param y     exact prices n
     * @param dydx  exact deltas n×d
     * @param gamma exact basket gammas 1ᵀH1, n
     */
    public void fillTest(UniformRandomProvider rng, int rows, int row0, double[] x, double[] y, double[] dydx,
                         double[] gamma) {
        double[] f = new double[3];
        for (int n = 0; n < rows; n++) {
            int row = row0 + n;
            int base = row * d;
            double basket = 0;
            for (int i = 0; i < d; i++) {
                double xi = testLower + testWidth * rng.nextDouble();
                x[base + i] = xi;
                basket += weights[i] * xi;
            }
            BachelierFormulas.callFactors(basket, strike, incrementStdDev, f);
            y[row] = f[0];
            for (int i = 0; i < d; i++) {
                dydx[base + i] = f[1] * weights[i];
            }
            gamma[row] = weightSumSquared * f[2];
        }
    }
}
