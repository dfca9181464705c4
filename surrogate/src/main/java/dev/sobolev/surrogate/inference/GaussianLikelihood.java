package dev.sobolev.surrogate.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;

/**
 * The Gaussian likelihood of McDonagh &amp; Chen's eq. 9 (after Chen &amp; Hobson 2019) of n observed vectors
 * d₁..dₙ ∈ ℝᴹ given θ, with one noise variance σ² for every output:
 * log L(θ) = −(nM/2)·log(2πσ²) − (1/2σ²)·Σᵢ Σₘ (dᵢₘ − yₘ(θ))², where y = s(θ) is the model (the simulator or a
 * surrogate of it). With the mean observation d̄ the sum splits into a constant scatter W = Σᵢ Σₘ (dᵢₘ − d̄ₘ)² and
 * n·Σₘ (d̄ₘ − yₘ(θ))², so every evaluation costs one model call:
 * <ul>
 *   <li>∇ log L = (n/σ²) Σₘ (d̄ₘ − yₘ) ∇yₘ,</li>
 *   <li>−∇² log L = (n/σ²) Σₘ [∇yₘ ∇yₘᵀ − (d̄ₘ − yₘ) ∇²yₘ] (the observed information, symmetrised so that a model
 *   whose Hessians are symmetric only up to rounding still gives a symmetric matrix).</li>
 * </ul>
 * Immutable and thread-safe when the model is.
 */
public final class GaussianLikelihood {
    private final ParametricModel model;
    private final int count;
    private final double variance;
    /** d̄ₘ. */
    private final double[] mean;
    /** (nM/2)·log(2πσ²) + W/(2σ²): −log L at a model that reproduces d̄ exactly. */
    private final double offset;

    /**
     * @param model         the model y = s(θ)
     * @param observations  n ≥ 1 observed vectors of the model's M outputs, finite (copied)
     * @param noiseVariance σ² &gt; 0, the variance of the observation noise of each output
     * @throws InvalidParameterException naming {@code observations} when there are none, {@code observations[i]}
     *                                   when a vector has the wrong length or a non-finite value, and
     *                                   {@code noiseVariance} when it is not finite and &gt; 0
     */
    public GaussianLikelihood(ParametricModel model, double[][] observations, double noiseVariance) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(observations, "observations");
        int m = model.outputs();
        if (observations.length == 0) {
            throw new InvalidParameterException("observations", "must hold at least one vector of " + m
                    + " outputs, got none");
        }
        for (int i = 0; i < observations.length; i++) {
            double[] d = observations[i];
            if (d == null || d.length != m) {
                throw new InvalidParameterException("observations[" + i + "]", "must hold the model's " + m
                        + " outputs, got " + (d == null ? "null" : d.length + " values"));
            }
            for (int k = 0; k < m; k++) {
                if (!Double.isFinite(d[k])) {
                    throw new InvalidParameterException("observations[" + i + "]", "must be finite, got " + d[k]
                            + " at output " + k);
                }
            }
        }
        if (!(noiseVariance > 0) || !Double.isFinite(noiseVariance)) {
            throw new InvalidParameterException("noiseVariance", "must be finite and > 0, got " + noiseVariance);
        }
        this.count = observations.length;
        this.variance = noiseVariance;
        this.mean = new double[m];
        for (double[] d : observations) {
            for (int k = 0; k < m; k++) {
                mean[k] += d[k];
            }
        }
        for (int k = 0; k < m; k++) {
            mean[k] /= count;
        }
        double scatter = 0;
        for (double[] d : observations) {
            for (int k = 0; k < m; k++) {
                double e = d[k] - mean[k];
                scatter += e * e;
            }
        }
        this.offset = 0.5 * count * m * Math.log(2 * Math.PI * noiseVariance) + scatter / (2 * noiseVariance);
    }

    /** @return the model */
    public ParametricModel model() {
        return model;
    }

    /** @return the number of observed vectors n */
    public int observations() {
        return count;
    }

    /** @return the noise variance σ² */
    public double noiseVariance() {
        return variance;
    }

    /** @return the number of latent parameters J */
    public int parameters() {
        return model.parameters();
    }

    /**
     * log L(θ).
     *
     * @param theta J finite parameters
     * @return the log-likelihood
     * @throws InvalidParameterException naming {@code theta} when it is not J finite numbers
     */
    public double logLikelihood(double[] theta) {
        check(theta);
        double[] y = new double[model.outputs()];
        model.evaluate(theta, y, null);
        return -offset - count * squaredMisfit(y) / (2 * variance);
    }

    /**
     * log L(θ) with its gradient and the observed information.
     *
     * @param theta J finite parameters
     * @return value, gradient and −∇² log L
     * @throws InvalidParameterException naming {@code theta} when it is not J finite numbers
     */
    public LikelihoodPoint at(double[] theta) {
        check(theta);
        int m = model.outputs();
        int p = model.parameters();
        double[] y = new double[m];
        double[] jac = new double[m * p];
        double[] h = new double[p * p];
        model.evaluate(theta, y, jac);
        double[] grad = new double[p];
        double[] info = new double[p * p];
        for (int k = 0; k < m; k++) {
            double r = mean[k] - y[k];
            model.hessian(theta, k, h);
            for (int a = 0; a < p; a++) {
                grad[a] += r * jac[k * p + a];
                for (int b = 0; b < p; b++) {
                    info[a * p + b] += jac[k * p + a] * jac[k * p + b] - r * h[a * p + b];
                }
            }
        }
        double factor = count / variance;
        List<Double> gradient = new ArrayList<>(p);
        List<List<Double>> information = new ArrayList<>(p);
        for (int a = 0; a < p; a++) {
            gradient.add(factor * grad[a]);
            List<Double> row = new ArrayList<>(p);
            for (int b = 0; b < p; b++) {
                row.add(factor * 0.5 * (info[a * p + b] + info[b * p + a]));
            }
            information.add(row);
        }
        return new LikelihoodPoint(-offset - count * squaredMisfit(y) / (2 * variance), gradient, information);
    }

    /**
     * log L on the grid θ_first ∈ xs, θ_second ∈ ys, the other parameters at {@code through}: the whole surface
     * when J = 2.
     *
     * @param through J finite parameters (the components {@code first} and {@code second} are replaced)
     * @param first   the parameter along x
     * @param xs      its grid values, at least one, finite
     * @param second  the parameter along y, another than {@code first}
     * @param ys      its grid values, at least one, finite
     * @return the surface, log L(x[j], y[i]) in row i
     * @throws InvalidParameterException naming {@code theta}, {@code first}, {@code second}, {@code xs} or
     *                                   {@code ys} when outside their domains
     */
    public LikelihoodSurface surface(double[] through, int first, double[] xs, int second, double[] ys) {
        check(through);
        int p = model.parameters();
        if (first < 0 || first >= p) {
            throw new InvalidParameterException("first", "must be in [0, " + p + "), got " + first);
        }
        if (second < 0 || second >= p || second == first) {
            throw new InvalidParameterException("second", "must be in [0, " + p + ") and not " + first + ", got "
                    + second);
        }
        checkGrid("xs", xs);
        checkGrid("ys", ys);
        double[] theta = through.clone();
        List<List<Double>> z = new ArrayList<>(ys.length);
        for (double v : ys) {
            theta[second] = v;
            List<Double> row = new ArrayList<>(xs.length);
            for (double u : xs) {
                theta[first] = u;
                row.add(logLikelihood(theta));
            }
            z.add(row);
        }
        return new LikelihoodSurface(first, second, Arrays.stream(xs).boxed().toList(),
                Arrays.stream(ys).boxed().toList(), z);
    }

    /** √n/σ: the weight that turns d̄ − y into the residuals whose half squared norm is −log L up to a constant. */
    double residualWeight() {
        return Math.sqrt(count / variance);
    }

    /** @return a copy of d̄ */
    double[] meanObservation() {
        return mean.clone();
    }

    /** Σₘ (d̄ₘ − yₘ)². */
    private double squaredMisfit(double[] y) {
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            double e = mean[k] - y[k];
            s += e * e;
        }
        return s;
    }

    private void check(double[] theta) {
        int p = model.parameters();
        if (theta == null || theta.length != p) {
            throw new InvalidParameterException("theta", "must hold " + p + " parameters, got "
                    + (theta == null ? "null" : theta.length));
        }
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                throw new InvalidParameterException("theta", "must be finite, got " + Arrays.toString(theta));
            }
        }
    }

    private static void checkGrid(String name, double[] grid) {
        if (grid == null || grid.length == 0) {
            throw new InvalidParameterException(name, "must hold at least one grid value, got none");
        }
        for (double g : grid) {
            if (!Double.isFinite(g)) {
                throw new InvalidParameterException(name, "must be finite, got " + Arrays.toString(grid));
            }
        }
    }
}
