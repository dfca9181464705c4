package dev.sobolev.pricing.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.fuzz.Fuzz;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.GoldenBaskets;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * Seeded properties of {@link McConfig} and {@link MonteCarloEngine#price}: with random small path counts, seeds,
 * thread counts and antithetic on or off, a configuration below the documented minimum is refused naming
 * {@code paths}, and every other run gives finite estimates whose standard errors are finite and positive (the
 * smoothed call is strictly convex, and its strike is off the basket's spot so that antithetic pairs do not
 * cancel the variation of its first derivative, so no statistic is constant across paths).
 */
class MonteCarloPropertyTest {

    @Test
    void smallPathCountsAreRefusedOrGiveFinitePositiveStandardErrors() {
        BachelierBasket basket = GoldenBaskets.threeAssets();
        SmoothedCall payoff = new SmoothedCall(basket.basketSpot() + 0.3 * basket.basketStdDev(),
                basket.basketStdDev());
        double[][] directions = {{1, 0, 0}, {0.5, -1, 2}};
        Fuzz.run(2401, Fuzz.cases() / 5, r -> {
            long paths = r.nextInt(51);
            boolean antithetic = r.nextBoolean();
            long seed = r.nextLong();
            int threads = 1 + r.nextInt(3);
            McConfig config;
            try {
                config = new McConfig(paths, seed, threads, antithetic);
            } catch (IllegalArgumentException e) {
                Fuzz.assertCleanRefusal(e, "paths", paths + " paths, antithetic " + antithetic);
                assertTrue(paths < (antithetic ? 3 : 2), "refused " + paths + " paths: " + e.getMessage());
                return;
            }
            assertTrue(paths >= (antithetic ? 3 : 2), "accepted " + paths + " paths, antithetic " + antithetic);
            McResult result = MonteCarloEngine.price(basket, payoff, config, directions);
            String context = paths + " paths, antithetic " + antithetic + ", seed " + seed;
            assertFinite(result.estimate(), false, context);
            assertFinite(result.standardError(), true, context);
            assertEquals(antithetic ? (paths + 1) / 2 : paths, result.samples(), context);
        });
    }

    /** Every entry finite; with {@code positive}, also > 0 (standard errors). */
    private static void assertFinite(Sensitivities s, boolean positive, String context) {
        check(s.value(), positive, "value", context);
        for (int i = 0; i < s.dimension(); i++) {
            check(s.delta(i), positive, "delta " + i, context);
            for (int j = 0; j < s.dimension(); j++) {
                check(s.gamma(i, j), positive, "gamma " + i + "," + j, context);
            }
        }
        for (int k = 0; k < s.directionCount(); k++) {
            for (double v : s.hessianVector(k)) {
                check(v, positive, "Hessian-vector product " + k, context);
            }
        }
        assertTrue(s.vega().isPresent(), "vega missing: " + context);
        check(s.vega().getAsDouble(), positive, "vega", context);
    }

    private static void check(double v, boolean positive, String what, String context) {
        assertTrue(Double.isFinite(v) && (!positive || v > 0), what + " is " + v + " with " + context);
    }
}
