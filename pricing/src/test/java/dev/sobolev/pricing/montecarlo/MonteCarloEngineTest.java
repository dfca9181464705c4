package dev.sobolev.pricing.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.pricing.bachelier.GoldenBaskets;
import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.payoff.Digital;
import dev.sobolev.pricing.payoff.Forward;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.pricing.sensitivities.Sensitivities;

class MonteCarloEngineTest {

    private static final BachelierBasket GOLDEN = GoldenBaskets.threeAssets();
    private static final double K = 4.0; // standard errors

    private static void within(double exact, double estimate, double se, String what) {
        assertTrue(se > 0, what + ": standard error must be positive");
        assertTrue(Math.abs(estimate - exact) <= K * se,
                what + ": |" + estimate + " - " + exact + "| = " + Math.abs(estimate - exact) + " > 4 SE = " + K * se);
    }

    @Test
    void goldenCallPriceDeltasAndVegaWithinFourStandardErrors() {
        McResult mc = MonteCarloEngine.price(GOLDEN, new Call(100), new McConfig(1_000_000, 7, 2, true));
        Sensitivities exact = BachelierFormulas.call(GOLDEN, 100);
        within(GoldenBaskets.GOLDEN_PRICE, mc.estimate().value(), mc.standardError().value(), "price");
        for (int i = 0; i < 3; i++) {
            within(exact.delta(i), mc.estimate().delta(i), mc.standardError().delta(i), "delta " + i);
        }
        within(exact.vega().orElseThrow(), mc.estimate().vega().orElseThrow(),
                mc.standardError().vega().orElseThrow(), "vega");
        assertFalse(mc.estimate().hasGamma(), "a call has no pathwise gamma");
        assertEquals(1_000_000, mc.paths());
        assertEquals(500_000, mc.samples());
    }

    @Test
    void smoothedCallGammasAndDeltasWithinFourStandardErrorsOfQuadrature() {
        SmoothedCall payoff = new SmoothedCall(100, 2.0);
        McResult mc = MonteCarloEngine.price(GOLDEN, payoff, new McConfig(1_000_000, 11, 2, true));
        Sensitivities exact = BachelierFormulas.smoothedCall(GOLDEN, payoff);
        within(exact.value(), mc.estimate().value(), mc.standardError().value(), "price");
        for (int i = 0; i < 3; i++) {
            within(exact.delta(i), mc.estimate().delta(i), mc.standardError().delta(i), "delta " + i);
            for (int j = 0; j < 3; j++) {
                within(exact.gamma(i, j), mc.estimate().gamma(i, j), mc.standardError().gamma(i, j),
                        "gamma " + i + "," + j);
            }
        }
        within(exact.vega().orElseThrow(), mc.estimate().vega().orElseThrow(),
                mc.standardError().vega().orElseThrow(), "vega");
    }

    @Test
    void withoutAntitheticVariatesToo() {
        McResult mc = MonteCarloEngine.price(GOLDEN, new Call(100), new McConfig(400_000, 3, 1, false));
        within(GoldenBaskets.GOLDEN_PRICE, mc.estimate().value(), mc.standardError().value(), "price");
        assertEquals(400_000, mc.samples());
    }

    @Test
    void hessianVectorProductsEqualGammaTimesDirection() {
        double[][] dirs = {{1, 0, 0}, {0.3, -1.2, 2.0}, {1, 1, 1}};
        McResult mc = MonteCarloEngine.price(GOLDEN, new SmoothedCall(100, 1.0), new McConfig(200_000, 5, 2, true), dirs);
        for (int k = 0; k < dirs.length; k++) {
            double[] hv = mc.estimate().hessianVector(k);
            double[] expected = mc.estimate().gammaTimes(dirs[k]);
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], hv[i], 1e-14 * Math.max(1, Math.abs(expected[i])), "k=" + k + " i=" + i);
            }
        }
        Sensitivities exact = BachelierFormulas.smoothedCall(GOLDEN, new SmoothedCall(100, 1.0));
        double[] hvExact = exact.gammaTimes(dirs[1]);
        double[] hvSe = mc.standardError().hessianVector(1);
        for (int i = 0; i < 3; i++) {
            within(hvExact[i], mc.estimate().hessianVector(1)[i], hvSe[i], "Hv " + i);
        }
    }

    @Test
    void bitwiseIdenticalForOneTwoAndEightThreads() {
        SmoothedCall payoff = new SmoothedCall(100, 1.0);
        double[][] dirs = {{0.5, 0.1, -0.2}};
        McResult one = MonteCarloEngine.price(GOLDEN, payoff, new McConfig(300_001, 9, 1, true), dirs);
        McResult two = MonteCarloEngine.price(GOLDEN, payoff, new McConfig(300_001, 9, 2, true), dirs);
        McResult eight = MonteCarloEngine.price(GOLDEN, payoff, new McConfig(300_001, 9, 8, true), dirs);
        assertEquals(one, two);
        assertEquals(one, eight);
        McResult otherSeed = MonteCarloEngine.price(GOLDEN, payoff, new McConfig(300_001, 10, 2, true), dirs);
        assertTrue(one.estimate().value() != otherSeed.estimate().value());
    }

    @Test
    void semiDefiniteCorrelationIsSimulated() {
        // assets 1 and 2 perfectly correlated: rank-2 correlation, still a valid market
        double[][] corr = {{1, 1, 0.2}, {1, 1, 0.2}, {0.2, 0.2, 1}};
        BachelierBasket b = new BachelierBasket(new double[] {100, 95, 105}, new double[] {0.5, 0.3, 0.2},
                new double[] {20, 15, 25}, corr, 100, 1);
        assertEquals(2, b.factorRank());
        McResult mc = MonteCarloEngine.price(b, new Call(100), new McConfig(400_000, 1, 2, true));
        double exact = BachelierFormulas.call(b, 100).value();
        within(exact, mc.estimate().value(), mc.standardError().value(), "price");
        // the same market as a two-asset basket: asset 1+2 merged (vol 0.5*20 + 0.3*15 = 14.5 per unit weight)
        BachelierBasket merged = new BachelierBasket(new double[] {(50 + 28.5) / 0.8, 105}, new double[] {0.8, 0.2},
                new double[] {14.5 / 0.8, 25}, new double[][] {{1, 0.2}, {0.2, 1}}, 100, 1);
        assertEquals(BachelierFormulas.call(merged, 100).value(), exact, 1e-12);
    }

    @Test
    void digitalHasPriceButNoPathwiseDeltas() {
        McResult mc = MonteCarloEngine.price(GOLDEN, new Digital(100), new McConfig(100_000, 1, 1, true));
        assertFalse(mc.estimate().hasDelta());
        // P(B > K) = N((B0 − K)/s)
        double p = BachelierFormulas.normalCdf((99.5 - 100) / GOLDEN.basketStdDev());
        within(p, mc.estimate().value(), mc.standardError().value(), "digital");
        assertThrows(IllegalArgumentException.class, () -> MonteCarloEngine.price(GOLDEN, new Digital(100),
                new McConfig(10, 1, 1, true), new double[][] {{1, 0, 0}}));
    }

    @Test
    void theFewestPathsGiveAPositiveStandardError() {
        McResult two = MonteCarloEngine.price(GOLDEN, new Forward(100), new McConfig(2, 3, 1, false));
        assertEquals(2, two.samples());
        assertTrue(two.standardError().value() > 0, "se " + two.standardError().value());
        McResult pairs = MonteCarloEngine.price(GOLDEN, new SmoothedCall(100, 50), new McConfig(3, 3, 1, true));
        assertEquals(2, pairs.samples());
        assertTrue(pairs.standardError().value() > 0, "se " + pairs.standardError().value());
    }

    @Test
    void oneSampleHasAnUndefinedStandardErrorNotZero() {
        SampleStatistics st = new SampleStatistics(1);
        st.add(new double[] {3.0});
        assertEquals(3.0, st.mean(0));
        assertTrue(Double.isNaN(st.standardError(0)));
    }

    @Test
    void rejectsBadConfiguration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new McConfig(0, 1, 1, false));
        assertEquals("paths must be >= 2 (a standard error needs at least 2 samples), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new McConfig(1, 1, 1, false));
        assertEquals("paths must be >= 2 (a standard error needs at least 2 samples), got 1", e.getMessage());
        // two paths with antithetic variates are one pair, one sample of the estimator
        e = assertThrows(IllegalArgumentException.class, () -> new McConfig(2, 1, 1, true));
        assertEquals("paths must be >= 3 with antithetic variates (a standard error needs at least 2 antithetic pairs), "
                + "got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new McConfig(10, 1, 0, true));
        assertEquals("threads must be in [1, 1024], got 0", e.getMessage());
    }
}
