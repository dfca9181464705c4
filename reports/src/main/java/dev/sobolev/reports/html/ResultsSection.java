package dev.sobolev.reports.html;

import java.util.List;
import java.util.Optional;

import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.SlideTable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Sobolev-pruning results table (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning"): our test R² beside
 * the slide's, with a mark where ours is at least the slide's; then the protocol that produced our figures.
 */
final class ResultsSection {
    /** Marks a cell of ours that matches or beats the slide's. */
    static final String MARK = "✓";

    private ResultsSection() {
    }

    /** The section of the slide table (if any) and the protocol facts. */
    static Section of(Optional<SlideTable> slide, List<Fact> protocol) {
        StringBuilder body = new StringBuilder();
        body.append(slide.map(ResultsSection::slideTable)
                .orElseGet(() -> Html.notAvailable("Comparison with the slide", "the protocol is not the slide's")));
        body.append(Html.heading("Protocol"));
        if (protocol.isEmpty()) {
            body.append(Html.notAvailable("Protocol", "the job that assembled the report recorded none"));
        } else {
            body.append(Html.paragraph("These settings were chosen without looking at the test set."));
            body.append(Html.facts(protocol));
        }
        return new Section("results", "Results", body.toString());
    }

    private static String slideTable(SlideTable slide) {
        StringColumn stage = StringColumn.create("stage");
        IntColumn parameters = IntColumn.create("parameters");
        StringColumn value = StringColumn.create("R² value");
        StringColumn slideValue = StringColumn.create("slide value");
        StringColumn delta = StringColumn.create("R² delta");
        StringColumn slideDelta = StringColumn.create("slide delta");
        StringColumn gamma = StringColumn.create("R² gamma");
        StringColumn slideGamma = StringColumn.create("slide gamma");
        for (SlideTable.Row r : slide.rows()) {
            stage.append(r.stage());
            parameters.append(r.parameters());
            value.append(ours(r.value(), r.slideValue()));
            slideValue.append(Formats.r2(r.slideValue()));
            delta.append(ours(r.delta(), r.slideDelta()));
            slideDelta.append(Formats.r2(r.slideDelta()));
            gamma.append(ours(r.gamma(), r.slideGamma()));
            slideGamma.append(Formats.r2(r.slideGamma()));
        }
        return Html.table(Table.create("slide", stage, parameters, value, slideValue, delta, slideDelta, gamma,
                slideGamma))
                + "<p class=\"note\">Test R² of our models beside the slide's; " + MARK
                + " marks ours at least the slide's; " + Formats.MISSING + " where a figure does not exist. Slide: "
                + Html.escape(slide.source()) + "</p>\n";
    }

    private static String ours(double ours, double slide) {
        boolean beats = !Double.isNaN(ours) && !Double.isNaN(slide) && ours >= slide;
        return beats ? Formats.r2(ours) + "\u00a0" + MARK : Formats.r2(ours);
    }
}
