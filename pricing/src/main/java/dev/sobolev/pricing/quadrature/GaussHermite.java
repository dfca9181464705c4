package dev.sobolev.pricing.quadrature;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Gauss–Hermite rule with n nodes for ∫ e^{−x²} f(x) dx, used as E[f(m + sZ)] = π^{−1/2} Σ wₖ f(m + √2·s·xₖ)
 * for Z standard normal. Nodes start from the Golub–Welsch eigenvalues of the Jacobi matrix (Commons Math's
 * tridiagonal {@link EigenDecomposition}) and are polished by Newton iteration on the orthonormal Hermite
 * recurrence, which also gives the weights (Press et al., Numerical Recipes, 3rd ed., §4.6 {@code gauher}). Rules are computed once per
 * n and cached; instances are immutable and thread-safe.
 *
 * <p>Hand-written rather than Commons Math's {@code HermiteRuleFactory}, whose rules lose accuracy for the
 * n = 256 we need to reach 1e−12 on smoothed payoffs of small width.
 */
public final class GaussHermite {
    private static final ConcurrentHashMap<Integer, GaussHermite> CACHE = new ConcurrentHashMap<>();
    private static final double PI_M4 = 0.7511255444649425; // π^{-1/4}
    private static final double INV_SQRT_PI = 0.5641895835477563;
    private static final double SQRT2 = Math.sqrt(2.0);

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(int n) {
        nodes = new double[n];
        weights = new double[n];
        // Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of the Hermite recurrence
        // (zero diagonal, off-diagonal √(k/2)); then Newton on the orthonormal recurrence polishes each node
        // to full precision and gives the weight 2/p′² (Numerical Recipes §4.6, gauher).
        double[] offDiagonal = new double[n - 1];
        for (int k = 1; k < n; k++) {
            offDiagonal[k - 1] = Math.sqrt(k / 2.0);
        }
        double[] guesses = n == 1 ? new double[] {0.0}
                : new EigenDecomposition(new double[n], offDiagonal).getRealEigenvalues();
        Arrays.sort(guesses);
        for (int i = 0; i < n; i++) {
            double z = guesses[n - 1 - i];
            double pp = 0;
            for (int it = 0; it < 20; it++) {
                double p1 = PI_M4;
                double p2 = 0;
                for (int j = 0; j < n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / (j + 1)) * p2 - Math.sqrt((double) j / (j + 1)) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.abs(z - z1) <= 1e-15 * Math.max(1.0, Math.abs(z))) {
                    break;
                }
            }
            nodes[i] = z;
            weights[i] = 2.0 / (pp * pp);
        }
    }

    /**
     * The rule with n nodes.
     *
     * @param n number of nodes, 1 ≤ n ≤ 600 (beyond, the unweighted recurrence overflows at the outer nodes)
     */
    public static GaussHermite of(int n) {
        if (n < 1 || n > 600) {
            throw new IllegalArgumentException("Gauss-Hermite node count must be in [1, 600], got " + n);
        }
        return CACHE.computeIfAbsent(n, GaussHermite::new);
    }

    /** Number of nodes. */
    public int size() {
        return nodes.length;
    }

    /**
     * E[f(m + sZ)], Z ~ N(0, 1).
     *
     * @param f function to average
     * @param m mean
     * @param s standard deviation ≥ 0
     */
    public double expectation(DoubleUnaryOperator f, double m, double s) {
        double sum = 0;
        double scale = SQRT2 * s;
        // sum from the small outer weights inwards to limit rounding
        int n = nodes.length;
        for (int lo = 0, hi = n - 1; lo <= hi; lo++, hi--) {
            sum += weights[lo] * f.applyAsDouble(m + scale * nodes[lo]);
            if (hi != lo) {
                sum += weights[hi] * f.applyAsDouble(m + scale * nodes[hi]);
            }
        }
        return sum * INV_SQRT_PI;
    }
}
