package dev.sobolev.reports.model;

import java.util.Objects;

/**
 * One row of the metrics table: how well one model reproduces one quantity of one output in one region of the
 * exact test set. R² = 1 − Σ(y−ŷ)²/Σ(y−ȳ)² (NaN when the exact labels have no spread in the region), RMSE and
 * max |y−ŷ| in the quantity's units.
 *
 * @param stage    the model's stage
 * @param output   output name
 * @param quantity {@code value}, {@code delta <input>}, {@code delta} (all deltas pooled) or {@code gamma}
 * @param region   {@code all}, or {@code decile k} (k = 1..10 of the basket moneyness)
 * @param lower    the region's lowest moneyness (−∞ for {@code all})
 * @param upper    the region's highest moneyness (+∞ for {@code all})
 * @param rows     test rows in the region
 * @param r2       R²
 * @param rmse     root mean square error
 * @param maxError largest absolute error
 */
public record MetricsRow(String stage, String output, String quantity, String region, double lower, double upper,
                         int rows, double r2, double rmse, double maxError) {
    /** Checks for missing names. */
    public MetricsRow {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(region, "region");
    }
}
