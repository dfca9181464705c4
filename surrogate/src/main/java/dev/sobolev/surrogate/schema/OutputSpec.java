package dev.sobolev.surrogate.schema;

import java.util.Objects;

/**
 * One output of a model: its name and unit.
 *
 * @param name the output's name, non-blank (e.g. {@code price})
 * @param unit its unit, empty when none is known
 */
public record OutputSpec(String name, String unit) {
    /**
     * Validates the spec.
     *
     * @param name the output's name
     * @param unit its unit
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     if the unit is null
     */
    public OutputSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("output name must be non-blank, got '" + name + "'");
        }
        Objects.requireNonNull(unit, "unit");
    }
}
