package dev.sobolev.pricing.bachelier;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RectangularCholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import dev.sobolev.core.InvalidParameterException;

/**
 * A European basket option in the Bachelier (arithmetic Brownian) model: d assets
 * Sᵢ(T) = Sᵢ(0) + σᵢWᵢ(T) with corr(Wᵢ, Wⱼ) = ρᵢⱼ and absolute ("normal") volatilities σᵢ, basket
 * B(T) = Σ wᵢSᵢ(T), expiry T, strike K. B(T) is normal with mean B₀ = Σwᵢ Sᵢ(0) and standard deviation
 * s = √(T·wᵀΣw), Σᵢⱼ = ρᵢⱼσᵢσⱼ (REFERENCES.md §1).
 *
 * <p>Validated on construction (every message names the parameter, the value and what is allowed): finite
 * spots, weights and strike; finite non-negative vols; matching lengths; a symmetric correlation matrix with
 * unit diagonal, entries in [−1, 1] and no negative eigenvalue (a semi-definite one is accepted, e.g. two
 * perfectly correlated assets). The simulation factor R (d×r, R·Rᵀ = ρ, r = rank) comes from Commons Math's
 * pivoted {@link RectangularCholeskyDecomposition}, which handles the semi-definite case.
 *
 * <p>Immutable; array accessors return copies.
 */
public final class BachelierBasket {
    /** Tolerance for symmetry, the unit diagonal and the smallest eigenvalue of the correlation matrix. */
    static final double CORRELATION_TOLERANCE = 1e-10;
    /** The constructor parameter that takes the correlation matrix, as validation messages name it. */
    private static final String CORRELATION = "correlation";

    private final double[] spots;
    private final double[] weights;
    private final double[] vols;
    private final double[][] correlation;
    private final double strike;
    private final double maturity;
    private final double[][] factor;
    private final double basketVariancePerYear;

    /**
     * @param spots       Sᵢ(0), length d ≥ 1
     * @param weights     wᵢ, length d
     * @param vols        σᵢ ≥ 0 in price units per √year, length d
     * @param correlation ρ, d×d
     * @param strike      K
     * @param maturity    T &gt; 0 in years
     */
    public BachelierBasket(double[] spots, double[] weights, double[] vols, double[][] correlation,
                           double strike, double maturity) {
        if (spots == null || spots.length == 0) {
            throw new InvalidParameterException("spots", "must have at least one entry");
        }
        int d = spots.length;
        this.spots = finiteVector("spots", spots, d, false);
        this.weights = finiteVector("weights", weights, d, false);
        this.vols = finiteVector("vols", vols, d, true);
        this.correlation = validCorrelation(correlation, d);
        if (!Double.isFinite(strike)) {
            throw new InvalidParameterException("strike", "must be finite, got " + strike);
        }
        if (!(maturity > 0) || !Double.isFinite(maturity)) {
            throw new InvalidParameterException("maturity", "must be finite and > 0, got " + maturity);
        }
        this.strike = strike;
        this.maturity = maturity;
        this.factor = factorOf(this.correlation);
        double v = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                v += weights[i] * vols[i] * this.correlation[i][j] * vols[j] * weights[j];
            }
        }
        this.basketVariancePerYear = Math.max(v, 0.0);
    }

    private static double[] finiteVector(String name, double[] v, int d, boolean nonNegative) {
        if (v == null) {
            throw new InvalidParameterException(name, "is missing");
        }
        if (v.length != d) {
            throw new InvalidParameterException(name, "has " + v.length + " entries but spots has " + d);
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be finite, got " + v[i]);
            }
            if (nonNegative && v[i] < 0) {
                throw new InvalidParameterException(name + "[" + i + "]", "must be >= 0, got " + v[i]);
            }
        }
        return v.clone();
    }

    private static double[][] validCorrelation(double[][] c, int d) {
        if (c == null) {
            throw new InvalidParameterException(CORRELATION, "is missing");
        }
        if (c.length != d) {
            throw new InvalidParameterException(CORRELATION, "must be " + d + "x" + d + " to match spots, got "
                    + c.length + " rows");
        }
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            if (c[i] == null || c[i].length != d) {
                throw new InvalidParameterException(CORRELATION, "row " + i + " must have " + d + " entries, got "
                        + (c[i] == null ? 0 : c[i].length));
            }
            copy[i] = c[i].clone();
            for (int j = 0; j < d; j++) {
                double r = copy[i][j];
                if (!Double.isFinite(r) || r < -1 || r > 1) {
                    throw new InvalidParameterException(CORRELATION + "[" + i + "][" + j + "]",
                            "must be finite and in [-1, 1], got " + r);
                }
            }
            if (Math.abs(copy[i][i] - 1.0) > CORRELATION_TOLERANCE) {
                throw new InvalidParameterException(CORRELATION + "[" + i + "][" + i + "]",
                        "must be 1, got " + copy[i][i]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(copy[i][j] - copy[j][i]) > CORRELATION_TOLERANCE) {
                    throw new InvalidParameterException(CORRELATION, "must be symmetric, got " + copy[i][j]
                            + " at [" + i + "][" + j + "] but " + copy[j][i] + " at [" + j + "][" + i + "]");
                }
            }
        }
        double minEigen = Arrays.stream(new EigenDecomposition(new Array2DRowRealMatrix(copy, false))
                .getRealEigenvalues()).min().orElse(0);
        if (minEigen < -CORRELATION_TOLERANCE * d) {
            throw new InvalidParameterException(CORRELATION, "must be positive semi-definite, got smallest eigenvalue "
                    + minEigen);
        }
        return copy;
    }

    private static double[][] factorOf(double[][] corr) {
        RealMatrix m = new Array2DRowRealMatrix(corr, true);
        return new RectangularCholeskyDecomposition(m, CORRELATION_TOLERANCE * corr.length).getRootMatrix().getData();
    }

    /** Number of assets d. */
    public int dimension() {
        return spots.length;
    }

    /** A copy of the spots Sᵢ(0). */
    public double[] spots() {
        return spots.clone();
    }

    /** Spot Sᵢ(0). */
    public double spot(int i) {
        return spots[i];
    }

    /** A copy of the weights wᵢ. */
    public double[] weights() {
        return weights.clone();
    }

    /** Weight wᵢ. */
    public double weight(int i) {
        return weights[i];
    }

    /** A copy of the normal vols σᵢ. */
    public double[] vols() {
        return vols.clone();
    }

    /** A deep copy of the correlation matrix. */
    public double[][] correlation() {
        double[][] c = new double[correlation.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    /** Strike K. */
    public double strike() {
        return strike;
    }

    /** Expiry T in years. */
    public double maturity() {
        return maturity;
    }

    /** Basket spot B₀ = Σ wᵢSᵢ(0). */
    public double basketSpot() {
        double b = 0;
        for (int i = 0; i < spots.length; i++) {
            b += weights[i] * spots[i];
        }
        return b;
    }

    /** Basket normal vol σ_B = √(wᵀΣw) per √year. */
    public double basketVol() {
        return Math.sqrt(basketVariancePerYear);
    }

    /** Standard deviation of B(T): s = σ_B·√T. */
    public double basketStdDev() {
        return Math.sqrt(basketVariancePerYear * maturity);
    }

    /** Rank r of the correlation matrix (columns of the simulation factor). */
    public int factorRank() {
        return factor[0].length;
    }

    /**
     * The basket's loading on r independent standard normals: B(T) = B₀ + aᵀz with
     * a = √T·Rᵀ(w∘σ), R the correlation factor. Its norm is the basket standard deviation s.
     */
    public double[] basketLoading() {
        int r = factor[0].length;
        double sqrtT = Math.sqrt(maturity);
        double[] a = new double[r];
        for (int i = 0; i < spots.length; i++) {
            double ws = weights[i] * vols[i] * sqrtT;
            for (int k = 0; k < r; k++) {
                a[k] += ws * factor[i][k];
            }
        }
        return a;
    }

    /** A deep copy of the simulation factor R (d×r) with R·Rᵀ = ρ. */
    public double[][] correlationFactor() {
        double[][] c = new double[factor.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = factor[i].clone();
        }
        return c;
    }

    /** The same option with other spots (validated like the constructor). */
    public BachelierBasket withSpots(double[] newSpots) {
        return new BachelierBasket(newSpots, weights, vols, correlation, strike, maturity);
    }

    @Override
    public String toString() {
        return "BachelierBasket[spots=" + Arrays.toString(spots) + ", weights=" + Arrays.toString(weights)
                + ", vols=" + Arrays.toString(vols) + ", corr=" + Arrays.deepToString(correlation)
                + ", strike=" + strike + ", maturity=" + maturity + "]";
    }
}
