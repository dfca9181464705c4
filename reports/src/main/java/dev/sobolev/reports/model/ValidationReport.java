package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one validation report shows. Only {@link #title}, {@link #models} and {@link #provenance} are always
 * present; the other parts are shown when the job that assembled the report had them (the pipeline has all).
 *
 * @param title          the report's heading
 * @param protocol       how the figures were produced (sizes, epochs, learning rates, seeds)
 * @param models         every evaluated model in stage order (oversized, pruned, fine-tuned, …)
 * @param metrics        R², RMSE and max error per stage, output, quantity and region
 * @param learningCurves every training's per-epoch losses
 * @param pruning        the pruning trajectory, significance and certified bound, if the report has a pruned model
 * @param slide          the Sobolev-pruning results table with the slide's row beside ours, if the protocol is the slide's
 * @param dataset        the training set's summary, if known
 * @param priceCheck     the golden-basket Monte Carlo check, if run
 * @param garch          the GARCH(1,1) fit with forecasts, if run
 * @param provenance     versions, seeds, commands, configuration, timings and the machine
 */
public record ValidationReport(String title, List<Fact> protocol, List<ModelEvaluation> models,
                               List<MetricsRow> metrics, List<LearningCurve> learningCurves,
                               Optional<PruningTrace> pruning, Optional<SlideTable> slide,
                               Optional<DatasetSummary> dataset, Optional<PriceCheckSummary> priceCheck,
                               Optional<GarchSummary> garch, RunProvenance provenance) {
    /** Checks for missing parts; copies the lists. */
    public ValidationReport {
        Objects.requireNonNull(title, "title");
        protocol = List.copyOf(protocol);
        models = List.copyOf(models);
        metrics = List.copyOf(metrics);
        learningCurves = List.copyOf(learningCurves);
        Objects.requireNonNull(pruning, "pruning");
        Objects.requireNonNull(slide, "slide");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(priceCheck, "priceCheck");
        Objects.requireNonNull(garch, "garch");
        Objects.requireNonNull(provenance, "provenance");
    }
}
