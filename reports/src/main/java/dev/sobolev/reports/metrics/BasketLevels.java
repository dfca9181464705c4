package dev.sobolev.reports.metrics;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.dataset.Dataset;

/**
 * Where each row of a test set lies: its basket level Σwᵢxᵢ and moneyness Σwᵢxᵢ/K, from the basket weights and
 * strike of the set's {@code meta.json} ({@code market.weights}, {@code market.strike}, as the LSMC writer records
 * them), and the rows' deciles by moneyness, the regions of the metrics table. Without a basket in the metadata
 * the level and the moneyness are both the mean input (Σxᵢ)/d, named "mean input". Immutable.
 */
public final class BasketLevels {
    /** Number of regions {@link #decile} splits the rows into. */
    public static final int DECILES = 10;

    private final String levelName;
    private final double[] level;
    private final double[] moneyness;
    private final int[] decile;
    private final double[] lower;
    private final double[] upper;
    private final int[] count;

    private BasketLevels(String levelName, double[] level, double[] moneyness) {
        this.levelName = levelName;
        this.level = level;
        this.moneyness = moneyness;
        int n = level.length;
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        // a stable sort: rows of equal moneyness keep their order, so the deciles are reproducible
        Arrays.sort(order, (a, b) -> Double.compare(moneyness[a], moneyness[b]));
        decile = new int[n];
        lower = new double[DECILES];
        upper = new double[DECILES];
        count = new int[DECILES];
        Arrays.fill(lower, Double.NaN);
        Arrays.fill(upper, Double.NaN);
        for (int rank = 0; rank < n; rank++) {
            int row = order[rank];
            int k = (int) ((long) rank * DECILES / n);
            decile[row] = k;
            if (count[k]++ == 0) {
                lower[k] = moneyness[row];
            }
            upper[k] = moneyness[row];
        }
    }

    /**
     * The levels of a test set's rows.
     *
     * @param test the test set
     * @return the basket levels when its metadata names a basket of its input dimension with a positive strike,
     *         else the mean inputs
     */
    public static BasketLevels of(Dataset test) {
        int n = test.rows();
        int d = test.inputDim();
        JsonNode meta = test.meta().orElse(null);
        double[] w = weights(meta, d);
        double strike = w == null ? Double.NaN : meta.path("market").path("strike").asDouble(Double.NaN);
        boolean basket = w != null && strike > 0 && Double.isFinite(strike);
        double[] level = new double[n];
        double[] moneyness = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (basket ? w[j] : 1) * test.x(r, j);
            }
            level[r] = basket ? s : s / d;
            moneyness[r] = basket ? s / strike : level[r];
        }
        return new BasketLevels(basket ? "basket level" : "mean input", level, moneyness);
    }

    private static double[] weights(JsonNode meta, int d) {
        JsonNode a = meta == null ? null : meta.path("market").path("weights");
        if (a == null || !a.isArray() || a.size() != d) {
            return null;
        }
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            if (!a.get(j).isNumber()) {
                return null;
            }
            w[j] = a.get(j).asDouble();
        }
        return w;
    }

    /** What the level is, as an axis title: "basket level" or "mean input". */
    public String levelName() {
        return levelName;
    }

    /** Number of rows. */
    public int rows() {
        return level.length;
    }

    /** The level of row r: Σwᵢxᵢ, or the mean input. */
    public double level(int r) {
        return level[r];
    }

    /** The moneyness of row r: Σwᵢxᵢ/K, or the mean input. */
    public double moneyness(int r) {
        return moneyness[r];
    }

    /**
     * The decile of row r by moneyness, 0..9: rows sorted by moneyness (ties in row order), rank ρ in decile
     * ⌊10ρ/n⌋, so the deciles hold equal counts ±1 (some are empty with fewer than ten rows).
     */
    public int decile(int r) {
        return decile[r];
    }

    /** Rows in decile k. */
    public int count(int k) {
        return count[k];
    }

    /** The smallest moneyness in decile k (NaN when it is empty). */
    public double lower(int k) {
        return lower[k];
    }

    /** The largest moneyness in decile k (NaN when it is empty). */
    public double upper(int k) {
        return upper[k];
    }
}
