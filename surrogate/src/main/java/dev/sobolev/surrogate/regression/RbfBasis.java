package dev.sobolev.surrogate.regression;

import java.util.Arrays;

import dev.sobolev.core.InvalidParameterException;

/**
 * Gaussian radial basis functions with given centres c₁..c_C and one radius r, plus the constant (McDonagh &amp;
 * Chen, eq. 16): φ₀(x) = 1 and φ_k(x) = exp(−|x − c_k|²/r²) for k = 1..C, so {@link #size()} is C + 1.
 *
 * <p><b>Derivative.</b> With u(x) = −|x − c_k|²/r² = −Σ_i (x_i − c_{k,i})²/r², the chain rule gives ∂u/∂x_j =
 * −2(x_j − c_{k,j})/r², hence
 * <pre>  ∂φ_k/∂x_j (x) = −2 (x_j − c_{k,j}) / r² · exp(−|x − c_k|²/r²),</pre>
 * odd about the centre, as the derivative of an even bump must be. The paper's eqs. 18–19 print the factor as
 * −2(x − c)²/r² (squared, hence even about the centre): that is not the derivative, and this class does not use it.
 * The constant's derivative is 0 (eqs. 18–19 also carry β₀ into the derivative model; it does not belong there).
 */
public final class RbfBasis implements Basis {
    private final int inputs;
    private final double[] centres;
    private final double radius;
    private final double inverseSquare;

    private RbfBasis(int inputs, double[] centres, double radius) {
        this.inputs = inputs;
        this.centres = centres;
        this.radius = radius;
        this.inverseSquare = 1.0 / (radius * radius);
    }

    /**
     * RBFs with the given centres.
     *
     * @param centres C ≥ 1 centres, each of the same dimension d ≥ 1, finite
     * @param radius  r, finite and &gt; 0 (input units)
     * @return the basis of size C + 1
     */
    public static RbfBasis of(double[][] centres, double radius) {
        if (centres.length == 0) {
            throw new InvalidParameterException("centres", "must hold at least one centre, got 0");
        }
        int d = centres[0].length;
        if (d == 0) {
            throw new InvalidParameterException("centres[0]", "must have at least one coordinate, got 0");
        }
        double[] flat = new double[centres.length * d];
        for (int k = 0; k < centres.length; k++) {
            if (centres[k].length != d) {
                throw new InvalidParameterException("centres[" + k + "]",
                        "must have " + d + " coordinates like centres[0], got " + centres[k].length);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(centres[k][j])) {
                    throw new InvalidParameterException("centres[" + k + "][" + j + "]",
                            "must be finite, got " + centres[k][j]);
                }
                flat[k * d + j] = centres[k][j];
            }
        }
        checkRadius(radius);
        return new RbfBasis(d, flat, radius);
    }

    /**
     * C one-dimensional RBFs with evenly spaced centres c_k = lower + (k − 1)(upper − lower)/(C − 1), the ends
     * included (the paper's Fig. 5: 7 centres on [0, 2π]); a single centre sits at the middle.
     *
     * @param basisSize the number C ≥ 1 of RBFs (the constant comes on top)
     * @param lower     left end of the interval, finite
     * @param upper     right end, finite and &gt; lower
     * @param radius    r, finite and &gt; 0
     * @return the basis of size C + 1
     */
    public static RbfBasis evenlySpaced(int basisSize, double lower, double upper, double radius) {
        if (basisSize < 1) {
            throw new InvalidParameterException("basisSize", "must be >= 1, got " + basisSize);
        }
        Arguments.interval(lower, upper);
        checkRadius(radius);
        double[] c = new double[basisSize];
        for (int k = 0; k < basisSize; k++) {
            c[k] = basisSize == 1 ? 0.5 * (lower + upper) : lower + k * (upper - lower) / (basisSize - 1);
        }
        return new RbfBasis(1, c, radius);
    }

    private static void checkRadius(double radius) {
        if (!(Double.isFinite(radius) && radius > 0)) {
            throw new InvalidParameterException("radius", "must be finite and > 0, got " + radius);
        }
    }

    /** @return the number C of RBFs (without the constant) */
    public int count() {
        return centres.length / inputs;
    }

    /**
     * @param k RBF index 1..C (function k of the basis)
     * @return a copy of its centre c_k
     */
    public double[] centre(int k) {
        if (k < 1 || k > count()) {
            throw new IndexOutOfBoundsException("RBF index must be 1.." + count() + ", got " + k);
        }
        return Arrays.copyOfRange(centres, (k - 1) * inputs, k * inputs);
    }

    /** @return the radius r */
    public double radius() {
        return radius;
    }

    @Override
    public int size() {
        return count() + 1;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public void values(double[] x, double[] out) {
        out[CONSTANT] = 1.0;
        int c = count();
        for (int k = 0; k < c; k++) {
            out[k + 1] = Math.exp(-squaredDistance(x, k) * inverseSquare);
        }
    }

    @Override
    public void derivatives(double[] x, double[] out) {
        Arrays.fill(out, 0, inputs, 0.0);
        int c = count();
        for (int k = 0; k < c; k++) {
            double phi = Math.exp(-squaredDistance(x, k) * inverseSquare);
            for (int j = 0; j < inputs; j++) {
                out[(k + 1) * inputs + j] = -2.0 * (x[j] - centres[k * inputs + j]) * inverseSquare * phi;
            }
        }
    }

    private double squaredDistance(double[] x, int k) {
        double s = 0;
        for (int j = 0; j < inputs; j++) {
            double e = x[j] - centres[k * inputs + j];
            s += e * e;
        }
        return s;
    }

    @Override
    public String description() {
        return count() + " Gaussian RBFs exp(-|x-c|^2/r^2), r = " + radius + ", plus a constant";
    }

    @Override
    public String toString() {
        return "RbfBasis[centres=" + Arrays.toString(centres) + ", inputs=" + inputs + ", radius=" + radius + "]";
    }
}
