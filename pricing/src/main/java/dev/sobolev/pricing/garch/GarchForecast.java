package dev.sobolev.pricing.garch;

import java.util.ArrayList;
import java.util.List;

import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Variance forecasts of a fitted GARCH(1,1) and their exact gradients (McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning Model Training", eqs. 12–13):
 * h_{T+1} = ω + α·e_T² + β·h_T and h_{T+k} = ω + (α+β)·h_{T+k−1} for k ≥ 2, i.e. in closed form
 * h_{T+k} = σ² + (α+β)^{k−1}(h_{T+1} − σ²), σ² = ω/(1−α−β) (when α + β &lt; 1).
 *
 * <p>Each forecast is a {@link Sensitivities} whose gradient has five entries: ∂/∂μ, ∂/∂ω, ∂/∂α, ∂/∂β and
 * ∂/∂y_T, the last observation (which enters through e_T and, in the FCP convention, through h₀ = s²(μ):
 * ∂h_T/∂y_T = β^{T−1}(α+β)·2e_T/T). Stateless.
 */
public final class GarchForecast {
    /** Index of ∂/∂y_T in a forecast gradient. */
    public static final int LAST_OBSERVATION = 4;
    /** Names of the five gradient entries, in index order. */
    private static final String[] GRADIENT_NAMES = {"mu", "omega", "alpha", "beta", "y_T"};

    private GarchForecast() {
    }

    /**
     * Forecasts h_{T+1..T+H} with gradients.
     *
     * @param likelihood the data (FCP conventions)
     * @param theta      parameters (a fit's estimate, or given)
     * @param horizon    H ≥ 1
     * @return H forecasts, index k−1 for h_{T+k}
     * @throws IllegalArgumentException if h_T, a forecast or one of its gradient entries overflows double
     *                                  precision (naming the horizon and the quantity)
     */
    public static List<Sensitivities> forecast(GarchLikelihood likelihood, Garch11 theta, int horizon) {
        double[] st = likelihood.lastStateWithGradient(theta);
        double hT = st[0];
        double eT = st[5];
        int n = likelihood.size();
        double dhTdy = Math.pow(theta.beta(), n - 1) * (theta.alpha() + theta.beta()) * 2 * eT / n;
        for (int i = 0; i < 5; i++) {
            if (!Double.isFinite(st[i])) {
                throw new IllegalArgumentException((i == 0 ? "the in-sample conditional variance h_T"
                        : "the gradient of h_T with respect to " + GRADIENT_NAMES[i - 1]) + " is " + st[i]
                        + ": it overflows double precision with " + theta.describe() + " on this series");
            }
        }
        return fromState(theta, eT, hT, new double[] {st[1], st[2], st[3], st[4], dhTdy}, horizon);
    }

    /**
     * Forecasts from a given state: the last residual e_T = y_T − μ and the last conditional variance h_T with
     * its gradient in (μ, ω, α, β, y_T) (zero when h_T is given data rather than a function of θ).
     *
     * @param theta   parameters
     * @param eT      e_T = y_T − μ
     * @param hT      h_T &gt; 0
     * @param dhT     ∂h_T/∂(μ, ω, α, β, y_T), five entries
     * @param horizon H ≥ 1
     * @return H forecasts with gradients in (μ, ω, α, β, y_T)
     * @throws IllegalArgumentException if a forecast or one of its gradient entries is not finite (it overflowed),
     *                                  naming the horizon and the quantity
     */
    public static List<Sensitivities> fromState(Garch11 theta, double eT, double hT, double[] dhT, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        double a = theta.alpha();
        double b = theta.beta();
        double h = theta.omega() + a * eT * eT + b * hT;
        double[] g = {
            -2 * a * eT + b * dhT[0],
            1 + b * dhT[1],
            eT * eT + b * dhT[2],
            hT + b * dhT[3],
            2 * a * eT + b * dhT[4]};
        List<Sensitivities> out = new ArrayList<>(horizon);
        out.add(checked(theta, 1, h, g));
        double p = a + b;
        for (int k = 2; k <= horizon; k++) {
            double hPrev = h;
            h = theta.omega() + p * hPrev;
            g = new double[] {p * g[0], 1 + p * g[1], hPrev + p * g[2], hPrev + p * g[3], p * g[4]};
            out.add(checked(theta, k, h, g));
        }
        return out;
    }

    /** The forecast h_{T+k} with its gradient, refused if some entry overflowed. */
    private static Sensitivities checked(Garch11 theta, int k, double h, double[] g) {
        if (!Double.isFinite(h)) {
            throw new IllegalArgumentException("the variance forecast h_{T+" + k + "} is " + h
                    + ": it overflows double precision with " + theta.describe());
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException("the gradient of the variance forecast h_{T+" + k + "} with respect to "
                        + GRADIENT_NAMES[i] + " is " + g[i] + ": it overflows double precision with " + theta.describe());
            }
        }
        return Sensitivities.ofValue(h).withDelta(g);
    }

    /**
     * The closed form h_{T+k} = σ² + (α+β)^{k−1}(h_{T+1} − σ²).
     *
     * @param theta stationary parameters
     * @param next  h_{T+1}
     * @param k     horizon ≥ 1
     */
    public static double closedForm(Garch11 theta, double next, int k) {
        double s2 = theta.unconditionalVariance();
        return s2 + Math.pow(theta.alpha() + theta.beta(), k - 1) * (next - s2);
    }
}
