package dev.sobolev.pricing.garch;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Maximum-likelihood fitter of GARCH(1,1) with constant mean in the FCP conventions ({@link GarchLikelihood}).
 *
 * <p>Start: μ = sample mean, and (α, β) the best of a small grid with variance targeting
 * ω = s²(1 − α − β); no user-supplied start is needed. Then Newton's method on the exact Hessian, made safe
 * by a Levenberg–Marquardt shift (−H + λ·diag(−H)) whenever −H is not positive definite (Commons Math
 * Cholesky), and a backtracking line search that keeps every iterate strictly feasible (ω &gt; 0, α, β ≥ 0,
 * α + β &lt; 1) and never lowers the likelihood by more than its rounding (a plain Newton step whose predicted
 * gain is within 64 ulps of logL is taken in full). Near the optimum the plain Newton step converges
 * quadratically. Convergence: the Newton step changes no parameter by more than 1e−12 of its scale and the
 * Newton decrement gᵀ(−H)⁻¹g is below 1e−20. The last step, with a decrement below 1e−20, keeps the
 * Hessian and evaluates value, gradient and the outer product of the scores in one pass.
 *
 * <p>Cost per fit: the start grid (up to 16 value passes) and one pass with the Hessian per Newton
 * iteration; one logarithm per 16 observations and no allocation per observation ({@link GarchLikelihood}).
 *
 * <p>At the boundary: if the likelihood keeps increasing towards α = 0, β = 0 or α + β = 1, the iterates
 * approach it but never reach it; the fit then reports {@code converged = false} with the boundary named in
 * the message rather than numbers presented as an interior optimum.
 *
 * <p>Standard errors (Bollerslev &amp; Wooldridge 1992; FCP 1996): Hessian √diag((−H)⁻¹), OPG
 * √diag((Σₜ sₜsₜᵀ)⁻¹), sandwich √diag(H⁻¹·OPG·H⁻¹). Stateless and thread-safe.
 */
public final class GarchFitter {
    /** Iteration limit. */
    public static final int MAX_ITERATIONS = 200;

    private GarchFitter() {
    }

    /** Fits the model to the likelihood's series. */
    public static GarchFit fit(GarchLikelihood likelihood) {
        double[] theta = start(likelihood);
        int it = 0;
        String message = "iteration limit " + MAX_ITERATIONS + " reached";
        boolean converged = false;
        Sensitivities s = likelihood.derivatives(Garch11.of(theta), true);
        double[][] hessian = s.gamma();
        double[][] opg = null; // Σ sₜsₜᵀ at θ when the last pass computed it
        for (; it < MAX_ITERATIONS; it++) {
            double[] g = s.delta();
            RealMatrix negH = new Array2DRowRealMatrix(hessian).scalarMultiply(-1);
            double[] step = newtonStep(negH, g);
            boolean plain = step != null;
            if (!plain) {
                step = shiftedStep(negH, g);
            }
            if (!allFinite(step)) {
                message = "the Newton step is not finite (the likelihood's derivatives overflowed)";
                break;
            }
            double decrement = dot(g, step);
            if (plain && decrement < 1e-20 && smallStep(step, theta)) {
                converged = true;
                message = "converged";
                break;
            }
            if (plain && decrement < 1e-20 && opg == null && finalStep(theta, step)) {
                // Quadratic phase: the step raises logL by decrement/2, far below its rounding, so there is
                // nothing for a line search to check, and the Hessian moves by a relative O(step), negligible
                // for the next step's convergence test and for standard errors: one pass for value, gradient
                // and the OPG at the new θ, keeping the Hessian. Only once in a row: if that does not pass the
                // convergence test, the next step is a regular one.
                opg = new double[Garch11.SIZE][Garch11.SIZE];
                s = likelihood.derivativesWithOuterProduct(Garch11.of(theta), opg);
                continue;
            }
            // a plain Newton step whose predicted gain is within the rounding of logL is taken in full: comparing
            // values there would compare rounding errors and halve good steps at random
            boolean belowResolution = plain && decrement < 64 * Math.ulp(s.value());
            Sensitivities next = lineSearch(likelihood, theta, step, s.value(), belowResolution);
            if (next == null) {
                message = plain ? "converged to rounding (no ascent along the Newton step)" : "line search failed";
                converged = plain && decrement < 1e-14;
                break;
            }
            s = next;
            hessian = s.gamma();
            opg = null;
        }
        Garch11 est = Garch11.of(theta);
        String boundary = nearBoundary(est);
        if (boundary != null) {
            converged = false;
            message = "estimate at the boundary of the parameter space (" + boundary + ")";
        }
        if (opg == null) {
            opg = new double[Garch11.SIZE][Garch11.SIZE];
            s = likelihood.derivativesWithOuterProduct(est, opg);
        }
        if (converged && !(Double.isFinite(s.value()) && allFinite(s.delta()))) {
            converged = false;
            message = "log-likelihood or gradient not finite at the estimate (logL " + s.value() + ")";
        }
        return withStandardErrors(est, s, hessian, opg, it, converged, message);
    }

    /** Moves θ by the full step in place if that keeps it feasible; whether it did. */
    private static boolean finalStep(double[] theta, double[] step) {
        double[] next = theta.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += step[i];
        }
        if (!Garch11.of(next).isStationary()) {
            return false;
        }
        System.arraycopy(next, 0, theta, 0, theta.length);
        return true;
    }

    private static double[] start(GarchLikelihood l) {
        double mu = l.mean();
        double s2 = l.initialVariance(mu);
        double best = Double.NEGATIVE_INFINITY;
        double[] arg = null;
        for (double a : new double[] {0.02, 0.05, 0.1, 0.2}) {
            for (double b : new double[] {0.5, 0.7, 0.8, 0.9}) {
                if (a + b >= 0.98) {
                    continue;
                }
                double[] t = {mu, s2 * (1 - a - b), a, b};
                double v = l.logLikelihood(Garch11.of(t));
                if (v > best) {
                    best = v;
                    arg = t;
                }
            }
        }
        if (arg == null) {
            throw new IllegalArgumentException("the log-likelihood is not finite at any start value (sample mean "
                    + mu + ", variance " + s2 + ")");
        }
        return arg;
    }

    private static double[] newtonStep(RealMatrix negH, double[] g) {
        try {
            return new CholeskyDecomposition(negH, 1e-15, 1e-300).getSolver().solve(new ArrayRealVector(g)).toArray();
        } catch (NonPositiveDefiniteMatrixException e) {
            return null;
        }
    }

    private static double[] shiftedStep(RealMatrix negH, double[] g) {
        double lambda = 1e-4;
        while (true) {
            RealMatrix m = negH.copy();
            for (int i = 0; i < g.length; i++) {
                m.addToEntry(i, i, lambda * Math.max(Math.abs(negH.getEntry(i, i)), 1e-12));
            }
            try {
                return new CholeskyDecomposition(m, 1e-15, 1e-300).getSolver().solve(new ArrayRealVector(g)).toArray();
            } catch (NonPositiveDefiniteMatrixException e) {
                lambda *= 10;
                if (lambda > 1e12) {
                    // gradient ascent with a tiny step as the last resort
                    double[] d = g.clone();
                    for (int i = 0; i < d.length; i++) {
                        d[i] /= Math.max(Math.abs(negH.getEntry(i, i)), 1e-12) * lambda;
                    }
                    return d;
                }
            }
        }
    }

    /**
     * Backtracking θ + t·step, t = 1, ½, ¼, …: the first feasible point that does not lower logL replaces θ (in
     * place) and its value, gradient and Hessian are returned; null if no step moves θ. With {@code full}, the
     * full step is accepted without comparing values if it is feasible. The full step, accepted almost always,
     * is tried with the derivatives the next iteration needs, so it costs one pass, not two.
     */
    private static Sensitivities lineSearch(GarchLikelihood l, double[] theta, double[] step, double value,
                                            boolean full) {
        double t = 1.0;
        double[] cand = new double[theta.length];
        for (int k = 0; k < 80; k++, t *= 0.5) {
            boolean moved = false;
            for (int i = 0; i < theta.length; i++) {
                cand[i] = theta[i] + t * step[i];
                moved |= cand[i] != theta[i];
            }
            if (!moved || !allFinite(cand)) {
                return null;
            }
            Garch11 c = Garch11.of(cand);
            if (!c.isStationary()) {
                continue;
            }
            Sensitivities s = null;
            if (k == 0) {
                s = l.derivatives(c, true);
            } else if (l.logLikelihood(c) >= value) {
                s = l.derivatives(c, true);
            }
            if (s != null && (full || s.value() >= value)) {
                System.arraycopy(cand, 0, theta, 0, theta.length);
                return s;
            }
        }
        return null;
    }

    private static boolean smallStep(double[] step, double[] theta) {
        for (int i = 0; i < step.length; i++) {
            if (Math.abs(step[i]) > 1e-12 * Math.max(Math.abs(theta[i]), 1e-3)) {
                return false;
            }
        }
        return true;
    }

    private static String nearBoundary(Garch11 p) {
        if (p.alpha() < 1e-8) {
            return "alpha -> 0";
        }
        if (p.beta() < 1e-8) {
            return "beta -> 0";
        }
        if (1 - p.alpha() - p.beta() < 1e-8) {
            return "alpha + beta -> 1";
        }
        return null;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static GarchFit withStandardErrors(Garch11 est, Sensitivities s, double[][] hessian, double[][] outer,
                                               int iterations, boolean converged, String message) {
        double gradNorm = 0;
        for (double v : s.delta()) {
            gradNorm = Math.max(gradNorm, Math.abs(v));
        }
        RealMatrix negH = new Array2DRowRealMatrix(hessian).scalarMultiply(-1);
        RealMatrix opg = new Array2DRowRealMatrix(outer, false);
        RealMatrix hInv = inverse(negH);
        RealMatrix opgInv = inverse(opg);
        RealMatrix sandwich = hInv == null ? null : hInv.multiply(opg).multiply(hInv);
        return new GarchFit(est, s.value(), diagSqrt(hInv), diagSqrt(opgInv), diagSqrt(sandwich), iterations, gradNorm,
                converged, message);
    }

    private static RealMatrix inverse(RealMatrix m) {
        LUDecomposition lu = new LUDecomposition(m, 1e-300);
        return lu.getSolver().isNonSingular() ? lu.getSolver().getInverse() : null;
    }

    private static List<Double> diagSqrt(RealMatrix m) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Garch11.SIZE; i++) {
            double v = m == null ? Double.NaN : m.getEntry(i, i);
            out.add(v >= 0 ? Math.sqrt(v) : Double.NaN);
        }
        return out;
    }
}
