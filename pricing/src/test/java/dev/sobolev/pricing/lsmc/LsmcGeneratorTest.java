package dev.sobolev.pricing.lsmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.pricing.quadrature.SmoothedCallExpectation;
import dev.sobolev.pricing.sensitivities.Sensitivities;

class LsmcGeneratorTest {

    private static final LsmcRecipe KICHLER = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, 0, null, true);

    private static double mean(double[] a, int stride, int offset) {
        double s = 0;
        int n = a.length / stride;
        for (int r = 0; r < n; r++) {
            s += a[r * stride + offset];
        }
        return s / n;
    }

    private static double standardError(double[] a, int stride, int offset) {
        int n = a.length / stride;
        double m = mean(a, stride, offset);
        double ss = 0;
        for (int r = 0; r < n; r++) {
            double d = a[r * stride + offset] - m;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - 1) / n);
    }

    @Test
    void meanLabelMatchesSmoothedPayoffExpectationOverInputDistribution() {
        // X ~ N(S0, volMult²T1Σ) and B(T2) = wᵀX + σ_B√τ z, so B(T2) ~ N(wᵀS0, (volMult²T1 + τ)σ_B²):
        // E[Y] = E f̃(B(T2)) and E[dY/dXᵢ] = wᵢ E f̃′(B(T2)), exact by SmoothedCallExpectation.
        int n = 1_000_000;
        int d = 7;
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        LsmcGenerator.training(new LabelKernel(KICHLER, new double[0][]), 42, 2, x, y, g, null);
        BachelierBasket o = KICHLER.option();
        double sd = o.basketVol() * Math.sqrt(KICHLER.volMult() * KICHLER.volMult() * KICHLER.t1() + o.maturity());
        double[] m = SmoothedCallExpectation.moments((SmoothedCall) KICHLER.payoff(), o.basketSpot(), sd);
        double meanY = mean(y, 1, 0);
        double seY = standardError(y, 1, 0);
        assertTrue(Math.abs(meanY - m[0]) <= 4 * seY, "E[Y] " + meanY + " vs " + m[0] + " (SE " + seY + ")");
        for (int i = 0; i < d; i++) {
            double mg = mean(g, d, i);
            double se = standardError(g, d, i);
            assertTrue(Math.abs(mg - o.weight(i) * m[1]) <= 4 * se, "E[dY/dX" + i + "]");
            assertTrue(Math.abs(mean(x, d, i) - 1.0) <= 4 * standardError(x, d, i), "E[X" + i + "]");
        }
    }

    @Test
    void inputCovarianceIsScaledMarketCovariance() {
        int n = 200_000;
        int d = 7;
        double[] x = new double[n * d];
        LsmcGenerator.training(new LabelKernel(KICHLER, new double[0][]), 1, 1, x, new double[n], new double[n * d], null);
        double[] vols = KICHLER.option().vols();
        double[][] corr = KICHLER.option().correlation();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double c = 0;
                for (int r = 0; r < n; r++) {
                    c += (x[r * d + i] - 1) * (x[r * d + j] - 1);
                }
                c /= n;
                double exact = 2.25 * vols[i] * vols[j] * corr[i][j];
                // SE of a sample covariance of normals: √((σᵢⱼ² + σᵢᵢσⱼⱼ)/n)
                double se = Math.sqrt((exact * exact + 2.25 * vols[i] * vols[i] * 2.25 * vols[j] * vols[j]) / n);
                assertTrue(Math.abs(c - exact) <= 4 * se, "cov " + i + "," + j + ": " + c + " vs " + exact);
            }
        }
    }

    @Test
    void labelsArePathwiseDerivativesAlongTheBasket() {
        double[][] dirs = {{1, 0, 0, 0, 0, 0, 0}, {0.3, -0.1, 0.2, 0.5, -0.7, 0.1, 0.9}};
        int n = 5000;
        int d = 7;
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        double[] hv = new double[n * 2 * d];
        LsmcGenerator.training(new LabelKernel(KICHLER, dirs), 3, 2, x, y, g, hv);
        double[] w = KICHLER.option().weights();
        for (int r = 0; r < n; r++) {
            double f1 = g[r * d] / w[0];
            double h = hv[(r * 2) * d] / (w[0] * w[0]);
            for (int i = 0; i < d; i++) {
                assertEquals(f1 * w[i], g[r * d + i], 1e-15);
                for (int k = 0; k < 2; k++) {
                    double wv = 0;
                    for (int j = 0; j < d; j++) {
                        wv += w[j] * dirs[k][j];
                    }
                    assertEquals(h * wv * w[i], hv[(r * 2 + k) * d + i], 1e-13);
                }
            }
        }
    }

    private static LsmcRecipe withSpots(LsmcRecipe r, double[] spots) {
        return new LsmcRecipe(r.name(), r.option().withSpots(spots), r.t1(), r.volMult(), r.payoff(), r.lo(), r.hi(),
                r.published(), r.marketSeed());
    }

    @Test
    void labelGradientsAndHessianVectorLabelsMatchPathwiseFiniteDifferences() {
        // X = S(0) + C·z: bumping S(0) by h·eᵢ with the same random numbers bumps every X by h·eᵢ, so
        // central differences of the labels in S(0) are pathwise differences in X.
        int n = 4096;
        int d = 7;
        double h = 1e-5;
        double[][] dirs = {{0.3, -0.1, 0.2, 0.5, -0.7, 0.1, 0.9}};
        double[] base = KICHLER.option().spots();
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        double[] hv = new double[n * d];
        LsmcGenerator.training(new LabelKernel(KICHLER, dirs), 21, 1, x, y, g, hv);
        for (int i = 0; i < d; i++) {
            double[] up = base.clone();
            double[] down = base.clone();
            up[i] += h;
            down[i] -= h;
            double[] yUp = new double[n];
            double[] yDown = new double[n];
            double[] gUp = new double[n * d];
            double[] gDown = new double[n * d];
            LsmcGenerator.training(new LabelKernel(withSpots(KICHLER, up), new double[0][]), 21, 1, new double[n * d],
                    yUp, gUp, null);
            LsmcGenerator.training(new LabelKernel(withSpots(KICHLER, down), new double[0][]), 21, 1, new double[n * d],
                    yDown, gDown, null);
            for (int r = 0; r < n; r++) {
                double fd = (yUp[r] - yDown[r]) / (2 * h);
                assertEquals(fd, g[r * d + i], 1e-7, "dY/dX" + i + " row " + r);
            }
        }
        // H·v: directional difference of the gradient labels along v
        double[] up = base.clone();
        double[] down = base.clone();
        for (int j = 0; j < d; j++) {
            up[j] += h * dirs[0][j];
            down[j] -= h * dirs[0][j];
        }
        double[] gUp = new double[n * d];
        double[] gDown = new double[n * d];
        LsmcGenerator.training(new LabelKernel(withSpots(KICHLER, up), new double[0][]), 21, 1, new double[n * d],
                new double[n], gUp, null);
        LsmcGenerator.training(new LabelKernel(withSpots(KICHLER, down), new double[0][]), 21, 1, new double[n * d],
                new double[n], gDown, null);
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double fd = (gUp[r * d + i] - gDown[r * d + i]) / (2 * h);
                assertEquals(fd, hv[r * d + i], 1e-5 * Math.max(1, Math.abs(fd)), "Hv row " + r + " i " + i);
            }
        }
    }

    @Test
    void testLabelsEqualClosedForms() {
        int n = 4096;
        int d = 7;
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        double[] gamma = new double[n];
        LsmcGenerator.test(new LabelKernel(KICHLER, new double[0][]), 42, 2, x, y, g, gamma);
        double lo = KICHLER.testLower();
        double hi = KICHLER.testUpper();
        // REFERENCES.md §2 box for d = 7: adj = 1 + 0.5·√(6/12)
        double adj = 1 + 0.5 * Math.sqrt(0.5);
        assertEquals(1 - 0.5 * adj, lo, 1e-15);
        assertEquals(1 + 0.5 * adj, hi, 1e-15);
        BachelierBasket o = KICHLER.option();
        for (int r = 0; r < n; r += 37) {
            double[] spots = new double[d];
            System.arraycopy(x, r * d, spots, 0, d);
            for (double s : spots) {
                assertTrue(s >= lo && s <= hi);
            }
            Sensitivities exact = BachelierFormulas.call(o.withSpots(spots), o.strike());
            assertEquals(exact.value(), y[r], 1e-15);
            for (int i = 0; i < d; i++) {
                assertEquals(exact.delta(i), g[r * d + i], 1e-15);
            }
            assertEquals(exact.parallelGamma(), gamma[r], 1e-12 * Math.max(1, gamma[r]));
        }
    }

    @Test
    void identicalForAnyThreadCount() {
        int n = 3 * 4096 + 17;
        int d = 7;
        double[][] one = run(n, d, 1);
        double[][] two = run(n, d, 2);
        double[][] five = run(n, d, 5);
        for (int a = 0; a < one.length; a++) {
            assertArrayEquals(one[a], two[a]);
            assertArrayEquals(one[a], five[a]);
        }
    }

    private static double[][] run(int n, int d, int threads) {
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] g = new double[n * d];
        LsmcGenerator.training(new LabelKernel(KICHLER, new double[0][]), 77, threads, x, y, g, null);
        return new double[][] {x, y, g};
    }

    @Test
    void hugeSavineMarketHasUnitBasketVolAndValidCorrelation() {
        for (int d : new int[] {1, 2, 7, 20}) {
            BachelierBasket b = BasketMarkets.hugeSavine(d, RandomSource.XO_SHI_RO_256_PP.create(5L), 0.2, 1.1, 1);
            double sw = 0;
            for (double w : b.weights()) {
                sw += w;
                assertTrue(w > 0);
            }
            assertEquals(1.0, sw, 1e-14);
            assertEquals(0.2, b.basketVol(), 1e-14);
        }
        LsmcRecipe hs = LsmcRecipe.of(LsmcRecipe.Kind.HUGE_SAVINE, 20, 9, null, false);
        assertEquals(20, hs.dimension());
        assertEquals("call(K=1.1)", hs.payoff().describe());
    }

    @Test
    void publishedKichlerMarketHasBasketVolPointTwo() {
        // REFERENCES.md §2: the vols were rescaled to basket vol 0.2 (given to 8 digits)
        assertEquals(0.2, KICHLER.option().basketVol(), 1e-7);
        assertEquals("smoothed-call(K=1.1, w=0.005)", KICHLER.payoff().describe());
    }

    @Test
    void pcaDirectionsAreOrthonormalEigenvectors() {
        double[][] v = new SecondOrder(SecondOrder.Kind.PCA, 3).directions(KICHLER, null);
        double[] vols = KICHLER.option().vols();
        double[][] corr = KICHLER.option().correlation();
        double previous = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int j = 0; j < 7; j++) {
                    dot += v[a][j] * v[b][j];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12);
            }
            // Cov·v = λv with decreasing λ
            double[] cv = new double[7];
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 7; j++) {
                    cv[i] += 2.25 * vols[i] * corr[i][j] * vols[j] * v[a][j];
                }
            }
            double lambda = 0;
            for (int i = 0; i < 7; i++) {
                lambda += cv[i] * v[a][i];
            }
            for (int i = 0; i < 7; i++) {
                assertEquals(lambda * v[a][i], cv[i], 1e-10);
            }
            assertTrue(lambda <= previous);
            previous = lambda;
        }
        assertThrows(IllegalArgumentException.class, () -> new SecondOrder(SecondOrder.Kind.PCA, 8).directions(KICHLER, null));
    }

    @Test
    void rejectsSecondOrderLabelsForKinkedPayoff() {
        LsmcRecipe hs = LsmcRecipe.of(LsmcRecipe.Kind.HUGE_SAVINE, 3, 1, null, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelKernel(hs, new double[][] {{1, 0, 0}}));
        assertEquals("second-order labels need a smoothed payoff, got call(K=1.1)", e.getMessage());
        InvalidParameterException p = assertThrows(InvalidParameterException.class,
                () -> LsmcRecipe.of(LsmcRecipe.Kind.HUGE_SAVINE, 7, 1, null, true));
        assertEquals("published needs the kichler recipe with dimension 7, got huge-savine with dimension 7",
                p.getMessage());
        assertEquals("dimension", assertThrows(InvalidParameterException.class,
                () -> LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 0, 1, null, false)).parameter());
    }
}
