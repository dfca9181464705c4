package dev.sobolev.pricing.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

class CosineSimulatorTest {
    private static final double H = 1e-5;

    /** Eq. 7 at θ = (5, 5): yₜ = cos⁴(0.1·t), the printed formula with θ₁ = θ₂ = a. */
    @Test
    void outputsAreEquationSeven() {
        double[] y = new double[CosineSimulator.STEPS];
        CosineSimulator.evaluate(new double[] {5, 5}, y, null);
        for (int t = 0; t < y.length; t++) {
            assertEquals(Math.pow(Math.cos(0.1 * (t + 1)), 4), y[t], 1e-15);
        }
    }

    /** Central differences of the outputs agree with the Jacobian to O(h²) ≈ 1e−10. */
    @Test
    void jacobianMatchesFiniteDifferences() {
        double[][] points = {{0.3, 14.2}, {5, 5}, {7.7, 2.1}, {15, 0}};
        for (double[] p : points) {
            double[] y = new double[10];
            double[] jac = new double[20];
            CosineSimulator.evaluate(p, y, jac);
            for (int j = 0; j < 2; j++) {
                double[] up = p.clone();
                double[] dn = p.clone();
                up[j] += H;
                dn[j] -= H;
                double[] yu = new double[10];
                double[] yd = new double[10];
                CosineSimulator.evaluate(up, yu, null);
                CosineSimulator.evaluate(dn, yd, null);
                for (int t = 0; t < 10; t++) {
                    assertEquals((yu[t] - yd[t]) / (2 * H), jac[2 * t + j], 1e-9, "t=" + t + " j=" + j);
                }
            }
        }
    }

    /** Central differences of the Jacobian agree with the Hessian. */
    @Test
    void hessianMatchesFiniteDifferencesOfTheJacobian() {
        double[] p = {3.3, 9.1};
        double[] hess = new double[4];
        for (int t = 0; t < 10; t++) {
            CosineSimulator.hessian(p, t, hess);
            for (int j = 0; j < 2; j++) {
                double[] up = p.clone();
                double[] dn = p.clone();
                up[j] += H;
                dn[j] -= H;
                double[] ju = new double[20];
                double[] jd = new double[20];
                CosineSimulator.evaluate(up, new double[10], ju);
                CosineSimulator.evaluate(dn, new double[10], jd);
                for (int i = 0; i < 2; i++) {
                    assertEquals((ju[2 * t + i] - jd[2 * t + i]) / (2 * H), hess[i * 2 + j], 1e-9);
                }
            }
        }
    }

    @Test
    void refusesBadParameters() {
        assertThrows(InvalidParameterException.class,
                () -> CosineSimulator.evaluate(new double[] {1}, new double[10], null));
        assertThrows(InvalidParameterException.class,
                () -> CosineSimulator.evaluate(new double[] {1, Double.NaN}, new double[10], null));
        assertThrows(InvalidParameterException.class,
                () -> CosineSimulator.hessian(new double[] {1, 2}, 10, new double[4]));
    }
}
