package dev.sobolev.pricing.garch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.montecarlo.SampleStatistics;
import dev.sobolev.core.random.BlockTasks;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Monte Carlo forecasts of a GARCH(1,1) from the end of a data set, with pathwise derivatives.
 *
 * <p>From the exact h_{T+1} (and its gradient, {@link GarchForecast}), each path draws z_{T+1}, z_{T+2}, …:
 * e_{T+j} = √h_{T+j}·z_j and h_{T+j+1} = ω + α·e²_{T+j} + β·h_{T+j}. For k = 1..H it estimates
 * E[h_{T+k}], E[e²_{T+k}] (both equal to the closed-form forecast) and the variance of the k-day aggregated
 * return, E[(Σ_{j≤k} e_{T+j})²] = Σ_{j≤k} h_{T+j}. The gradients with respect to (μ, ω, α, β, y_T) are
 * carried along every path (∂e = z·∂h/(2√h), ∂h_{T+j+1} = ∂ω + e²∂α + h∂β + (αz² + β)∂h), and every
 * statistic gets a standard error. Paths are cut into blocks of {@value #BLOCK}; block b uses stream b of
 * the seed, so results are identical for any thread count. Antithetic variates do not apply (z and −z give
 * the same variance path) and are refused.
 */
public final class GarchMonteCarlo {
    static final int BLOCK = 1 << 14;
    private static final int G = 5;
    private static final String[] GRADIENT = {"mu", "omega", "alpha", "beta", "y_T"};

    /**
     * The three forecast statistics per horizon (index k−1 for horizon k).
     *
     * @param variance          E[h_{T+k}]
     * @param squaredReturn     E[e²_{T+k}]
     * @param aggregateVariance Var(Σ_{j≤k} e_{T+j})
     */
    public record Forecast(List<McResult> variance, List<McResult> squaredReturn, List<McResult> aggregateVariance) {
        /** Copies the lists. */
        public Forecast {
            variance = List.copyOf(variance);
            squaredReturn = List.copyOf(squaredReturn);
            aggregateVariance = List.copyOf(aggregateVariance);
        }
    }

    private GarchMonteCarlo() {
    }

    /**
     * Runs the forecast.
     *
     * @param data    the series (FCP conventions for the in-sample state)
     * @param theta   parameters
     * @param horizon H ≥ 1
     * @param config  paths (at least 2, {@link McConfig}), seed, threads (antithetic must be off)
     * @throws IllegalArgumentException if a path's variance, a statistic or its standard error overflows double
     *                                  precision (naming the horizon and the statistic)
     */
    public static Forecast forecast(GarchLikelihood data, Garch11 theta, int horizon, McConfig config) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (config.antithetic()) {
            throw new IllegalArgumentException("antithetic variates do not apply to GARCH variance paths");
        }
        Sensitivities start = GarchForecast.forecast(data, theta, 1).get(0);
        double h1 = start.value();
        double[] dh1 = start.delta();
        int width = 3 * horizon * (1 + G);
        long paths = config.paths();
        int blocks = (int) ((paths + BLOCK - 1) / BLOCK);
        List<SampleStatistics> parts = BlockTasks.run(RandomStreams.of(config.seed()), blocks, config.threads(),
                (rng, b) -> {
                    int size = (int) Math.min(BLOCK, paths - (long) b * BLOCK);
                    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
                    SampleStatistics st = new SampleStatistics(width);
                    double[] sample = new double[width];
                    double[] dh = new double[G];
                    double[] dsum = new double[G];
                    for (int n = 0; n < size; n++) {
                        double h = h1;
                        System.arraycopy(dh1, 0, dh, 0, G);
                        Arrays.fill(dsum, 0.0);
                        double sum = 0;
                        for (int k = 0; k < horizon; k++) {
                            double z = normal.sample();
                            double sq = Math.sqrt(h);
                            double e = sq * z;
                            double z2 = z * z;
                            sum += e;
                            int o = 3 * k * (1 + G);
                            sample[o] = h;
                            sample[o + 1 + G] = h * z2;
                            sample[o + 2 + 2 * G] = sum * sum;
                            double de = z / (2 * sq);
                            for (int i = 0; i < G; i++) {
                                dsum[i] += de * dh[i];
                                sample[o + 1 + i] = dh[i];
                                sample[o + 2 + G + i] = z2 * dh[i];
                                sample[o + 3 + 2 * G + i] = 2 * sum * dsum[i];
                            }
                            double e2 = e * e;
                            double c = theta.alpha() * z2 + theta.beta();
                            for (int i = 0; i < G; i++) {
                                dh[i] *= c;
                            }
                            dh[1] += 1;
                            dh[2] += e2;
                            dh[3] += h;
                            h = theta.omega() + theta.alpha() * e2 + theta.beta() * h;
                        }
                        st.add(sample);
                    }
                    return st;
                });
        SampleStatistics total = new SampleStatistics(width);
        parts.forEach(total::merge);
        List<McResult> v = new ArrayList<>();
        List<McResult> s = new ArrayList<>();
        List<McResult> a = new ArrayList<>();
        for (int k = 0; k < horizon; k++) {
            int o = 3 * k * (1 + G);
            v.add(result(total, o, config, "E[h_{T+" + (k + 1) + "}]", theta));
            s.add(result(total, o + 1 + G, config, "E[e^2_{T+" + (k + 1) + "}]", theta));
            a.add(result(total, o + 2 + 2 * G, config, "the " + (k + 1) + "-day aggregate variance", theta));
        }
        return new Forecast(v, s, a);
    }

    private static McResult result(SampleStatistics st, int offset, McConfig config, String statistic, Garch11 theta) {
        double[] g = new double[G];
        double[] ge = new double[G];
        for (int i = 0; i < G; i++) {
            g[i] = st.mean(offset + 1 + i);
            ge[i] = st.standardError(offset + 1 + i);
        }
        for (int i = 0; i <= G; i++) {
            double mean = st.mean(offset + i);
            double se = st.standardError(offset + i);
            if (!Double.isFinite(mean) || !Double.isFinite(se)) {
                String what = i == 0 ? statistic : "the gradient of " + statistic + " with respect to " + GRADIENT[i - 1];
                throw new IllegalArgumentException("the Monte Carlo estimate of " + what + " is " + mean
                        + " with standard error " + se + ": the simulated paths overflow double precision with " + theta.describe());
            }
        }
        return new McResult(Sensitivities.ofValue(st.mean(offset)).withDelta(g),
                Sensitivities.ofValue(st.standardError(offset)).withDelta(ge), config.paths(), config.paths(),
                config.seed(), false);
    }
}
