package dev.sobolev.pricing.garch;

import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Gaussian log-likelihood of GARCH(1,1) with constant mean in the conventions of the FCP benchmark
 * (Fiorentini, Calzolari &amp; Panattoni 1996; McCullough &amp; Renfro 1999; REFERENCES.md §3):
 * eₜ = yₜ − μ, h₀ = e₀² = s²(μ) = (1/T)Σₜ(yₜ − μ)² (with the current μ),
 * hₜ = ω + α·e²ₜ₋₁ + β·hₜ₋₁ for t = 1..T, and logL = −½ Σₜ [ln 2π + ln hₜ + eₜ²/hₜ].
 *
 * <p>Value, exact gradient and exact Hessian are computed in one forward pass that carries ∂hₜ/∂θ and
 * ∂²hₜ/∂θ∂θ alongside hₜ; the Hessian keeps the dependence of h₀ on μ (∂s²/∂μ = −(2/T)Σeₜ, ∂²s²/∂μ² = 2).
 * Per-observation scores ∂lₜ/∂θ are the total derivatives (with the same dependence), whose sum is the
 * gradient. Sums use Neumaier's compensated summation. Immutable and thread-safe; the series is copied.
 */
public final class GarchLikelihood {
    /** Fewest observations accepted (4 parameters plus a handful of degrees of freedom). */
    public static final int MIN_OBSERVATIONS = 10;
    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final int P = Garch11.SIZE;
    private static final int MU = 0;
    private static final int OMEGA = 1;
    private static final int ALPHA = 2;
    private static final int BETA = 3;

    private final double[] y;

    /**
     * @param y the observations y₁..y_T, finite, T ≥ {@value #MIN_OBSERVATIONS}, not all equal
     */
    public GarchLikelihood(double[] y) {
        if (y.length < MIN_OBSERVATIONS) {
            throw new IllegalArgumentException("series must have at least " + MIN_OBSERVATIONS + " observations, got "
                    + y.length);
        }
        for (int t = 0; t < y.length; t++) {
            if (!Double.isFinite(y[t])) {
                throw new IllegalArgumentException("observation " + (t + 1) + " must be finite, got " + y[t]);
            }
        }
        boolean constant = true;
        for (int t = 1; t < y.length && constant; t++) {
            constant = y[t] == y[0];
        }
        if (constant) {
            throw new IllegalArgumentException("series is constant (every observation is " + y[0]
                    + "): GARCH needs a varying series");
        }
        this.y = y.clone();
    }

    /** Number of observations T. */
    public int size() {
        return y.length;
    }

    /** Observation t (1-based, as in the model). */
    public double observation(int t) {
        return y[t - 1];
    }

    /** A copy of the series. */
    public double[] series() {
        return y.clone();
    }

    /** Sample mean of the series (a natural start for μ). */
    public double mean() {
        Sum s = new Sum();
        for (double v : y) {
            s.add(v);
        }
        return s.value() / y.length;
    }

    /** h₀ = s²(μ) = (1/T)Σ(yₜ − μ)². */
    public double initialVariance(double mu) {
        Sum s = new Sum();
        for (double v : y) {
            double e = v - mu;
            s.add(e * e);
        }
        return s.value() / y.length;
    }

    /** logL(θ); −∞ when some hₜ ≤ 0 (θ outside the model's domain). */
    public double logLikelihood(Garch11 theta) {
        return evaluate(theta, false, null).value();
    }

    /**
     * Value, gradient and (optionally) Hessian of logL at θ, as a {@link Sensitivities} whose delta is the
     * gradient and whose gamma is the Hessian (index order μ, ω, α, β). Throws if some hₜ ≤ 0.
     */
    public Sensitivities derivatives(Garch11 theta, boolean hessian) {
        return evaluate(theta, hessian, null);
    }

    /**
     * Per-observation scores sₜ = ∂lₜ/∂θ (total derivatives, T×4, row t−1 for observation t); Σₜ sₜ is the
     * gradient. Throws if some hₜ ≤ 0.
     */
    public double[][] scores(Garch11 theta) {
        double[][] out = new double[y.length][P];
        evaluate(theta, false, out);
        return out;
    }

    /** The last conditional variance h_T and last residual e_T at θ: {h_T, e_T}. */
    public double[] lastState(Garch11 theta) {
        double mu = theta.mu();
        double h = initialVariance(mu);
        double ePrev2 = h;
        for (double v : y) {
            h = theta.omega() + theta.alpha() * ePrev2 + theta.beta() * h;
            double e = v - mu;
            ePrev2 = e * e;
        }
        return new double[] {h, y[y.length - 1] - mu};
    }

    /**
     * The last state and its derivatives in θ: h_T, ∂h_T/∂θ (4), e_T (∂e_T/∂μ = −1). Used by forecasts.
     *
     * @return {h_T, ∂h_T/∂μ, ∂h_T/∂ω, ∂h_T/∂α, ∂h_T/∂β, e_T}
     */
    double[] lastStateWithGradient(Garch11 theta) {
        double mu = theta.mu();
        double a = theta.alpha();
        double b = theta.beta();
        int n = y.length;
        Sum sumE = new Sum();
        for (double v : y) {
            sumE.add(v - mu);
        }
        double s2 = initialVariance(mu);
        double ds2 = -2.0 * sumE.value() / n;
        // t = 1: h₁ = ω + (α + β)s²
        double h = theta.omega() + (a + b) * s2;
        double[] dh = {(a + b) * ds2, 1.0, s2, s2};
        for (int t = 1; t < n; t++) {
            double e = y[t - 1] - mu;
            double hPrev = h;
            h = theta.omega() + a * e * e + b * hPrev;
            dh[MU] = -2 * a * e + b * dh[MU];
            dh[OMEGA] = 1 + b * dh[OMEGA];
            dh[ALPHA] = e * e + b * dh[ALPHA];
            dh[BETA] = hPrev + b * dh[BETA];
        }
        return new double[] {h, dh[0], dh[1], dh[2], dh[3], y[n - 1] - mu};
    }

    private Sensitivities evaluate(Garch11 theta, boolean wantHessian, double[][] scores) {
        double mu = theta.mu();
        double omega = theta.omega();
        double a = theta.alpha();
        double b = theta.beta();
        int n = y.length;
        Sum sumE = new Sum();
        for (double v : y) {
            sumE.add(v - mu);
        }
        double s2 = initialVariance(mu);
        double ds2 = -2.0 * sumE.value() / n;
        // state for t = 1: h₁ = ω + (α+β)s²(μ)
        double h = omega + (a + b) * s2;
        double[] dh = {(a + b) * ds2, 1.0, s2, s2};
        double[][] d2h = new double[P][P];
        d2h[MU][MU] = 2.0 * (a + b);
        d2h[MU][ALPHA] = ds2;
        d2h[ALPHA][MU] = ds2;
        d2h[MU][BETA] = ds2;
        d2h[BETA][MU] = ds2;
        Sum value = new Sum();
        Sum[] grad = {new Sum(), new Sum(), new Sum(), new Sum()};
        Sum[][] hess = wantHessian ? new Sum[P][P] : null;
        if (hess != null) {
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < P; j++) {
                    hess[i][j] = new Sum();
                }
            }
        }
        double[] dhPrev = new double[P];
        double[][] d2hPrev = new double[P][P];
        for (int t = 1; t <= n; t++) {
            if (t > 1) {
                double ePrev = y[t - 2] - mu;
                double hPrev = h;
                System.arraycopy(dh, 0, dhPrev, 0, P);
                h = omega + a * ePrev * ePrev + b * hPrev;
                // ∂hₜ = ∂ω + e²ₜ₋₁∂α + α∂e²ₜ₋₁ + hₜ₋₁∂β + β∂hₜ₋₁, with ∂e²/∂μ = −2e
                dh[MU] = -2 * a * ePrev + b * dhPrev[MU];
                dh[OMEGA] = 1 + b * dhPrev[OMEGA];
                dh[ALPHA] = ePrev * ePrev + b * dhPrev[ALPHA];
                dh[BETA] = hPrev + b * dhPrev[BETA];
                if (hess != null) {
                    for (int i = 0; i < P; i++) {
                        System.arraycopy(d2h[i], 0, d2hPrev[i], 0, P);
                    }
                    for (int i = 0; i < P; i++) {
                        for (int j = 0; j < P; j++) {
                            d2h[i][j] = b * d2hPrev[i][j];
                        }
                    }
                    d2h[MU][MU] += 2 * a;
                    d2h[MU][ALPHA] += -2 * ePrev;
                    d2h[ALPHA][MU] += -2 * ePrev;
                    for (int i = 0; i < P; i++) {
                        d2h[i][BETA] += dhPrev[i];
                        d2h[BETA][i] += dhPrev[i];
                    }
                }
            }
            if (!(h > 0) || !Double.isFinite(h)) {
                if (scores == null && hess == null) {
                    return Sensitivities.ofValue(Double.NEGATIVE_INFINITY);
                }
                throw new IllegalArgumentException("conditional variance h_" + t + " = " + h + " is not positive at "
                        + theta);
            }
            double e = y[t - 1] - mu;
            double e2h = e * e / h;
            value.add(-0.5 * (LN_2PI + Math.log(h) + e2h));
            // lₜ = −½[ln h + e²/h]; ∂lₜ = −½[(1/h − e²/h²)∂h + (2e/h)∂e], ∂e = −1 for μ
            double c = (1 - e2h) / h;
            double[] g = new double[P];
            for (int i = 0; i < P; i++) {
                g[i] = -0.5 * c * dh[i];
            }
            g[MU] += e / h;
            for (int i = 0; i < P; i++) {
                grad[i].add(g[i]);
            }
            if (scores != null) {
                System.arraycopy(g, 0, scores[t - 1], 0, P);
            }
            if (hess != null) {
                // ∂²lₜ = −½[(−1/h² + 2e²/h³)∂ᵢh∂ⱼh + c∂ᵢⱼh − (2e/h²)(∂ᵢh∂ⱼe + ∂ⱼh∂ᵢe) + (2/h)∂ᵢe∂ⱼe]
                double q = (-1 + 2 * e2h) / (h * h);
                double r = 2 * e / (h * h);
                for (int i = 0; i < P; i++) {
                    for (int j = 0; j < P; j++) {
                        double v = q * dh[i] * dh[j] + c * d2h[i][j];
                        if (i == MU) {
                            v += r * dh[j];
                        }
                        if (j == MU) {
                            v += r * dh[i];
                        }
                        if (i == MU && j == MU) {
                            v += 2 / h;
                        }
                        hess[i][j].add(-0.5 * v);
                    }
                }
            }
        }
        double[] gradient = new double[P];
        for (int i = 0; i < P; i++) {
            gradient[i] = grad[i].value();
        }
        Sensitivities out = Sensitivities.ofValue(value.value()).withDelta(gradient);
        if (hess != null) {
            double[][] hm = new double[P][P];
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < P; j++) {
                    hm[i][j] = 0.5 * (hess[i][j].value() + hess[j][i].value()); // exact symmetry despite rounding
                }
            }
            out = out.withGamma(hm);
        }
        return out;
    }

    /** Neumaier's compensated sum. */
    static final class Sum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
