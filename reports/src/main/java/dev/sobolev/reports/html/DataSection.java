package dev.sobolev.reports.html;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.sobolev.reports.model.DatasetSummary;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.PriceCheckSummary;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The training set (sizes, input ranges, label noise against the exact price) and the golden-basket check
 * (REFERENCES.md §1: Monte Carlo estimate against the closed form, with its standard error and z-score).
 */
final class DataSection {
    private DataSection() {
    }

    /** The section; each missing part is one line. */
    static Section of(Optional<DatasetSummary> dataset, Optional<PriceCheckSummary> priceCheck) {
        String body = Html.heading("Data set")
                + dataset.map(DataSection::dataset)
                        .orElseGet(() -> Html.notAvailable("Data set summary", "the report's job had no training set"))
                + Html.heading("Golden-basket check")
                + priceCheck.map(DataSection::priceCheck)
                        .orElseGet(() -> Html.notAvailable("Golden-basket Monte Carlo check", "not run"));
        return new Section("data", "Data", body);
    }

    private static String dataset(DatasetSummary d) {
        String facts = Html.facts(List.of(
                new Fact("directory", d.path()),
                new Fact("description", d.description()),
                new Fact("training rows", Long.toString(d.rows())),
                new Fact("test rows", Long.toString(d.testRows())),
                new Fact("label noise: sd of (label − exact price)", Formats.error(d.noiseSd())),
                new Fact("label noise: R² of labels against exact prices", Formats.r2(d.noiseR2()))));
        StringColumn input = StringColumn.create("input");
        StringColumn lower = StringColumn.create("smallest");
        StringColumn upper = StringColumn.create("largest");
        for (int i = 0; i < d.inputNames().size(); i++) {
            input.append(d.inputNames().get(i));
            lower.append(i < d.lower().size() ? Formats.general(d.lower().get(i)) : Formats.MISSING);
            upper.append(i < d.upper().size() ? Formats.general(d.upper().get(i)) : Formats.MISSING);
        }
        return "<div class=\"tables\">\n<div>\n" + facts + "</div>\n<div>\n<p class=\"note\">Input ranges of the"
                + " training rows</p>\n" + Html.table(Table.create("ranges", input, lower, upper))
                + "</div>\n</div>\n";
    }

    private static String priceCheck(PriceCheckSummary c) {
        return Html.facts(List.of(
                new Fact("Monte Carlo estimate", Formats.general(c.monteCarlo())),
                new Fact("closed form", Formats.general(c.closedForm())),
                new Fact("standard error", Formats.error(c.stderr())),
                new Fact("z = (Monte Carlo − closed form) / standard error", String.format(Locale.ROOT,
                        "%.3f", c.zScore())),
                new Fact("paths", Long.toString(c.paths()))));
    }
}
