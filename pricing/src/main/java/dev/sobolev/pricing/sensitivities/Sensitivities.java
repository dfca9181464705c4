package dev.sobolev.pricing.sensitivities;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The one value object for a value and its derivatives with respect to d inputs: value V, gradient
 * ("delta") ∂V/∂xᵢ (length d), Hessian ("gamma") ∂²V/∂xᵢ∂xⱼ (d×d), Hessian–vector products H·vₖ along k
 * stored directions vₖ, and, for options, vega ∂V/∂σ_B (sensitivity to the basket's absolute normal
 * volatility σ_B = √(wᵀΣw), price units per unit of volatility). For an option the inputs are the spots; for
 * a likelihood or a forecast they are the model parameters.
 *
 * <p>Every part but the value is optional: a closed form without gammas or a Monte Carlo estimate of a payoff
 * without pathwise gamma simply has none. The same type carries Monte Carlo standard errors, entry by entry,
 * so an estimate and its error always have the same shape ({@code McResult}).
 *
 * <p>Immutable: arrays are copied on the way in and out. Indexed accessors avoid the copies in loops.
 */
public final class Sensitivities {
    private final double value;
    private final double[] delta;
    private final double[][] gamma;
    private final double[][] directions;
    private final double[][] hessianVector;
    private final Double vega;

    private Sensitivities(double value, double[] delta, double[][] gamma, double[][] directions,
                          double[][] hessianVector, Double vega) {
        this.value = value;
        this.delta = delta;
        this.gamma = gamma;
        this.directions = directions;
        this.hessianVector = hessianVector;
        this.vega = vega;
    }

    /** A value with no derivatives. */
    public static Sensitivities ofValue(double value) {
        return new Sensitivities(value, null, null, null, null, null);
    }

    /** A copy of this object with the given delta vector (length d). */
    public Sensitivities withDelta(double[] delta) {
        return new Sensitivities(value, delta.clone(), gamma, directions, hessianVector, vega);
    }

    /** A copy with the given gamma matrix (d×d, checked against the delta length if present). */
    public Sensitivities withGamma(double[][] gamma) {
        int d = gamma.length;
        if (delta != null && d != delta.length) {
            throw new IllegalArgumentException("gamma is " + d + "x" + d + " but delta has " + delta.length);
        }
        return new Sensitivities(value, delta, deepCopy(gamma, d), directions, hessianVector, vega);
    }

    /**
     * A copy with Hessian–vector products {@code hv[k] = H·directions[k]}.
     *
     * @param directions k×d directions
     * @param hv         k×d products, same shape
     */
    public Sensitivities withHessianVector(double[][] directions, double[][] hv) {
        if (directions.length != hv.length) {
            throw new IllegalArgumentException("directions has " + directions.length + " rows but hv has " + hv.length);
        }
        int d = directions.length == 0 ? 0 : directions[0].length;
        return new Sensitivities(value, delta, gamma, deepCopy(directions, d), deepCopy(hv, d), vega);
    }

    /** A copy with the given vega ∂V/∂σ_B. */
    public Sensitivities withVega(double vega) {
        return new Sensitivities(value, delta, gamma, directions, hessianVector, vega);
    }

    private static double[][] deepCopy(double[][] a, int cols) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " entries, expected " + cols);
            }
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The value V. */
    public double value() {
        return value;
    }

    /** Whether a delta vector is present. */
    public boolean hasDelta() {
        return delta != null;
    }

    /** Number of inputs d (0 without deltas). */
    public int dimension() {
        return delta == null ? 0 : delta.length;
    }

    /** ∂V/∂Sᵢ; throws if absent. */
    public double delta(int i) {
        return requireDelta()[i];
    }

    /** A copy of the delta vector; throws if absent. */
    public double[] delta() {
        return requireDelta().clone();
    }

    /** Whether a gamma matrix is present. */
    public boolean hasGamma() {
        return gamma != null;
    }

    /** ∂²V/∂Sᵢ∂Sⱼ; throws if absent. */
    public double gamma(int i, int j) {
        return requireGamma()[i][j];
    }

    /** A copy of the gamma matrix; throws if absent. */
    public double[][] gamma() {
        double[][] g = requireGamma();
        return deepCopy(g, g.length);
    }

    /** 1ᵀH1: the gamma of a parallel shift of all spots; throws if no gamma matrix is present. */
    public double parallelGamma() {
        double sum = 0;
        for (double[] row : requireGamma()) {
            for (double v : row) {
                sum += v;
            }
        }
        return sum;
    }

    /** H·v computed from the gamma matrix; throws if absent. */
    public double[] gammaTimes(double[] v) {
        double[][] g = requireGamma();
        if (v.length != g.length) {
            throw new IllegalArgumentException("direction has " + v.length + " entries, expected " + g.length);
        }
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            double s = 0;
            for (int j = 0; j < g.length; j++) {
                s += g[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** Number of stored Hessian–vector directions (0 if none). */
    public int directionCount() {
        return directions == null ? 0 : directions.length;
    }

    /** A copy of direction k. */
    public double[] direction(int k) {
        return requireHv(directions)[k].clone();
    }

    /** A copy of H·v_k. */
    public double[] hessianVector(int k) {
        return requireHv(hessianVector)[k].clone();
    }

    /** ∂V/∂σ_B if present. */
    public OptionalDouble vega() {
        return vega == null ? OptionalDouble.empty() : OptionalDouble.of(vega);
    }

    private double[] requireDelta() {
        if (delta == null) {
            throw new IllegalStateException("no delta in this result");
        }
        return delta;
    }

    private double[][] requireGamma() {
        if (gamma == null) {
            throw new IllegalStateException("no gamma in this result");
        }
        return gamma;
    }

    private static double[][] requireHv(double[][] a) {
        if (a == null) {
            throw new IllegalStateException("no Hessian-vector products in this result");
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Sensitivities s)) {
            return false;
        }
        return Double.compare(value, s.value) == 0 && Arrays.equals(delta, s.delta)
                && Arrays.deepEquals(gamma, s.gamma) && Arrays.deepEquals(directions, s.directions)
                && Arrays.deepEquals(hessianVector, s.hessianVector) && Objects.equals(vega, s.vega);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, Arrays.hashCode(delta), Arrays.deepHashCode(gamma), vega);
    }

    @Override
    public String toString() {
        return "Sensitivities[value=" + value + ", delta=" + Arrays.toString(delta) + ", gamma="
                + Arrays.deepToString(gamma) + ", vega=" + vega + ", directions=" + directionCount() + "]";
    }
}
