package dev.sobolev.pricing.bachelier;

import org.apache.commons.math3.special.Erf;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.payoff.Payoff;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.pricing.quadrature.SmoothedCallExpectation;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Exact prices and sensitivities of basket options in the Bachelier model (REFERENCES.md §1). The basket
 * B(T) is normal with mean B₀ and standard deviation s = σ_B√T, so with d = (B₀ − K)/s:
 * <ul>
 *   <li>call: V = s(d·N(d) + φ(d)), ∂V/∂Sᵢ = wᵢN(d), ∂²V/∂Sᵢ∂Sⱼ = wᵢwⱼφ(d)/s, ∂V/∂σ_B = √T·φ(d);</li>
 *   <li>smoothed call f̃: V = E f̃(B), ∂V/∂Sᵢ = wᵢ E f̃′(B), ∂²V/∂Sᵢ∂Sⱼ = wᵢwⱼ E f̃″(B) and, by Stein's lemma,
 *       ∂V/∂σ_B = √T·E[f̃′(B)Z] = √T·s·E f̃″(B); the expectations by {@link SmoothedCallExpectation}.</li>
 * </ul>
 * Stateless; every method is thread-safe.
 */
public final class BachelierFormulas {
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private BachelierFormulas() {
    }

    /**
     * Closed form for a payoff of the basket; defined for {@link Call} and {@link SmoothedCall}.
     *
     * @throws IllegalArgumentException for other payoffs or a basket with zero variance
     */
    public static Sensitivities price(BachelierBasket basket, Payoff payoff) {
        if (payoff instanceof Call c) {
            return call(basket, c.strike());
        }
        if (payoff instanceof SmoothedCall sc) {
            return smoothedCall(basket, sc);
        }
        throw new InvalidParameterException("payoff", "must be a call or a smoothed call for the closed form, got "
                + payoff.describe() + "; price it by Monte Carlo");
    }

    /** Call on the basket struck at {@code strike} (the basket's own strike is ignored). */
    public static Sensitivities call(BachelierBasket basket, double strike) {
        double s = requireStdDev(basket);
        double[] f = new double[3];
        callFactors(basket.basketSpot(), strike, s, f);
        return assemble(basket, f[0], f[1], f[2], Math.sqrt(basket.maturity()) * f[2] * s);
    }

    /**
     * The scalar Bachelier call formula on a normal underlying B ~ N(b, s²): writes the price
     * s(dN(d) + φ(d)), the delta factor N(d) and the gamma factor φ(d)/s, d = (b − K)/s, into
     * {@code out[0..2]}. Allocation-free, for per-row use (exact test-set labels).
     *
     * @param b      mean of the underlying (basket spot)
     * @param strike strike K
     * @param s      standard deviation &gt; 0
     * @param out    array of length ≥ 3
     */
    public static void callFactors(double b, double strike, double s, double[] out) {
        double d = (b - strike) / s;
        double cdf = normalCdf(d);
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * d * d);
        out[0] = s * (d * cdf + pdf);
        out[1] = cdf;
        out[2] = pdf / s;
    }

    /** Smoothed call f̃(x) = (x−K)σ((x−K)/w) on the basket. */
    public static Sensitivities smoothedCall(BachelierBasket basket, SmoothedCall payoff) {
        double s = requireStdDev(basket);
        double[] m = SmoothedCallExpectation.moments(payoff, basket.basketSpot(), s);
        return assemble(basket, m[0], m[1], m[2], Math.sqrt(basket.maturity()) * s * m[2]);
    }

    private static Sensitivities assemble(BachelierBasket basket, double value, double deltaFactor,
                                          double gammaFactor, double vega) {
        int n = basket.dimension();
        double[] delta = new double[n];
        double[][] gamma = new double[n][n];
        for (int i = 0; i < n; i++) {
            double wi = basket.weight(i);
            delta[i] = wi * deltaFactor;
            for (int j = 0; j < n; j++) {
                gamma[i][j] = wi * basket.weight(j) * gammaFactor;
            }
        }
        return Sensitivities.ofValue(value).withDelta(delta).withGamma(gamma).withVega(vega);
    }

    private static double requireStdDev(BachelierBasket basket) {
        double s = basket.basketStdDev();
        if (!(s > 0)) {
            throw new IllegalArgumentException("basket variance T*w'Σw is 0: the basket is deterministic, "
                    + "no option price density; check vols and weights");
        }
        return s;
    }

    /** Standard normal CDF N(x) via erfc (accurate in both tails). */
    public static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2.0));
    }
}
