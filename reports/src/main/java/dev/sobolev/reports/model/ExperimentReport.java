package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code experiment} run shows: a title, a one-line summary, its sections (facts, tables and figures
 * reproducing a figure or table of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine
 * Learning Model Training") and its provenance (seed, draws, settings, software, machine, timings).
 *
 * @param name       the experiment's name as the command line spells it ({@code ridge}, {@code delta-min}, …)
 * @param title      the page title
 * @param summary    one line: the headline figures against the paper's
 * @param sections   the sections in reading order
 * @param provenance how the figures were made
 */
public record ExperimentReport(String name, String title, String summary, List<ExperimentSection> sections,
                               List<Fact> provenance) {
    /** Checks for missing parts and copies the lists. */
    public ExperimentReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        sections = List.copyOf(sections);
        provenance = List.copyOf(provenance);
    }
}
