package dev.sobolev.pricing.bachelier;

/** Market data shared by the tests. */
public final class GoldenBaskets {
    private GoldenBaskets() {
    }

    /**
     * REFERENCES.md §1 golden case (checked there with QuantLib's Bachelier formula and a 2·10⁶-path NumPy MC):
     * price 5.9110438145.
     */
    public static BachelierBasket threeAssets() {
        return new BachelierBasket(new double[] {100, 95, 105}, new double[] {0.5, 0.3, 0.2},
                new double[] {20, 15, 25},
                new double[][] {{1, 0.5, 0.3}, {0.5, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1);
    }

    /** REFERENCES.md §1 golden price of {@link #threeAssets()}. */
    public static final double GOLDEN_PRICE = 5.9110438145;
}
