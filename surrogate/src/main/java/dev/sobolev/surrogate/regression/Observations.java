package dev.sobolev.surrogate.regression;

import java.util.Arrays;

import dev.sobolev.core.InvalidParameterException;

/**
 * Regression data {xᵢ, zᵢ, ∂zᵢ/∂xᵢ} (McDonagh &amp; Chen §2): n points x ∈ ℝ^d, a scalar output z at each and,
 * optionally, its derivatives with respect to the d inputs. Immutable; the arrays are copied in and out.
 */
public final class Observations {
    private final int inputs;
    private final double[] x;
    private final double[] z;
    private final double[] dzdx;

    private Observations(int inputs, double[] x, double[] z, double[] dzdx) {
        this.inputs = inputs;
        this.x = x;
        this.z = z;
        this.dzdx = dzdx;
    }

    /**
     * Values and derivatives.
     *
     * @param inputs the input dimension d ≥ 1
     * @param x      n·d finite inputs, row-major (n ≥ 1)
     * @param z      n finite outputs
     * @param dzdx   n·d finite derivatives, row-major: {@code dzdx[i * d + j]} = ∂zᵢ/∂x_j
     * @return the observations
     */
    public static Observations of(int inputs, double[] x, double[] z, double[] dzdx) {
        int n = rows(inputs, x);
        check("z", z, n, "one per row of x");
        check("dzdx", dzdx, n * inputs, "d = " + inputs + " per row of x");
        return new Observations(inputs, x.clone(), z.clone(), dzdx.clone());
    }

    /**
     * Values only (plain ridge, validation and test sets).
     *
     * @param inputs the input dimension d ≥ 1
     * @param x      n·d finite inputs, row-major (n ≥ 1)
     * @param z      n finite outputs
     * @return the observations, without derivatives
     */
    public static Observations values(int inputs, double[] x, double[] z) {
        int n = rows(inputs, x);
        check("z", z, n, "one per row of x");
        return new Observations(inputs, x.clone(), z.clone(), null);
    }

    private static int rows(int inputs, double[] x) {
        if (inputs < 1) {
            throw new InvalidParameterException("inputs", "must be >= 1, got " + inputs);
        }
        if (x.length == 0) {
            throw new InvalidParameterException("x", "must hold at least one row, got 0 values");
        }
        if (x.length % inputs != 0) {
            throw new InvalidParameterException("x", "must hold whole rows of " + inputs + " inputs, got "
                    + x.length + " values");
        }
        check("x", x, x.length, "");
        return x.length / inputs;
    }

    private static void check(String name, double[] values, int expected, String why) {
        if (values.length != expected) {
            throw new InvalidParameterException(name, "must have " + expected + " values (" + why + "), got "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be finite, got " + values[i]);
            }
        }
    }

    /** @return the number n of points */
    public int rows() {
        return z.length;
    }

    /** @return the input dimension d */
    public int inputs() {
        return inputs;
    }

    /** @return whether derivatives were observed */
    public boolean hasGradients() {
        return dzdx != null;
    }

    /**
     * @param i row 0..n−1
     * @return a copy of the point xᵢ
     */
    public double[] point(int i) {
        return Arrays.copyOfRange(x, i * inputs, (i + 1) * inputs);
    }

    /**
     * @param i row
     * @return the output zᵢ
     */
    public double z(int i) {
        return z[i];
    }

    /**
     * @param i row
     * @param j input
     * @return ∂zᵢ/∂x_j
     * @throws IllegalStateException without derivatives
     */
    public double dzdx(int i, int j) {
        if (dzdx == null) {
            throw new IllegalStateException("these observations carry no derivatives");
        }
        return dzdx[i * inputs + j];
    }

    /**
     * The population standard deviation of the outputs, the RMSE of predicting their mean (the baseline the paper
     * quotes beside its test RMSEs, Fig. 5).
     *
     * @return sd(z)
     */
    public double outputSd() {
        double mean = Arrays.stream(z).average().orElseThrow();
        double s = 0;
        for (double v : z) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / z.length);
    }
}
