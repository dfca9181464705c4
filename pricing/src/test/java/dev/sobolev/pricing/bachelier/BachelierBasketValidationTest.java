package dev.sobolev.pricing.bachelier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

class BachelierBasketValidationTest {
    private static final double[] S = {100, 95, 105};
    private static final double[] W = {0.5, 0.3, 0.2};
    private static final double[] V = {20, 15, 25};
    private static final double[][] C = {{1, 0.5, 0.3}, {0.5, 1, 0.4}, {0.3, 0.4, 1}};

    private static String message(Runnable r) {
        return assertThrows(InvalidParameterException.class, r::run).getMessage();
    }

    @Test
    void messagesNameParameterAndValue() {
        assertEquals("vols[1] must be finite, got NaN",
                message(() -> new BachelierBasket(S, W, new double[] {20, Double.NaN, 25}, C, 100, 1)));
        assertEquals("vols[2] must be >= 0, got -25.0",
                message(() -> new BachelierBasket(S, W, new double[] {20, 15, -25}, C, 100, 1)));
        assertEquals("weights has 2 entries but spots has 3",
                message(() -> new BachelierBasket(S, new double[] {0.5, 0.5}, V, C, 100, 1)));
        assertEquals("strike must be finite, got NaN",
                message(() -> new BachelierBasket(S, W, V, C, Double.NaN, 1)));
        assertEquals("maturity must be finite and > 0, got 0.0",
                message(() -> new BachelierBasket(S, W, V, C, 100, 0)));
        assertEquals("correlation must be symmetric, got 0.6 at [1][0] but 0.5 at [0][1]",
                message(() -> new BachelierBasket(S, W, V, new double[][] {{1, 0.5, 0.3}, {0.6, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1)));
        assertEquals("correlation[1][1] must be 1, got 0.9",
                message(() -> new BachelierBasket(S, W, V, new double[][] {{1, 0.5, 0.3}, {0.5, 0.9, 0.4}, {0.3, 0.4, 1}}, 100, 1)));
        assertEquals("correlation must be 3x3 to match spots, got 2 rows",
                message(() -> new BachelierBasket(S, W, V, new double[][] {{1, 0.5}, {0.5, 1}}, 100, 1)));
        assertEquals("correlation[0][1] must be finite and in [-1, 1], got 1.5",
                message(() -> new BachelierBasket(S, W, V, new double[][] {{1, 1.5, 0.3}, {1.5, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1)));
        String psd = message(() -> new BachelierBasket(S, W, V,
                new double[][] {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}}, 100, 1));
        assertTrue(psd.startsWith("correlation must be positive semi-definite, got smallest eigenvalue -"), psd);
    }

    @Test
    void accessorsReturnCopies() {
        BachelierBasket b = new BachelierBasket(S, W, V, C, 100, 1);
        b.spots()[0] = -1;
        b.correlation()[0][1] = 0.99;
        assertEquals(100, b.spot(0));
        assertEquals(0.5, b.correlation()[0][1]);
    }
}
