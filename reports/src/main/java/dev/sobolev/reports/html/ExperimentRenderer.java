package dev.sobolev.reports.html;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders an {@link ExperimentReport} (an experiment of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient
 * Information for Machine Learning Model Training") as one self-contained HTML5 page, with the same page, plots and
 * escaping as {@link ReportRenderer}: each section's paragraph, its facts, its tables (decimal figures to 6
 * significant digits) and its figures (line or marker series with error bars, or a contour surface with series on
 * top; markers on a surface are drawn large with a white rim), then the provenance. Pure: the same report gives
 * the same string.
 */
public final class ExperimentRenderer {
    private ExperimentRenderer() {
    }

    /**
     * The report as an HTML document.
     *
     * @param report what to show
     * @return the document, UTF-8 text starting with {@code <!DOCTYPE html>}
     */
    public static String render(ExperimentReport report) {
        List<Section> sections = new ArrayList<>();
        for (ExperimentSection s : report.sections()) {
            StringBuilder body = new StringBuilder();
            if (!s.text().isEmpty()) {
                body.append(Html.paragraph(s.text()));
            }
            body.append(Html.facts(s.facts()));
            for (NamedTable t : s.tables()) {
                body.append("<p class=\"caption\">").append(Html.escape(t.caption())).append(" (")
                        .append(Html.escape(t.stem())).append(".csv)</p>\n").append(Html.table(formatted(t.table())));
            }
            for (Figure f : s.figures()) {
                body.append(figure(s.id() + "-" + f.id(), f));
            }
            sections.add(new Section(s.id(), s.title(), body.toString()));
        }
        sections.add(new Section("provenance", "Provenance", report.provenance().isEmpty()
                ? Html.notAvailable("Provenance", "none recorded") : Html.facts(report.provenance())));
        return Page.render(report.title(), report.summary(), sections);
    }

    /** The table with its decimal columns shown to 6 significant digits. */
    private static Table formatted(Table table) {
        for (Column<?> c : table.columns()) {
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(Formats.generalColumn());
            }
        }
        return table;
    }

    private static String figure(String id, Figure f) {
        ArrayNode data = Plots.traces();
        for (Figure.Surface s : f.surfaces()) {
            ObjectNode t = data.addObject();
            t.put("type", "contour");
            t.put("name", Plots.text(s.name()));
            t.set("x", Plots.numbers(s.x()));
            t.set("y", Plots.numbers(s.y()));
            ArrayNode z = t.putArray("z");
            s.z().forEach(row -> z.add(Plots.numbers(row)));
            t.put("colorscale", "Viridis");
            t.put("ncontours", 30);
            t.putObject("colorbar").putObject("title").put("text", Plots.text(s.name()));
        }
        int i = 0;
        for (Figure.Series s : f.series()) {
            String mode = switch (s.style()) {
                case LINES -> "lines";
                case MARKERS -> "markers";
                case LINES_AND_MARKERS -> "lines+markers";
            };
            ObjectNode t = Plots.scatter(s.name(), mode, Plots.numbers(s.x()), Plots.numbers(s.y()));
            String colour = Plots.colour(i);
            if (t.has("marker")) {
                ObjectNode marker = ((ObjectNode) t.get("marker")).put("color", colour).put("opacity", 0.9)
                        .put("size", f.surfaces().isEmpty() ? 6 : 11);
                if (!f.surfaces().isEmpty()) {
                    marker.put("color", Plots.colour(i + 1)).putObject("line").put("color", "#ffffff").put("width", 2);
                }
            }
            if (t.has("line")) {
                ((ObjectNode) t.get("line")).put("color", colour);
            }
            if (!s.error().isEmpty()) {
                t.putObject("error_y").put("type", "data").put("visible", true).put("thickness", 1)
                        .set("array", Plots.numbers(s.error()));
            }
            data.add(t);
            i++;
        }
        ObjectNode layout = Plots.layout(f.x().title(), f.x().log(), f.y().title(), f.y().log());
        if (f.series().size() > 4) {
            Plots.legendRight(layout);
        }
        return Plots.figure(id, f.caption(), data, layout);
    }
}
