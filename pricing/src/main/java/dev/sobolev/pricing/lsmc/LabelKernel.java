package dev.sobolev.pricing.lsmc;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.pricing.payoff.Payoff;
import dev.sobolev.pricing.payoff.SmoothedCall;

/**
 * The per-sample work of an {@link LsmcRecipe}: training rows (inputs, pathwise labels, optional
 * Hessian–vector labels) and exact test rows, written into caller-owned row-major arrays. Immutable and
 * thread-safe; filling a block allocates only the block's sampler (and, once per thread, a few kB of scratch),
 * never per sample.
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
    /** The payoff when it is a {@link SmoothedCall} (evaluated inline), else null. */
    private final SmoothedCall smoothedCall;

    /** Rows per phase of {@link #fillTraining}: the chunk's scratch stays in the L1/L2 cache. */
    private static final int CHUNK_ROWS = 256;
    /** Each thread's scratch for {@link #fillTraining} (≈ 8·256·(2d + 8) bytes), allocated once per thread. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(this::newScratch);

    /**
     * Scratch of one chunk, column-major (entry j of row n at [j][n]) so that the loops over the chunk's rows
     * are unit-stride and the JIT vectorises them: the normals, the inputs, the baskets, and the payoff terms
     * of B₊ and B₋ (value, first, second derivative at [0], [CHUNK_ROWS], [2·CHUNK_ROWS]). Every entry read
     * for a chunk is written for that chunk first.
     */
    private record Scratch(double[][] z, double[][] xs, double[] basket, double[] up, double[] down) {
    }

    private Scratch newScratch() {
        return new Scratch(new double[r + 1][CHUNK_ROWS], new double[d][CHUNK_ROWS], new double[CHUNK_ROWS],
                new double[3 * CHUNK_ROWS], new double[3 * CHUNK_ROWS]);
    }

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
        smoothedCall = payoff instanceof SmoothedCall sc ? sc : null;
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
        final int rank = r;
        Scratch sc = scratch.get();
        double[][] z = sc.z();
        double[][] xs = sc.xs();
        double[] basket = sc.basket();
        double[] up = sc.up();
        double[] down = sc.down();
        for (int c0 = 0; c0 < rows; c0 += CHUNK_ROWS) {
            int m = Math.min(CHUNK_ROWS, rows - c0);
            // phase 1: the chunk's normals in stream order (per row: z₀ … z_{r−1}, then the increment normal),
            // the order of a row-by-row loop, so the rows do not depend on CHUNK_ROWS
            for (int n = 0; n < m; n++) {
                for (int k = 0; k <= rank; k++) {
                    z[k][n] = normal.sample();
                }
            }
            inputs(m, row0 + c0, z, xs, x, basket);
            if (smoothedCall != null) {
                smoothedCall(m, basket, z, up, down, directions.length > 0);
            } else {
                generic(m, basket, z, up, down);
            }
            labels(m, row0 + c0, up, down, y, dydx, hv);
        }
    }

    /**
     * Phase 2: X = S(0) + C·z₀ (lower-triangular rows of C), the basket wᵀX, then X copied into the row-major
     * output. Each row sees the operations of the scalar recurrence xᵢ = S(0)ᵢ; xᵢ += Cᵢₖzₖ (k ascending);
     * b += wᵢxᵢ (i ascending), so the bits do not depend on the loop order.
     */
    private void inputs(int m, int row0, double[][] z, double[][] xs, double[] x, double[] basket) {
        final int dim = d;
        final int rank = r;
        final double[] load = loadings;
        Arrays.fill(basket, 0, m, 0.0);
        for (int i = 0; i < dim; i++) {
            final double[] xi = xs[i];
            Arrays.fill(xi, 0, m, spots[i]);
            for (int k = 0, e = loadingLength[i]; k < e; k++) {
                final double c = load[i * rank + k];
                final double[] zk = z[k];
                for (int n = 0; n < m; n++) {
                    xi[n] += c * zk[n];
                }
            }
            final double wi = weights[i];
            for (int n = 0; n < m; n++) {
                basket[n] += wi * xi[n];
            }
        }
        for (int n = 0, o = row0 * dim; n < m; n++) {
            for (int i = 0; i < dim; i++, o++) {
                x[o] = xs[i][n];
            }
        }
    }

    /**
     * Phase 3 for the smoothed call at B± = b ± σ_B√τ·z₁ through the static {@link SmoothedCall#terms} (the
     * arithmetic of {@link SmoothedCall#evaluate}, so the same bits), without the interface call and without
     * the second derivative unless Hessian–vector labels need it.
     */
    private void smoothedCall(int m, double[] basket, double[][] z, double[] up, double[] down, boolean second) {
        final double k = smoothedCall.strike();
        final double width = smoothedCall.width();
        final double sdInc = incrementStdDev;
        final double[] inc = z[r];
        for (int n = 0; n < m; n++) {
            double b = basket[n];
            double dz = sdInc * inc[n];
            SmoothedCall.terms((b + dz) - k, width, second, up, n, CHUNK_ROWS);
            SmoothedCall.terms((b - dz) - k, width, second, down, n, CHUNK_ROWS);
        }
    }

    /** Phase 3 for any other payoff (B± = b ± σ_B√τ·z₁), through {@link Payoff#evaluate}. */
    private void generic(int m, double[] basket, double[][] z, double[] up, double[] down) {
        final Payoff f = payoff;
        final double sdInc = incrementStdDev;
        final double[] inc = z[r];
        double[] t = new double[3];
        for (int n = 0; n < m; n++) {
            double dz = sdInc * inc[n];
            f.evaluate(basket[n] + dz, t);
            up[n] = t[0];
            up[CHUNK_ROWS + n] = t[1];
            up[2 * CHUNK_ROWS + n] = t[2];
            f.evaluate(basket[n] - dz, t);
            down[n] = t[0];
            down[CHUNK_ROWS + n] = t[1];
            down[2 * CHUNK_ROWS + n] = t[2];
        }
    }

    /** Phase 4: Y = ½(f(B₊)+f(B₋)), dY/dX = ½(f′(B₊)+f′(B₋))·w and the Hessian–vector labels. */
    private void labels(int m, int row0, double[] up, double[] down, double[] y, double[] dydx, double[] hv) {
        final int dim = d;
        final double[] w = weights;
        final int kCount = directions.length;
        for (int n = 0; n < m; n++) {
            int row = row0 + n;
            y[row] = 0.5 * (up[n] + down[n]);
            double g = 0.5 * (up[CHUNK_ROWS + n] + down[CHUNK_ROWS + n]);
            int base = row * dim;
            for (int i = 0; i < dim; i++) {
                dydx[base + i] = g * w[i];
            }
            if (kCount > 0) {
                double h = 0.5 * (up[2 * CHUNK_ROWS + n] + down[2 * CHUNK_ROWS + n]);
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
        for (int n = 0; n < rows; n++) {
            int base = (row0 + n) * d;
            for (int i = 0; i < d; i++) {
                x[base + i] = testLower + testWidth * rng.nextDouble();
            }
        }
        fillExact(rows, row0, x, y, dydx, gamma);
    }

    /**
     * Exact labels at given inputs: the Bachelier call at τ on the basket Σwᵢxᵢ (the labels of the test set, also
     * the reference against which Monte Carlo training labels are judged).
     *
     * @param rows  number of rows
     * @param row0  first row index
     * @param x     inputs n×d, read
     * @param y     receives exact prices n
     * @param dydx  receives exact deltas n×d
     * @param gamma receives exact basket gammas 1ᵀH1, n
     */
    public void fillExact(int rows, int row0, double[] x, double[] y, double[] dydx, double[] gamma) {
        double[] f = new double[3];
        for (int n = 0; n < rows; n++) {
            int row = row0 + n;
            int base = row * d;
            y[row] = exact(x, base, dydx, base, f);
            gamma[row] = weightSumSquared * f[2];
        }
    }

    /**
     * The exact labels of one row ({@link #fillExact}'s arithmetic, so the same bits): the Bachelier call at τ on
     * the basket Σwᵢxᵢ and its deltas. Allocation-free.
     *
     * @param x       inputs, read at {@code x[xOff … xOff + d)}
     * @param xOff    offset of the row in {@code x}
     * @param dydx    receives the deltas at {@code dydx[dOff … dOff + d)}
     * @param dOff    offset of the deltas in {@code dydx}
     * @param factors scratch of length ≥ 3: receives price, N(d) and φ(d)/s ({@link BachelierFormulas#callFactors})
     * @return the exact price
     */
    public double exact(double[] x, int xOff, double[] dydx, int dOff, double[] factors) {
        double basket = 0;
        for (int i = 0; i < d; i++) {
            basket += weights[i] * x[xOff + i];
        }
        BachelierFormulas.callFactors(basket, strike, incrementStdDev, factors);
        for (int i = 0; i < d; i++) {
            dydx[dOff + i] = factors[1] * weights[i];
        }
        return factors[0];
    }
}
