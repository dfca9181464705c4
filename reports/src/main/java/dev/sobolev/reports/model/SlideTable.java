package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * The results table of Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning" (REFERENCES.md), with the slide's
 * row beside each of ours.
 *
 * @param source where the slide's figures come from
 * @param rows   one row per stage
 */
public record SlideTable(String source, List<Row> rows) {
    /** Copies the rows. */
    public SlideTable {
        Objects.requireNonNull(source, "source");
        rows = List.copyOf(rows);
    }

    /**
     * One stage: our test R² and the slide's (NaN where the slide has no such row).
     *
     * @param stage      the stage as the slide names it
     * @param parameters our model's parameter count
     * @param value      our R² of values
     * @param delta      of deltas
     * @param gamma      of gamma
     * @param slideValue the slide's R² of values
     * @param slideDelta of deltas
     * @param slideGamma of gamma
     */
    public record Row(String stage, int parameters, double value, double delta, double gamma, double slideValue,
                      double slideDelta, double slideGamma) {
        /** Checks the name. */
        public Row {
            Objects.requireNonNull(stage, "stage");
        }

        /** Whether every figure of the slide's row is beaten or matched (true when the slide has none). */
        public boolean beatsSlide() {
            return !(value < slideValue) && !(delta < slideDelta) && !(gamma < slideGamma);
        }
    }
}
