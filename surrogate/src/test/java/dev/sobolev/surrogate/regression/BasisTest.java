package dev.sobolev.surrogate.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

class BasisTest {
    /** Central-difference step; the error of the central difference is O(h²) ≈ 1e-10 for these smooth functions. */
    private static final double H = 1e-5;

    /** Every ∂φ_k/∂x_j against the central difference (φ_k(x + h e_j) − φ_k(x − h e_j)) / 2h. */
    private static void derivativesMatchCentralDifferences(Basis basis, double[] x) {
        int m = basis.size();
        int d = basis.inputs();
        double[] exact = new double[m * d];
        basis.derivatives(x, exact);
        double[] up = new double[m];
        double[] down = new double[m];
        for (int j = 0; j < d; j++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += H;
            xm[j] -= H;
            basis.values(xp, up);
            basis.values(xm, down);
            for (int k = 0; k < m; k++) {
                double fd = (up[k] - down[k]) / (2 * H);
                assertEquals(fd, exact[k * d + j], 1e-8 * Math.max(1, Math.abs(fd)),
                        basis.description() + ": d phi_" + k + "/dx_" + j + " at " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void rbfDerivativesMatchCentralDifferences() {
        RbfBasis sine = RbfBasis.evenlySpaced(7, 0, 2 * Math.PI, 1.0);
        for (double x = -0.5; x <= 2 * Math.PI + 0.5; x += 0.173) {
            derivativesMatchCentralDifferences(sine, new double[] {x});
        }
        RbfBasis plane = RbfBasis.of(new double[][] {{0, 0}, {1, -0.5}, {-0.3, 2}}, 0.7);
        SplittableRandom r = new SplittableRandom(11);
        for (int t = 0; t < 50; t++) {
            derivativesMatchCentralDifferences(plane, new double[] {r.nextDouble(-1, 2), r.nextDouble(-1, 2.5)});
        }
    }

    @Test
    void rbfValuesAndDerivativeClosedForms() {
        RbfBasis b = RbfBasis.evenlySpaced(7, 0, 2 * Math.PI, 1.0);
        assertEquals(8, b.size());
        assertArrayEquals(new double[] {Math.PI}, b.centre(4), 1e-15);
        double[] phi = new double[8];
        double[] dphi = new double[8];
        double x = Math.PI + 0.5;
        b.values(new double[] {x}, phi);
        b.derivatives(new double[] {x}, dphi);
        assertEquals(1.0, phi[0]);
        assertEquals(0.0, dphi[0]);
        // at distance 0.5 from the centre π: exp(−0.25) and −2·0.5·exp(−0.25) (the paper's printed factor
        // −2(x − c)²/r² would give −0.5·exp(−0.25))
        assertEquals(Math.exp(-0.25), phi[4], 1e-15);
        assertEquals(-Math.exp(-0.25), dphi[4], 1e-15);
        // a centre's own derivative vanishes there
        b.derivatives(new double[] {Math.PI}, dphi);
        assertEquals(0.0, dphi[4], 0.0);
    }

    @Test
    void polynomialDerivativesMatchCentralDifferences() {
        PolynomialBasis line = PolynomialBasis.onInterval(0, 2 * Math.PI, 7);
        assertEquals(8, line.size());
        for (double x = -0.5; x <= 2 * Math.PI + 0.5; x += 0.173) {
            derivativesMatchCentralDifferences(line, new double[] {x});
        }
        derivativesMatchCentralDifferences(line, new double[] {Math.PI}); // u = 0, where u^0 terms matter
        PolynomialBasis plane = PolynomialBasis.on(new double[] {-1, 0}, new double[] {3, 0.5}, 3);
        assertEquals(10, plane.size()); // C(3 + 2, 2)
        SplittableRandom r = new SplittableRandom(13);
        for (int t = 0; t < 50; t++) {
            derivativesMatchCentralDifferences(plane, new double[] {r.nextDouble(-1.5, 3.5), r.nextDouble(-0.2, 0.7)});
        }
        derivativesMatchCentralDifferences(plane, new double[] {1, 0.25}); // the middle: u = 0
    }

    @Test
    void polynomialOrderAndValues() {
        PolynomialBasis plane = PolynomialBasis.on(new double[] {-1, -1}, new double[] {1, 1}, 2);
        int[][] expected = {{0, 0}, {1, 0}, {0, 1}, {2, 0}, {1, 1}, {0, 2}};
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], plane.exponents(k));
        }
        double[] phi = new double[6];
        plane.values(new double[] {0.5, -2}, phi);
        assertArrayEquals(new double[] {1, 0.5, -2, 0.25, -1, 4}, phi, 1e-15);
    }

    @Test
    void badBasesAreRefusedNamingTheParameter() {
        assertMessage("basisSize must be >= 1, got 0", () -> RbfBasis.evenlySpaced(0, 0, 1, 1));
        assertMessage("radius must be finite and > 0, got 0.0", () -> RbfBasis.evenlySpaced(3, 0, 1, 0));
        assertMessage("radius must be finite and > 0, got NaN", () -> RbfBasis.evenlySpaced(3, 0, 1, Double.NaN));
        assertMessage("upper must be finite and > lower = 1.0, got 1.0", () -> RbfBasis.evenlySpaced(3, 1, 1, 1));
        assertMessage("centres must hold at least one centre, got 0", () -> RbfBasis.of(new double[0][], 1));
        assertMessage("centres[1] must have 2 coordinates like centres[0], got 1",
                () -> RbfBasis.of(new double[][] {{0, 0}, {1}}, 1));
        assertMessage("centres[0][1] must be finite, got Infinity",
                () -> RbfBasis.of(new double[][] {{0, Double.POSITIVE_INFINITY}}, 1));
        assertMessage("degree must be >= 1 (degree 0 leaves only the constant), got 0",
                () -> PolynomialBasis.onInterval(0, 1, 0));
        assertMessage("upper[1] must be finite and > lower[1] = 2.0, got 1.0",
                () -> PolynomialBasis.on(new double[] {0, 2}, new double[] {1, 1}, 2));
    }

    static void assertMessage(String message, Runnable call) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, call::run);
        assertEquals(message, e.getMessage());
    }
}
