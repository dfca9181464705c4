package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * One section of an {@link ExperimentReport}: a paragraph saying what is shown and against which figure or table
 * of the paper, key figures, tables (each also written as a CSV file) and plots.
 *
 * @param id      HTML anchor, lower-case letters, digits and dashes
 * @param title   heading
 * @param text    the paragraph (plain text, escaped when rendered)
 * @param facts   key figures as name/value rows
 * @param tables  the tables
 * @param figures the plots
 */
public record ExperimentSection(String id, String title, String text, List<Fact> facts, List<NamedTable> tables,
                                List<Figure> figures) {
    /** Checks the anchor and copies the lists. */
    public ExperimentSection {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("section id must be lower-case letters, digits and dashes, got " + id);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        facts = List.copyOf(facts);
        tables = List.copyOf(tables);
        figures = List.copyOf(figures);
    }
}
