package dev.sobolev.pricing.montecarlo;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.payoff.Payoff;
import dev.sobolev.core.random.BlockTasks;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Monte Carlo pricer of basket payoffs in the Bachelier model with pathwise sensitivities.
 *
 * <p>Exact one-step simulation: S(T) = S(0) + √T·diag(σ)·R·z with z ~ N(0, I_r) and R the (pivoted,
 * semi-definite-safe) correlation factor of {@link BachelierBasket}. The basket is then
 * B(T) = B₀ + aᵀz with a = √T·Rᵀ(w∘σ), which is what the inner loop evaluates (r multiply-adds per path).
 * Pathwise estimators (Kichler et al., "Towards Sobolev Pruning", backup slide "Pathwise Sensitivities";
 * Glasserman, <i>Monte Carlo Methods in Financial Engineering</i>, §7.2):
 * <ul>
 *   <li>delta ∂V/∂Sᵢ(0) = E[f′(B)]·wᵢ, for payoffs that are Lipschitz and a.e. differentiable;</li>
 *   <li>gamma ∂²V/∂Sᵢ∂Sⱼ = E[f″(B)]·wᵢwⱼ and Hessian–vector products H·v = E[f″(B)]·(wᵀv)·w, for smoothed
 *       payoffs only;</li>
 *   <li>vega ∂V/∂σ_B = E[f′(B)·(B − B₀)]/σ_B (scaling all vols scales B − B₀).</li>
 * </ul>
 * Work is cut into blocks of {@value #BLOCK} samples; block k uses random stream k ({@link RandomStreams})
 * and blocks are merged in order, so results are bitwise identical for any thread count. Each statistic has
 * its standard error. Stateless: {@link #price} is thread-safe; the inner loop allocates nothing.
 */
public final class MonteCarloEngine {
    /** Samples (paths, or antithetic pairs) per task. */
    static final int BLOCK = 1 << 16;

    private static final int VALUE = 0;
    private static final int FIRST = 1;
    private static final int SECOND = 2;
    private static final int VEGA = 3;

    private MonteCarloEngine() {
    }

    /** Prices without Hessian–vector directions. */
    public static McResult price(BachelierBasket basket, Payoff payoff, McConfig config) {
        return price(basket, payoff, config, new double[0][]);
    }

    /**
     * Prices the payoff of the basket and estimates every pathwise sensitivity the payoff admits.
     *
     * @param basket     the market and option (its strike is carried by the payoff)
     * @param payoff     payoff of B(T)
     * @param config     paths, seed, threads, antithetic
     * @param directions k×d directions for Hessian–vector products (k may be 0); needs a smoothed payoff
     */
    public static McResult price(BachelierBasket basket, Payoff payoff, McConfig config, double[][] directions) {
        int d = basket.dimension();
        for (int k = 0; k < directions.length; k++) {
            if (directions[k].length != d) {
                throw new IllegalArgumentException("directions[" + k + "] has " + directions[k].length
                        + " entries, expected " + d);
            }
        }
        if (directions.length > 0 && !payoff.hasPathwiseGamma()) {
            throw new IllegalArgumentException("Hessian-vector products need a smoothed payoff, got " + payoff.describe());
        }
        long samples = config.antithetic() ? (config.paths() + 1) / 2 : config.paths();
        long blockCount = (samples + BLOCK - 1) / BLOCK;
        if (blockCount > Integer.MAX_VALUE) {
            throw new InvalidParameterException("paths", "must be <= " + (long) Integer.MAX_VALUE * BLOCK + ", got "
                    + config.paths());
        }
        double[] loading = basket.basketLoading();
        double b0 = basket.basketSpot();
        List<SampleStatistics> parts = BlockTasks.run(RandomStreams.of(config.seed()), (int) blockCount,
                config.threads(), (rng, b) -> new Block(rng, (int) Math.min(BLOCK, samples - (long) b * BLOCK),
                        loading, b0, payoff, config.antithetic()).call());
        SampleStatistics total = new SampleStatistics(4);
        parts.forEach(total::merge);
        return assemble(basket, payoff, total, directions, config, samples);
    }

    private static McResult assemble(BachelierBasket basket, Payoff payoff, SampleStatistics st,
                                     double[][] directions, McConfig config, long samples) {
        int d = basket.dimension();
        Sensitivities est = Sensitivities.ofValue(st.mean(VALUE));
        Sensitivities err = Sensitivities.ofValue(st.standardError(VALUE));
        if (payoff.hasPathwiseDelta()) {
            double[] delta = new double[d];
            double[] deltaSe = new double[d];
            for (int i = 0; i < d; i++) {
                double w = basket.weight(i);
                delta[i] = w * st.mean(FIRST);
                deltaSe[i] = Math.abs(w) * st.standardError(FIRST);
            }
            double sigmaB = basket.basketVol();
            est = est.withDelta(delta);
            err = err.withDelta(deltaSe);
            if (sigmaB > 0) {
                est = est.withVega(st.mean(VEGA) / sigmaB);
                err = err.withVega(st.standardError(VEGA) / sigmaB);
            }
        }
        if (payoff.hasPathwiseGamma()) {
            double[][] gamma = new double[d][d];
            double[][] gammaSe = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double ww = basket.weight(i) * basket.weight(j);
                    gamma[i][j] = ww * st.mean(SECOND);
                    gammaSe[i][j] = Math.abs(ww) * st.standardError(SECOND);
                }
            }
            est = est.withGamma(gamma);
            err = err.withGamma(gammaSe);
            if (directions.length > 0) {
                double[][] hv = new double[directions.length][d];
                double[][] hvSe = new double[directions.length][d];
                for (int k = 0; k < directions.length; k++) {
                    double wv = 0;
                    for (int j = 0; j < d; j++) {
                        wv += basket.weight(j) * directions[k][j];
                    }
                    for (int i = 0; i < d; i++) {
                        double c = wv * basket.weight(i);
                        hv[k][i] = c * st.mean(SECOND);
                        hvSe[k][i] = Math.abs(c) * st.standardError(SECOND);
                    }
                }
                est = est.withHessianVector(directions, hv);
                err = err.withHessianVector(directions, hvSe);
            }
        }
        long paths = config.antithetic() ? 2 * samples : samples;
        return new McResult(est, err, paths, samples, config.seed(), config.antithetic());
    }

    /** One task: {@code size} samples from its own stream. */
    private static final class Block {
        private final UniformRandomProvider rng;
        private final int size;
        private final double[] loading;
        private final double b0;
        private final Payoff payoff;
        private final boolean antithetic;

        Block(UniformRandomProvider rng, int size, double[] loading, double b0, Payoff payoff, boolean antithetic) {
            this.rng = rng;
            this.size = size;
            this.loading = loading;
            this.b0 = b0;
            this.payoff = payoff;
            this.antithetic = antithetic;
        }

        SampleStatistics call() {
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            SampleStatistics st = new SampleStatistics(4);
            double[] up = new double[3];
            double[] down = new double[3];
            double[] sample = new double[4];
            int r = loading.length;
            for (int n = 0; n < size; n++) {
                double y = 0;
                for (int k = 0; k < r; k++) {
                    y += loading[k] * normal.sample();
                }
                payoff.evaluate(b0 + y, up);
                if (antithetic) {
                    payoff.evaluate(b0 - y, down);
                    sample[VALUE] = 0.5 * (up[0] + down[0]);
                    sample[FIRST] = 0.5 * (up[1] + down[1]);
                    sample[SECOND] = 0.5 * (up[2] + down[2]);
                    sample[VEGA] = 0.5 * (up[1] - down[1]) * y;
                } else {
                    sample[VALUE] = up[0];
                    sample[FIRST] = up[1];
                    sample[SECOND] = up[2];
                    sample[VEGA] = up[1] * y;
                }
                st.add(sample);
            }
            return st;
        }
    }
}
