package dev.sobolev.pricing.bachelier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.payoff.Digital;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.pricing.sensitivities.Sensitivities;

class BachelierFormulasTest {

    private static final BachelierBasket GOLDEN = GoldenBaskets.threeAssets();

    @Test
    void goldenPrice() {
        // REFERENCES.md §1: 5.9110438145 (QuantLib Bachelier formula)
        Sensitivities s = BachelierFormulas.call(GOLDEN, GOLDEN.strike());
        assertEquals(GoldenBaskets.GOLDEN_PRICE, s.value(), 1e-9);
    }

    @Test
    void basketMoments() {
        assertEquals(99.5, GOLDEN.basketSpot(), 1e-12);
        // w'Σw = 100 + 20.25 + 25 + 2(22.5 + 15 + 9) = 238.25 (hand computation)
        assertEquals(Math.sqrt(238.25), GOLDEN.basketStdDev(), 1e-12);
        double[] a = GOLDEN.basketLoading();
        double norm = 0;
        for (double v : a) {
            norm += v * v;
        }
        assertEquals(238.25, norm, 1e-9);
    }

    static double centralDifference(ToDoubleFunction<Double> f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    private static BachelierBasket bumpSpot(BachelierBasket b, int i, double h) {
        double[] s = b.spots();
        s[i] += h;
        return b.withSpots(s);
    }

    private static BachelierBasket scaleVols(BachelierBasket b, double factor) {
        double[] v = b.vols();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new BachelierBasket(b.spots(), b.weights(), v, b.correlation(), b.strike(), b.maturity());
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(doubles = {0.0, 0.5, 3.0, 20.0})
    void deltasGammasVegaMatchFiniteDifferences(double width) {
        // width 0 means the plain call; others the smoothed call (both quadrature branches: s ≈ 15.4)
        java.util.function.Function<BachelierBasket, Sensitivities> price = b -> width == 0
                ? BachelierFormulas.call(b, b.strike())
                : BachelierFormulas.smoothedCall(b, new SmoothedCall(b.strike(), width));
        Sensitivities s = price.apply(GOLDEN);
        double h = 1e-3;
        for (int i = 0; i < 3; i++) {
            int fi = i;
            double fd = centralDifference(x -> price.apply(bumpSpot(GOLDEN, fi, x)).value(), 0, h);
            assertEquals(fd, s.delta(i), 1e-8, "delta " + i);
            for (int j = 0; j < 3; j++) {
                int fj = j;
                double fdg = centralDifference(x -> price.apply(bumpSpot(GOLDEN, fj, x)).delta(fi), 0, h);
                assertEquals(fdg, s.gamma(i, j), 1e-8, "gamma " + i + "," + j);
            }
        }
        // vega = ∂V/∂σ_B; scaling all vols by (1+ε) moves σ_B by σ_B·ε
        double sigmaB = GOLDEN.basketVol();
        double eps = 1e-5;
        double fdVega = centralDifference(x -> price.apply(scaleVols(GOLDEN, 1 + x)).value(), 0, eps) / sigmaB;
        assertEquals(fdVega, s.vega().orElseThrow(), 1e-7);
    }

    @Test
    void smoothedCallConvergesToCallAsWidthShrinks() {
        Sensitivities call = BachelierFormulas.call(GOLDEN, 100);
        Sensitivities smooth = BachelierFormulas.smoothedCall(GOLDEN, new SmoothedCall(100, 1e-4));
        assertEquals(call.value(), smooth.value(), 1e-6);
        assertEquals(call.delta(0), smooth.delta(0), 1e-6);
        assertEquals(call.gamma(0, 1), smooth.gamma(0, 1), 1e-6);
    }

    @Test
    void parallelGammaIsBasketGamma() {
        Sensitivities s = BachelierFormulas.call(GOLDEN, 100);
        double sumW = 1.0;
        assertEquals(s.gamma(0, 0) / (0.5 * 0.5) * sumW * sumW, s.parallelGamma(), 1e-14);
    }

    @Test
    void noClosedFormForDigital() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BachelierFormulas.price(GOLDEN, new Digital(100)));
        assertTrue(e.getMessage().contains("digital"), e.getMessage());
        assertEquals(BachelierFormulas.call(GOLDEN, 100).value(),
                BachelierFormulas.price(GOLDEN, new Call(100)).value());
    }
}
