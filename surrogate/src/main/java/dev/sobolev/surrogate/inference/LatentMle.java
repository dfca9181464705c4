package dev.sobolev.surrogate.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.math3.util.Pair;

import dev.sobolev.core.InvalidParameterException;

/**
 * Latent-parameter maximum likelihood through a model (McDonagh &amp; Chen §3, eq. 9): θ̂ = argmax log L(θ) over a
 * box. With Gaussian noise of one variance, maximising log L is the nonlinear least-squares problem
 * min ½‖r(θ)‖² with residuals rₘ = (√n/σ)(d̄ₘ − yₘ(θ)) (see {@link GaussianLikelihood}), solved by Commons Math's
 * {@link LevenbergMarquardtOptimizer} with the model's exact Jacobian. The box is kept by projecting every trial
 * point onto it (a {@code ParameterValidator}). The starts are the first points of the Sobol sequence scaled to the
 * box, after its origin: the box's centre first, then points filling it evenly; so a fit is deterministic without
 * a seed. The best start (highest finite log L, the earliest on ties) gives θ̂, where the exact observed
 * information gives the standard errors √diag(I⁻¹) (NaN when θ̂ lies on the box's boundary, where they mean nothing:
 * see {@link MleFit#standardErrors()}); a start whose end has no finite log L (the model undefined
 * there) is passed over, so it cannot hide the others.
 */
public final class LatentMle {
    /** Iterations of one start. */
    static final int MAX_ITERATIONS = 500;
    /** Model evaluations of one start. */
    static final int MAX_EVALUATIONS = 2000;

    private LatentMle() {
    }

    /**
     * Maximises the likelihood.
     *
     * @param likelihood the likelihood of the observations through the model
     * @param box        the search box, of the model's J parameters
     * @param starts     starting points ≥ 1
     * @return θ̂ with its likelihood, derivatives and standard errors
     * @throws InvalidParameterException naming {@code box} when its dimension is not J, {@code starts} when below 1
     * @throws IllegalStateException     if no start ends at a point of finite log L
     */
    public static MleFit fit(GaussianLikelihood likelihood, ParameterBox box, int starts) {
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(box, "box");
        int p = likelihood.parameters();
        if (box.dimension() != p) {
            throw new InvalidParameterException("box", "must bound the model's " + p + " parameters, got "
                    + box.dimension());
        }
        if (starts < 1) {
            throw new InvalidParameterException("starts", "must be >= 1, got " + starts);
        }
        ParametricModel model = likelihood.model();
        int m = model.outputs();
        double weight = likelihood.residualWeight();
        double[] target = likelihood.meanObservation();
        for (int k = 0; k < m; k++) {
            target[k] *= weight;
        }
        LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer();
        double[] best = null;
        double bestLogL = Double.NEGATIVE_INFINITY;
        int converged = 0;
        int evaluations = 0;
        for (double[] start : startingPoints(box, starts)) {
            Trail trail = new Trail(start, target);
            LeastSquaresProblem problem = new LeastSquaresBuilder().start(start)
                    .model(residuals(model, weight, trail)).target(target)
                    .parameterValidator(v -> clamp(box, v)).lazyEvaluation(false)
                    .maxIterations(MAX_ITERATIONS).maxEvaluations(MAX_EVALUATIONS).build();
            double[] end;
            try {
                LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(problem);
                end = optimum.getPoint().toArray();
                box.clamp(end);
                converged++;
            } catch (MathIllegalStateException notConverged) {
                // out of iterations, or the step fell below rounding (typical at a bound): the best point seen
                end = trail.best;
            }
            evaluations += trail.evaluations;
            double logL = likelihood.logLikelihood(end);
            if (Double.isFinite(logL) && (best == null || logL > bestLogL)) {
                bestLogL = logL;
                best = end;
            }
        }
        if (best == null) {
            throw new IllegalStateException("log L is not finite at the end of any of the " + starts
                    + " starts: the model is undefined (NaN or infinite) there");
        }
        LikelihoodPoint point = likelihood.at(best);
        List<Double> estimate = new ArrayList<>(p);
        for (double b : best) {
            estimate.add(b);
        }
        boolean onBoundary = box.onBoundary(best);
        List<Double> se = onBoundary ? Collections.nCopies(p, Double.NaN) : standardErrors(point);
        return new MleFit(estimate, point, se, onBoundary, starts, converged, evaluations);
    }

    /**
     * The starts: Sobol points 1..count (the origin skipped) scaled to the box.
     *
     * @param box   the box
     * @param count how many
     * @return the points
     */
    static List<double[]> startingPoints(ParameterBox box, int count) {
        int p = box.dimension();
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(p);
        sobol.nextVector();
        List<double[]> points = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] u = sobol.nextVector();
            double[] theta = new double[p];
            for (int j = 0; j < p; j++) {
                double lo = box.lower().get(j);
                theta[j] = lo + (box.upper().get(j) - lo) * u[j];
            }
            points.add(theta);
        }
        return points;
    }

    /**
     * The residual model of one start: the weighted outputs (√n/σ)·y(θ) and their Jacobian, recording the point
     * of least squared misfit it has evaluated.
     */
    private static MultivariateJacobianFunction residuals(ParametricModel model, double weight, Trail trail) {
        int m = model.outputs();
        int p = model.parameters();
        return point -> {
            double[] theta = point.toArray();
            double[] y = new double[m];
            double[] jac = new double[m * p];
            model.evaluate(theta, y, jac);
            double[][] rows = new double[m][p];
            for (int k = 0; k < m; k++) {
                y[k] *= weight;
                for (int j = 0; j < p; j++) {
                    rows[k][j] = weight * jac[k * p + j];
                }
            }
            trail.record(theta, y);
            return new Pair<>(new ArrayRealVector(y, false), new Array2DRowRealMatrix(rows, false));
        };
    }

    /** The evaluations of one start and the best point among them, by the squared distance to the target. */
    private static final class Trail {
        private final double[] target;
        double[] best;
        private double bestMisfit = Double.POSITIVE_INFINITY;
        int evaluations;

        Trail(double[] start, double[] target) {
            this.best = start;
            this.target = target;
        }

        void record(double[] theta, double[] weighted) {
            evaluations++;
            double s = 0;
            for (int k = 0; k < weighted.length; k++) {
                double e = target[k] - weighted[k];
                s += e * e;
            }
            if (s < bestMisfit) {
                bestMisfit = s;
                best = theta;
            }
        }
    }

    private static RealVector clamp(ParameterBox box, RealVector v) {
        double[] theta = v.toArray();
        box.clamp(theta);
        return new ArrayRealVector(theta, false);
    }

    /** √diag(I⁻¹) by Cholesky; NaN each when I is not positive definite. */
    private static List<Double> standardErrors(LikelihoodPoint point) {
        int p = point.gradient().size();
        double[][] info = new double[p][];
        for (int a = 0; a < p; a++) {
            info[a] = point.information().get(a).stream().mapToDouble(Double::doubleValue).toArray();
        }
        RealMatrix inverse;
        try {
            inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(info, false)).getSolver().getInverse();
        } catch (NonPositiveDefiniteMatrixException notDefinite) {
            return Collections.nCopies(p, Double.NaN);
        }
        List<Double> se = new ArrayList<>(p);
        for (int a = 0; a < p; a++) {
            se.add(Math.sqrt(inverse.getEntry(a, a)));
        }
        return se;
    }
}
