package dev.sobolev.pricing.garch;

import java.util.Locale;

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
 * gradient. Value and gradient are summed plainly within blocks of 16 observations and the block sums
 * compensated (Neumaier): the error is at most 16 ulps of each block's absolute sum (on DEM/GBP, logL is the
 * same to 17 digits as with per-observation compensation). Σ ln hₜ takes one logarithm per block (of the
 * product of its hₜ). The Hessian, which steers Newton's method and gives standard errors, uses plain sums.
 * A pass allocates nothing per observation. Immutable and thread-safe; the series is copied.
 */
public final class GarchLikelihood {
    /** Fewest observations accepted (4 parameters plus a handful of degrees of freedom). */
    public static final int MIN_OBSERVATIONS = 10;
    /**
     * Smallest sample variance accepted. The ω entries of the Hessian and of the outer product of the scores grow
     * like T/h² with hₜ ≈ s², and overflow double precision for small enough s² (a fit of the DEM/GBP series
     * times 1e−60, variance 2e−121, converges; times 1e−80, variance 2e−161, does not): 1e−100 keeps a margin.
     */
    public static final double MIN_VARIANCE = 1e-100;
    /**
     * Largest sample variance accepted: products of two conditional variances in the Hessian overflow above about
     * 1e150 (the DEM/GBP series times 1e60, variance 2e119, converges; times 1e80 it does not).
     */
    public static final double MAX_VARIANCE = 1e100;
    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final int P = Garch11.SIZE;
    private static final int MU = 0;
    private static final int OMEGA = 1;
    private static final int ALPHA = 2;
    private static final int BETA = 3;
    /**
     * Observations per block. Within a block, terms are summed plainly (at most 16 roundings each, relative
     * error under 16·2⁻⁵³ of the block's absolute sum) and the hₜ are multiplied, so that one logarithm serves
     * the block; block sums enter Neumaier compensated sums.
     */
    private static final int BLOCK = 16;
    /** hₜ in [2⁻⁶⁰, 2⁶⁰] go into a block's product, which then cannot overflow or underflow; others get their own log. */
    private static final double PRODUCT_MIN = 0x1p-60;
    private static final double PRODUCT_MAX = 0x1p60;

    private final double[] y;
    /** ȳ, the sample mean. */
    private final double mean;
    /** (1/T)Σ(yₜ − ȳ)², so that s²(μ) = (1/T)Σ(yₜ − μ)² = this + (ȳ − μ)², without cancellation. */
    private final double variance;

    /**
     * @param y the observations y₁..y_T, finite, T ≥ {@value #MIN_OBSERVATIONS}, not all equal, with a sample
     *          variance in [{@value #MIN_VARIANCE}, {@value #MAX_VARIANCE}]
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
        Sum sum = new Sum();
        for (double v : y) {
            sum.add(v);
        }
        this.mean = sum.value() / y.length;
        Sum squares = new Sum();
        for (double v : y) {
            double d = v - mean;
            squares.add(d * d);
        }
        this.variance = squares.value() / y.length;
        if (!(variance >= MIN_VARIANCE && variance <= MAX_VARIANCE)) {
            double largest = 0;
            for (double v : y) {
                largest = Math.max(largest, Math.abs(v));
            }
            String what = Double.isFinite(variance)
                    ? "sample variance " + String.format(Locale.ROOT, "%.2g", variance) + " is too "
                            + (variance > MAX_VARIANCE ? "large" : "small")
                    : "sample variance overflows (values up to " + String.format(Locale.ROOT, "%.2g", largest) + ")";
            // the variance scales with the square of a factor, the values with the factor
            long exponent = Double.isFinite(variance) ? -Math.round(Math.log10(variance) / 2)
                    : -Math.round(Math.log10(largest));
            throw new IllegalArgumentException("the series' " + what + " for the likelihood's derivatives in double "
                    + "precision (allowed: 1e-100 to 1e100); rescale the series, e.g. by 1e" + exponent);
        }
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
        return mean;
    }

    /** h₀ = s²(μ) = (1/T)Σ(yₜ − μ)², in O(1) as (1/T)Σ(yₜ − ȳ)² + (ȳ − μ)². */
    public double initialVariance(double mu) {
        double d = mean - mu;
        return variance + d * d;
    }

    /** logL(θ); −∞ when some hₜ ≤ 0 (θ outside the model's domain). */
    public double logLikelihood(Garch11 theta) {
        double mu = theta.mu();
        double omega = theta.omega();
        double a = theta.alpha();
        double b = theta.beta();
        double h = omega + (a + b) * initialVariance(mu);
        int n = y.length;
        Sum value = new Sum(); // Σₜ [ln hₜ + eₜ²/hₜ], block by block
        // the same operations in the same order as evaluate(), so both give bit-identical values
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            double product = 1;
            double part = 0;
            for (int t = start; t < end; t++) {
                if (!(h > 0) || !Double.isFinite(h)) {
                    return Double.NEGATIVE_INFINITY;
                }
                double e = y[t] - mu;
                double e2 = e * e;
                if (h >= PRODUCT_MIN && h <= PRODUCT_MAX) {
                    product *= h;
                } else {
                    part += Math.log(h);
                }
                part += e2 * (1 / h);
                h = omega + a * e2 + b * h;
            }
            value.add(Math.log(product) + part);
        }
        return -0.5 * (n * LN_2PI + value.value());
    }

    /**
     * Value, gradient and (optionally) Hessian of logL at θ, as a {@link Sensitivities} whose delta is the
     * gradient and whose gamma is the Hessian (index order μ, ω, α, β). Throws if some hₜ ≤ 0.
     */
    public Sensitivities derivatives(Garch11 theta, boolean hessian) {
        return evaluate(theta, hessian, null, null);
    }

    /**
     * Per-observation scores sₜ = ∂lₜ/∂θ (total derivatives, T×4, row t−1 for observation t); Σₜ sₜ is the
     * gradient. Throws if some hₜ ≤ 0.
     */
    public double[][] scores(Garch11 theta) {
        double[][] out = new double[y.length][P];
        evaluate(theta, false, out, null);
        return out;
    }

    /**
     * Value and gradient at θ (no Hessian) and, in the same pass, Σₜ sₜsₜᵀ, the outer product of the scores
     * (BHHH information), added into {@code opg} (4×4). Throws if some hₜ ≤ 0.
     */
    Sensitivities derivativesWithOuterProduct(Garch11 theta, double[][] opg) {
        return evaluate(theta, false, null, opg);
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
     * The conditional variances over the sample at θ: h₁ = ω + (α + β)·s²(μ) and hₜ = ω + α·e²ₜ₋₁ + β·hₜ₋₁
     * (FCP conventions, as in the likelihood), computed as {@link #lastState} does, so the last entry is its h_T.
     *
     * @param theta the parameters
     * @return T variances, index t−1 for hₜ (in the squared units of the series)
     */
    public double[] conditionalVariances(Garch11 theta) {
        double mu = theta.mu();
        double[] h = new double[y.length];
        double hPrev = initialVariance(mu);
        double ePrev2 = hPrev;
        for (int t = 0; t < y.length; t++) {
            hPrev = theta.omega() + theta.alpha() * ePrev2 + theta.beta() * hPrev;
            h[t] = hPrev;
            double e = y[t] - mu;
            ePrev2 = e * e;
        }
        return h;
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
        double s2 = initialVariance(mu);
        double ds2 = -2.0 * (mean - mu); // ∂s²/∂μ = −(2/T)Σeₜ
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

    /**
     * One forward pass at θ carrying hₜ, ∂hₜ/∂θ and (for the Hessian) the six entries of ∂²hₜ/∂θ∂θ that are not
     * identically zero (∂²h/∂ω∂μ, ∂²h/∂ω², ∂²h/∂ω∂α and ∂²h/∂α² vanish for every t). Value and gradient are
     * block-compensated sums (see {@link #BLOCK}); the Hessian, which only steers Newton and gives standard
     * errors, is summed plainly. Nothing is allocated per observation.
     *
     * @param scores if non-null, receives sₜ in row t−1
     * @param opg    if non-null (4×4, zero), receives Σₜ sₜsₜᵀ
     */
    private Sensitivities evaluate(Garch11 theta, boolean hessian, double[][] scores, double[][] opg) {
        double mu = theta.mu();
        double omega = theta.omega();
        double a = theta.alpha();
        double b = theta.beta();
        int n = y.length;
        double s2 = initialVariance(mu);
        double ds2 = -2.0 * (mean - mu); // ∂s²/∂μ = −(2/T)Σeₜ
        // t = 1: h₁ = ω + (α+β)s²(μ), with ∂s²/∂μ = ds2 and ∂²s²/∂μ² = 2
        double h = omega + (a + b) * s2;
        double dM = (a + b) * ds2;
        double dO = 1;
        double dA = s2;
        double dB = s2;
        double dMM = 2 * (a + b);
        double dMA = ds2;
        double dMB = ds2;
        double dOB = 0;
        double dAB = 0;
        double dBB = 0;
        Sum value = new Sum();
        Sum gM = new Sum();
        Sum gO = new Sum();
        Sum gA = new Sum();
        Sum gB = new Sum();
        // Σₜ of the bracket in ∂²lₜ = −½[...] below, upper triangle
        double sMM = 0;
        double sMO = 0;
        double sMA = 0;
        double sMB = 0;
        double sOO = 0;
        double sOA = 0;
        double sOB = 0;
        double sAA = 0;
        double sAB = 0;
        double sBB = 0;
        // Σₜ sₜsₜᵀ, upper triangle
        double oMM = 0;
        double oMO = 0;
        double oMA = 0;
        double oMB = 0;
        double oOO = 0;
        double oOA = 0;
        double oOB = 0;
        double oAA = 0;
        double oAB = 0;
        double oBB = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            double product = 1;
            double part = 0;
            double pM = 0;
            double pO = 0;
            double pA = 0;
            double pB = 0;
            for (int t = start; t < end; t++) {
                if (!(h > 0) || !Double.isFinite(h)) {
                    throw new IllegalArgumentException("conditional variance h_" + (t + 1) + " = " + h
                            + " is not positive at " + theta);
                }
                double e = y[t] - mu;
                double e2 = e * e;
                double invH = 1 / h; // the one division per observation
                double e2h = e2 * invH;
                if (h >= PRODUCT_MIN && h <= PRODUCT_MAX) {
                    product *= h;
                } else {
                    part += Math.log(h);
                }
                part += e2h;
                // lₜ = −½[ln 2π + ln h + e²/h]; ∂lₜ = −½[(1/h − e²/h²)∂h + (2e/h)∂e], ∂e = −1 for μ
                double c = (1 - e2h) * invH;
                double sM = -0.5 * c * dM + e * invH;
                double sO = -0.5 * c * dO;
                double sA = -0.5 * c * dA;
                double sB = -0.5 * c * dB;
                pM += sM;
                pO += sO;
                pA += sA;
                pB += sB;
                if (scores != null) {
                    double[] row = scores[t];
                    row[MU] = sM;
                    row[OMEGA] = sO;
                    row[ALPHA] = sA;
                    row[BETA] = sB;
                }
                if (opg != null) {
                    oMM += sM * sM;
                    oMO += sM * sO;
                    oMA += sM * sA;
                    oMB += sM * sB;
                    oOO += sO * sO;
                    oOA += sO * sA;
                    oOB += sO * sB;
                    oAA += sA * sA;
                    oAB += sA * sB;
                    oBB += sB * sB;
                }
                if (hessian) {
                    // ∂²lₜ = −½[(−1/h² + 2e²/h³)∂ᵢh∂ⱼh + c∂ᵢⱼh − (2e/h²)(∂ᵢh∂ⱼe + ∂ⱼh∂ᵢe) + (2/h)∂ᵢe∂ⱼe]
                    double invH2 = invH * invH;
                    double q = (-1 + 2 * e2h) * invH2;
                    double r = 2 * e * invH2;
                    sMM += q * dM * dM + c * dMM + 2 * r * dM + 2 * invH;
                    sMO += q * dM * dO + r * dO;
                    sMA += q * dM * dA + c * dMA + r * dA;
                    sMB += q * dM * dB + c * dMB + r * dB;
                    sOO += q * dO * dO;
                    sOA += q * dO * dA;
                    sOB += q * dO * dB + c * dOB;
                    sAA += q * dA * dA;
                    sAB += q * dA * dB + c * dAB;
                    sBB += q * dB * dB + c * dBB;
                    // ∂²hₜ₊₁ = β∂²hₜ + 2α∂μ∂μ − 2eₜ∂μ∂α + (∂ᵢhₜ∂ⱼβ + ∂ⱼhₜ∂ᵢβ), before ∂hₜ is overwritten
                    dMM = b * dMM + 2 * a;
                    dMA = b * dMA - 2 * e;
                    dMB = b * dMB + dM;
                    dOB = b * dOB + dO;
                    dAB = b * dAB + dA;
                    dBB = b * dBB + 2 * dB;
                }
                // ∂hₜ₊₁ = ∂ω + e²ₜ∂α + α∂e²ₜ + hₜ∂β + β∂hₜ, with ∂e²/∂μ = −2e
                dM = -2 * a * e + b * dM;
                dO = 1 + b * dO;
                dA = e2 + b * dA;
                dB = h + b * dB;
                h = omega + a * e2 + b * h;
            }
            value.add(Math.log(product) + part);
            gM.add(pM);
            gO.add(pO);
            gA.add(pA);
            gB.add(pB);
        }
        Sensitivities out = Sensitivities.ofValue(-0.5 * (n * LN_2PI + value.value()))
                .withDelta(new double[] {gM.value(), gO.value(), gA.value(), gB.value()});
        if (opg != null) {
            double[][] o = {{oMM, oMO, oMA, oMB}, {oMO, oOO, oOA, oOB}, {oMA, oOA, oAA, oAB}, {oMB, oOB, oAB, oBB}};
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < P; j++) {
                    opg[i][j] += o[i][j];
                }
            }
        }
        if (hessian) {
            out = out.withGamma(new double[][] {
                {-0.5 * sMM, -0.5 * sMO, -0.5 * sMA, -0.5 * sMB},
                {-0.5 * sMO, -0.5 * sOO, -0.5 * sOA, -0.5 * sOB},
                {-0.5 * sMA, -0.5 * sOA, -0.5 * sAA, -0.5 * sAB},
                {-0.5 * sMB, -0.5 * sOB, -0.5 * sAB, -0.5 * sBB}});
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
