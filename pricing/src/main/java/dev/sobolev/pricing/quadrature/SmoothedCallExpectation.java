package dev.sobolev.pricing.quadrature;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Erf;

import dev.sobolev.pricing.payoff.SmoothedCall;

/**
 * E[f̃⁽ᵏ⁾(X)], k = 0, 1, 2, for the smoothed call f̃(x) = (x−K)σ((x−K)/w) of a normal X ~ N(m, s²): the exact
 * price, delta factor and gamma factor of a smoothed call on a Bachelier basket, to an absolute accuracy
 * below 1e−12 (relative to max(s, 1)).
 *
 * <p>f̃ is analytic in the strip |Im x| &lt; πw around the real axis (poles of the logistic at K ± iπw(2j+1)).
 * In the standardised variable the strip half-width is a = πw/s, and Gauss–Hermite converges like
 * exp(−2a√(2n)). So:
 * <ul>
 *   <li>when a ≥ 1.5 (w ≥ 0.48·s), a 256-node Gauss–Hermite rule is used directly (the tests hold it to 1e−12 of an independent composite Gauss–Legendre reference; at a ≈ 0.8 its error was still 3e−12, hence the high threshold);</li>
 *   <li>when the smoothing is narrow compared with s, Gauss–Hermite would need thousands of nodes, so
 *       f̃ = (x−K)⁺ + g is split into the call, whose moments are the Bachelier closed form, and the localised
 *       correction g = f̃ − (x−K)⁺ (|g| ≤ |x−K|e^{−|x−K|/w}), integrated against the normal density on each
 *       side of K by composite 20-point Gauss–Legendre on panels of width w out to 40w, where the density is
 *       smooth on the panel scale.</li>
 * </ul>
 * The gamma factor needs no split: f̃″ is itself smooth and localised. Both branches are checked against
 * each other and against adaptive integration in the tests.
 */
public final class SmoothedCallExpectation {
    private static final double STRIP_THRESHOLD = 1.5;
    private static final int HERMITE_NODES = 256;
    private static final int PANELS = 40;
    private static final GaussIntegrator LEGENDRE = new GaussIntegratorFactory().legendreHighPrecision(20, 0, 1);
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private SmoothedCallExpectation() {
    }

    /**
     * Moments {E f̃(X), E f̃′(X), E f̃″(X)} for X ~ N(mean, stdDev²).
     *
     * @param payoff smoothed call (strike K, width w)
     * @param mean   mean m of X
     * @param stdDev standard deviation s &gt; 0 of X
     * @return a new array of the three moments
     */
    public static double[] moments(SmoothedCall payoff, double mean, double stdDev) {
        if (!(stdDev > 0) || !Double.isFinite(stdDev)) {
            throw new IllegalArgumentException("standard deviation must be finite and > 0, got " + stdDev);
        }
        double w = payoff.width();
        double m = mean - payoff.strike();
        if (Math.PI * w / stdDev >= STRIP_THRESHOLD) {
            GaussHermite gh = GaussHermite.of(HERMITE_NODES);
            SmoothedCall centred = new SmoothedCall(0.0, w);
            return new double[] {
                gh.expectation(centred::value, m, stdDev),
                gh.expectation(centred::first, m, stdDev),
                gh.expectation(centred::second, m, stdDev)};
        }
        return split(w, m, stdDev);
    }

    private static double[] split(double w, double m, double s) {
        double d = m / s;
        double cdf = 0.5 * Erf.erfc(-d / Math.sqrt(2.0));
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * d * d);
        double callValue = s * (d * cdf + pdf);
        double[] acc = new double[3];
        // correction on x = K + w·t, t in [-40, 0] and [0, 40]; density of X at that point
        for (int side = -1; side <= 1; side += 2) {
            for (int p = 0; p < PANELS; p++) {
                for (int q = 0; q < LEGENDRE.getNumberOfPoints(); q++) {
                    double t = side * (p + LEGENDRE.getPoint(q));
                    double weight = LEGENDRE.getWeight(q) * w;
                    double x = w * t;
                    double z = (x - m) / s;
                    double density = INV_SQRT_2PI * Math.exp(-0.5 * z * z) / s;
                    double at = Math.abs(t);
                    double e = Math.exp(-at);
                    double inv = 1.0 / (1.0 + e);
                    // σ(t) and 1−σ(t) without cancellation
                    double sig = t >= 0 ? inv : e * inv;
                    double oneMinus = t >= 0 ? e * inv : inv;
                    double sp = e * inv * inv;
                    double g0;
                    double g1;
                    if (t >= 0) {
                        g0 = -x * oneMinus;
                        g1 = -oneMinus + t * sp;
                    } else {
                        g0 = x * sig;
                        g1 = sig + t * sp;
                    }
                    double g2 = sp * (2.0 + t * (1.0 - 2.0 * sig)) / w;
                    acc[0] += weight * density * g0;
                    acc[1] += weight * density * g1;
                    acc[2] += weight * density * g2;
                }
            }
        }
        return new double[] {callValue + acc[0], cdf + acc[1], acc[2]};
    }
}
