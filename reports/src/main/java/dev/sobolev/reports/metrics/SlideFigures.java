package dev.sobolev.reports.metrics;

import java.util.List;
import java.util.Optional;

import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.SlideTable;

/**
 * The published test R² of Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning" (PASC'24, arXiv 2312.03510), its
 * results slide (docs/REFERENCES.md §2): the Kichler recipe, d = 7, exact 4096-row test set; values flattened,
 * deltas all n·d entries pooled, gamma 1ᵀH1. Our rows are set beside them in a {@link SlideTable}.
 */
public final class SlideFigures {
    /** Where the figures come from, as the report cites it. */
    public static final String SOURCE = "Kichler, Afghan & Naumann, \"Towards Sobolev Pruning\" (PASC'24, "
            + "arXiv 2312.03510), results slide; docs/REFERENCES.md §2";
    /**
     * The slide's oversized network (7→128×6→1 SiLU, vanilla training); the label says so, as ours beside it may be
     * Sobolev-trained (the pipeline's is).
     */
    public static final String OVERSIZED = "Oversized (the slide's: values-only training)";
    /** The slide's network pruned to 8 units per hidden layer, before fine-tuning. */
    public static final String PRUNED = "Pruned";
    /** The pruned network fine-tuned with the Sobolev loss on the oversized network's values and deltas. */
    public static final String FINETUNED_NN = "Sobolev fine-tuned on NN data";
    /** The pruned network fine-tuned with the Sobolev loss on exact Bachelier labels. */
    public static final String FINETUNED_BACHELIER = "Sobolev fine-tuned on Bachelier data";

    /**
     * One row of the slide.
     *
     * @param stage the stage as the slide names it
     * @param value R² of values
     * @param delta R² of deltas
     * @param gamma R² of gamma
     */
    public record Figures(String stage, double value, double delta, double gamma) {
    }

    /** The slide's rows in its order. */
    public static final List<Figures> ROWS = List.of(
            new Figures(OVERSIZED, 0.999545, 0.998700, 0.997033),
            new Figures(PRUNED, 0.999296, 0.996718, 0.902470),
            new Figures(FINETUNED_NN, 0.999805, 0.999479, 0.987393),
            new Figures(FINETUNED_BACHELIER, 0.999962, 0.999863, 0.997374));

    private SlideFigures() {
    }

    /**
     * The slide's row of a stage.
     *
     * @param stage the stage as the slide names it
     * @return its figures, empty if the slide has no such row
     */
    public static Optional<Figures> of(String stage) {
        return ROWS.stream().filter(f -> f.stage().equals(stage)).findFirst();
    }

    /**
     * Our row beside the slide's: the pooled ({@code all}) R² of value, delta and gamma of the first output among
     * one stage's metrics, and the slide's figures of {@code slideStage} (NaN where the slide has no such row, or
     * where our metrics lack the quantity).
     *
     * @param slideStage the stage as the slide names it
     * @param parameters our model's parameter count
     * @param metrics    our metrics rows of that model ({@link ValidationMetrics#of}; the first row's stage and
     *                   output are taken)
     * @return the row
     */
    public static SlideTable.Row row(String slideStage, int parameters, List<MetricsRow> metrics) {
        double value = Double.NaN;
        double delta = Double.NaN;
        double gamma = Double.NaN;
        if (!metrics.isEmpty()) {
            String stage = metrics.get(0).stage();
            String output = metrics.get(0).output();
            value = ValidationMetrics.r2(metrics, stage, output, ValidationMetrics.VALUE, ValidationMetrics.ALL);
            delta = ValidationMetrics.r2(metrics, stage, output, ValidationMetrics.DELTA, ValidationMetrics.ALL);
            gamma = ValidationMetrics.r2(metrics, stage, output, ValidationMetrics.GAMMA, ValidationMetrics.ALL);
        }
        Optional<Figures> slide = of(slideStage);
        return new SlideTable.Row(slideStage, parameters, value, delta, gamma,
                slide.map(Figures::value).orElse(Double.NaN), slide.map(Figures::delta).orElse(Double.NaN),
                slide.map(Figures::gamma).orElse(Double.NaN));
    }
}
