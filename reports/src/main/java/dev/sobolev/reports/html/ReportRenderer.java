package dev.sobolev.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.SlideTable;
import dev.sobolev.reports.model.ValidationReport;

/**
 * Renders a {@link ValidationReport} as one self-contained HTML5 page (DESIGN.md, "Pipeline and reports"): a header
 * with a summary line, then the results against the Sobolev-pruning slide and the protocol, metrics, parity plots,
 * error against the basket level, learning curves, pruning, data, the GARCH fit (when the report has one) and
 * provenance. A part the report does not hold says so in one line; nothing is made up.
 *
 * <p>Pure: the same report gives the same string, and nothing outside the report is read except plotly.js, which
 * is inlined once from its WebJar ({@code org.webjars.bower:plotly.js}). The page references nothing outside itself
 * (no {@code http:} or {@code https:} source, link or stylesheet URL; plotly's logo link is switched off), so it
 * opens offline; plots are SVG, tables are escaped, and a print stylesheet lays it out on paper.
 */
public final class ReportRenderer {
    private ReportRenderer() {
    }

    /**
     * The report as an HTML document.
     *
     * @param report what to show
     * @return the document, UTF-8 text starting with {@code <!DOCTYPE html>}
     */
    public static String render(ValidationReport report) {
        List<Section> sections = new ArrayList<>();
        sections.add(ResultsSection.of(report.slide(), report.protocol()));
        sections.add(MetricsSection.of(report.metrics()));
        sections.add(EvaluationSections.parity(report.models()));
        sections.add(EvaluationSections.levelError(report.models()));
        sections.add(LearningSection.of(report.learningCurves()));
        sections.add(PruningSection.of(report.pruning(), inputNames(report)));
        sections.add(DataSection.of(report.dataset(), report.priceCheck()));
        report.garch().map(GarchSection::of).ifPresent(sections::add);
        sections.add(ProvenanceSection.of(report.provenance()));
        return Page.render(report.title(), summary(report), sections);
    }

    /** One line: how many models, the last one's R² over all test rows, how the slide's rows compare. */
    private static String summary(ValidationReport report) {
        List<ModelEvaluation> models = report.models();
        if (models.isEmpty()) {
            return "No model was evaluated.";
        }
        ModelEvaluation last = models.get(models.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(models.size()).append(models.size() == 1 ? " model" : " models")
                .append(" evaluated on the exact test set. Final: ").append(last.stage()).append(" (")
                .append(last.parameters()).append(" parameters)");
        List<MetricsRow> all = report.metrics().stream()
                .filter(m -> m.stage().equals(last.stage()) && m.region().equals("all")).toList();
        if (!all.isEmpty()) {
            String output = all.get(0).output();
            List<String> parts = new ArrayList<>();
            for (String q : List.of("value", "delta", "gamma")) {
                all.stream().filter(m -> m.output().equals(output) && m.quantity().equals(q)).findFirst()
                        .ifPresent(m -> parts.add(q + " " + Formats.r2(m.r2())));
            }
            if (!parts.isEmpty()) {
                s.append(", test R² ").append(String.join(", ", parts));
            }
        }
        s.append('.');
        Optional<SlideTable> slide = report.slide();
        slide.ifPresent(t -> s.append(" Slide comparison: ")
                .append(t.rows().stream().filter(SlideTable.Row::beatsSlide).count()).append(" of ")
                .append(t.rows().size()).append(" rows match or beat the slide's."));
        return s.toString();
    }

    /** The input names for the pruning bound: the first model's, else the data set's. */
    private static List<String> inputNames(ValidationReport report) {
        if (!report.models().isEmpty()) {
            return report.models().get(0).inputNames();
        }
        return report.dataset().map(d -> d.inputNames()).orElse(List.of());
    }
}
