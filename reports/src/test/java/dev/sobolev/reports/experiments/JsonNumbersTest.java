package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@link JsonNumbers}: non-finite figures are written as null, so the JSON parses. */
class JsonNumbersTest {
    @Test
    void nonFiniteNumbersBecomeNull() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        JsonNumbers.put(o, "pearson", Double.NaN);
        JsonNumbers.put(o, "rmse", 0.25);
        JsonNumbers.put(o, "failed", Double.POSITIVE_INFINITY);
        JsonNumbers.add(o.putArray("curve"), List.of(1.0, Double.NaN, Double.NEGATIVE_INFINITY));
        assertEquals("{\"pearson\":null,\"rmse\":0.25,\"failed\":null,\"curve\":[1.0,null,null]}", o.toString());
    }
}
