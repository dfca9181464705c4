package dev.sobolev.reports.model;

import java.util.Objects;

/**
 * One named figure or setting, shown as a row of a two-column table ("epochs" → "100").
 *
 * @param name  what it is
 * @param value its value as shown
 */
public record Fact(String name, String value) {
    /** Checks for missing parts. */
    public Fact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
