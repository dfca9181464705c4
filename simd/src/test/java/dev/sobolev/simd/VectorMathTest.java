package dev.sobolev.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorMath} against {@link Math#exp} and {@link Math#log1p} (both correctly rounded to within 1 ulp). */
class VectorMathTest {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private static double worstUlps(double[] x, boolean exp) {
        double[] out = new double[S.length()];
        double worst = 0;
        for (int i = 0; i + S.length() <= x.length; i += S.length()) {
            if (exp) {
                VectorMath.exp(x, i, out, 0);
            } else {
                VectorMath.log1pUnit(x, i, out, 0);
            }
            for (int q = 0; q < S.length(); q++) {
                double ref = exp ? Math.exp(x[i + q]) : Math.log1p(x[i + q]);
                double err = ref == out[q] ? 0 : Math.abs(out[q] - ref) / Math.ulp(ref);
                assertTrue(Double.isFinite(err), "at " + x[i + q] + ": " + out[q] + " against " + ref);
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    private static double[] sample(SplittableRandom r, double lo, double hi, int n, double... edges) {
        double[] x = new double[(n + edges.length + S.length()) / S.length() * S.length()];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            x[i] = r.nextDouble(lo, hi);
        }
        return x;
    }

    @Test
    void expIsWithinTwoUlpsDownToTheSubnormalsAndUnderflowsAndOverflowsCleanly() {
        SplittableRandom r = new SplittableRandom(1);
        double[] edges = {0.0, -0.0, -1e-300, -Double.MIN_VALUE, -0.5 * Math.log(2), -Math.log(2), -708.39, -708.4,
            -720, -744.4, -745.1, -745.2, -746, -800, -1e6, Double.NEGATIVE_INFINITY};
        assertTrue(worstUlps(sample(r, -1, 1, 400_000, edges), true) <= 2);
        assertTrue(worstUlps(sample(r, 1, 709.78, 200_000, 709.78, 709.7), true) <= 2);
        assertTrue(worstUlps(sample(r, -40, 0, 400_000), true) <= 2);
        assertTrue(worstUlps(sample(r, -708, -40, 100_000), true) <= 2);
        // subnormal results, in units of the subnormal step
        assertTrue(worstUlps(sample(r, -745.2, -708, 100_000), true) <= 2);
        double[] nan = new double[S.length()];
        java.util.Arrays.fill(nan, Double.NaN);
        double[] out = new double[S.length()];
        VectorMath.exp(nan, 0, out, 0);
        assertTrue(Double.isNaN(out[0]), "NaN stays NaN");
        double[] big = {709.79, 710, 1e6, Double.POSITIVE_INFINITY, -745.2, -1e6, Double.NEGATIVE_INFINITY, -800};
        double[] in = new double[S.length()];
        for (int i = 0; i < big.length; i += S.length()) {
            System.arraycopy(big, i, in, 0, Math.min(S.length(), big.length - i));
            VectorMath.exp(in, 0, out, 0);
            for (int q = 0; q < Math.min(S.length(), big.length - i); q++) {
                assertEquals(Math.exp(in[q]), out[q], "at " + in[q]);
            }
        }
    }

    @Test
    void log1pIsWithinOneUlpOnTheUnitInterval() {
        SplittableRandom r = new SplittableRandom(2);
        double[] edges = {0.0, Double.MIN_VALUE, 1e-300, 1e-17, 1e-8, 0.5, 1.0};
        assertTrue(worstUlps(sample(r, 0, 1, 500_000, edges), false) <= 1);
        assertTrue(worstUlps(sample(r, 0, 1e-6, 100_000), false) <= 1);
        double[] zero = new double[S.length()];
        double[] out = new double[S.length()];
        VectorMath.log1pUnit(zero, 0, out, 0);
        assertEquals(0.0, out[0]);
    }
}
