package dev.sobolev.reports.model;

import java.util.Objects;

import tech.tablesaw.api.Table;

/**
 * A Tablesaw table with the file stem it is written under ({@code <stem>.csv} beside the report) and a caption.
 * The table is copied in and out, so the record stays immutable.
 *
 * @param stem    file stem, lower-case letters, digits and dashes
 * @param caption what the table shows
 * @param table   the table
 */
public record NamedTable(String stem, String caption, Table table) {
    /** Checks the stem and copies the table. */
    public NamedTable {
        Objects.requireNonNull(stem, "stem");
        if (!stem.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("table stem must be lower-case letters, digits and dashes, got " + stem);
        }
        Objects.requireNonNull(caption, "caption");
        table = table.copy();
    }

    /** @return a copy of the table */
    @Override
    public Table table() {
        return table.copy();
    }
}
