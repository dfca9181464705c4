package dev.sobolev.surrogate.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.sobolev.core.InvalidParameterException;

/**
 * All monomials of total degree 0..D in the scaled inputs u_j = (x_j − m_j)/h_j, where m_j and h_j are the middle
 * and half width of a box [lower_j, upper_j], so the box maps to [−1, 1]^d and the design matrix stays well
 * conditioned. Function 0 is the constant; the others follow by total degree, then lexicographically by exponent
 * (in one dimension: 1, u, u², …, u^D, so {@link #size()} is D + 1). The polynomial family of Huge &amp; Savine's
 * differential regression, offered beside the RBFs of McDonagh &amp; Chen §5.
 *
 * <p>Derivative of φ_a(x) = Π_i u_i^{a_i}: ∂φ_a/∂x_j = a_j u_j^{a_j − 1} Π_{i≠j} u_i^{a_i} / h_j (computed directly,
 * without dividing by u_j, so it holds at u_j = 0).
 */
public final class PolynomialBasis implements Basis {
    private final double[] middle;
    private final double[] halfWidth;
    private final int degree;
    /** Exponents: row k holds a_k (d values); row 0 is all zeros. */
    private final int[][] exponents;

    private PolynomialBasis(double[] middle, double[] halfWidth, int degree, int[][] exponents) {
        this.middle = middle;
        this.halfWidth = halfWidth;
        this.degree = degree;
        this.exponents = exponents;
    }

    /**
     * Monomials up to a degree on a box.
     *
     * @param lower  lower corner, d ≥ 1 finite values
     * @param upper  upper corner, d values, each finite and &gt; the lower one
     * @param degree the total degree D ≥ 1 (degree 0 would leave only the constant)
     * @return the basis
     */
    public static PolynomialBasis on(double[] lower, double[] upper, int degree) {
        if (lower.length == 0) {
            throw new InvalidParameterException("lower", "must have at least one coordinate, got 0");
        }
        if (upper.length != lower.length) {
            throw new InvalidParameterException("upper", "must have " + lower.length + " coordinates like lower, got "
                    + upper.length);
        }
        for (int j = 0; j < lower.length; j++) {
            Arguments.interval("lower[" + j + "]", lower[j], "upper[" + j + "]", upper[j]);
        }
        if (degree < 1) {
            throw new InvalidParameterException("degree", "must be >= 1 (degree 0 leaves only the constant), got "
                    + degree);
        }
        int d = lower.length;
        double[] m = new double[d];
        double[] h = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = 0.5 * (lower[j] + upper[j]);
            h[j] = 0.5 * (upper[j] - lower[j]);
        }
        List<int[]> all = new ArrayList<>();
        for (int total = 0; total <= degree; total++) {
            exponents(new int[d], 0, total, all);
        }
        return new PolynomialBasis(m, h, degree, all.toArray(new int[0][]));
    }

    /**
     * One-dimensional monomials 1, u, …, u^D on an interval.
     *
     * @param lower  left end, finite
     * @param upper  right end, finite and &gt; lower
     * @param degree D ≥ 1
     * @return the basis of size D + 1
     */
    public static PolynomialBasis onInterval(double lower, double upper, int degree) {
        Arguments.interval(lower, upper);
        return on(new double[] {lower}, new double[] {upper}, degree);
    }

    /** Appends, in lexicographic order (first exponent largest first), every exponent vector of the given total. */
    private static void exponents(int[] a, int j, int remaining, List<int[]> out) {
        if (j == a.length - 1) {
            a[j] = remaining;
            out.add(a.clone());
            return;
        }
        for (int e = remaining; e >= 0; e--) {
            a[j] = e;
            exponents(a, j + 1, remaining - e, out);
        }
    }

    /** @return the total degree D */
    public int degree() {
        return degree;
    }

    /**
     * @param k function index 0..M−1
     * @return a copy of its exponent vector a_k
     */
    public int[] exponents(int k) {
        return exponents[k].clone();
    }

    @Override
    public int size() {
        return exponents.length;
    }

    @Override
    public int inputs() {
        return middle.length;
    }

    @Override
    public void values(double[] x, double[] out) {
        double[] u = scaled(x);
        for (int k = 0; k < exponents.length; k++) {
            double p = 1.0;
            for (int i = 0; i < u.length; i++) {
                p *= power(u[i], exponents[k][i]);
            }
            out[k] = p;
        }
    }

    @Override
    public void derivatives(double[] x, double[] out) {
        double[] u = scaled(x);
        int d = u.length;
        for (int k = 0; k < exponents.length; k++) {
            int[] a = exponents[k];
            for (int j = 0; j < d; j++) {
                if (a[j] == 0) {
                    out[k * d + j] = 0.0;
                    continue;
                }
                double p = a[j] * power(u[j], a[j] - 1) / halfWidth[j];
                for (int i = 0; i < d; i++) {
                    if (i != j) {
                        p *= power(u[i], a[i]);
                    }
                }
                out[k * d + j] = p;
            }
        }
    }

    private double[] scaled(double[] x) {
        double[] u = new double[middle.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = (x[j] - middle[j]) / halfWidth[j];
        }
        return u;
    }

    private static double power(double u, int e) {
        double p = 1.0;
        for (int i = 0; i < e; i++) {
            p *= u;
        }
        return p;
    }

    @Override
    public String description() {
        return "monomials of degree <= " + degree + " in " + middle.length + " scaled input"
                + (middle.length == 1 ? "" : "s") + " (" + exponents.length + " functions with the constant)";
    }

    @Override
    public String toString() {
        return "PolynomialBasis[degree=" + degree + ", middle=" + Arrays.toString(middle) + ", halfWidth="
                + Arrays.toString(halfWidth) + "]";
    }
}
