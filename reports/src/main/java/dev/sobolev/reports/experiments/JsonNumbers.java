package dev.sobolev.reports.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Numbers of the experiments' JSON: JSON has no NaN or infinity (Jackson would print {@code NaN}, which no parser
 * reads), so a non-finite figure (a Pearson correlation of constant predictions, a failed training's +∞) is written
 * as {@code null}.
 */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /**
     * Puts a number, or null when it is not finite.
     *
     * @param o     the object
     * @param name  the field
     * @param value the number
     */
    static void put(ObjectNode o, String name, double value) {
        if (Double.isFinite(value)) {
            o.put(name, value);
        } else {
            o.putNull(name);
        }
    }

    /**
     * Appends numbers, each finite one as it is and the others as null.
     *
     * @param a      the array
     * @param values the numbers
     */
    static void add(ArrayNode a, Iterable<Double> values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }
}
