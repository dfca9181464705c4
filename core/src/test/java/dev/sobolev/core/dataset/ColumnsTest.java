package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ColumnsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Dataset dataset(int d, int m, ObjectNode meta) {
        return Dataset.builder(2, d).x(new double[2 * d]).y(new double[2 * m], m).meta(meta).build();
    }

    @Test
    void withoutNamesInMetaTheColumnsAreNumbered() {
        assertEquals(new Columns(List.of("x1", "x2", "x3"), List.of("", "", ""), List.of("y"), List.of("")),
                Columns.of(dataset(3, 1, null)));
        assertEquals(List.of("y1", "y2"), Columns.of(dataset(1, 2, MAPPER.createObjectNode())).outputNames());
    }

    @Test
    void metaNamesAndUnitsRoundTrip() {
        Columns c = new Columns(List.of("mu", "omega"), List.of("", "percent^2"), List.of("h1"), List.of("variance"));
        ObjectNode meta = MAPPER.createObjectNode();
        c.writeTo(meta);
        assertEquals(c, Columns.of(dataset(2, 1, meta)));
        meta.remove(Columns.INPUT_UNITS);
        assertEquals(List.of("", ""), Columns.of(dataset(2, 1, meta)).inputUnits());
    }

    @Test
    void rejectsNamesThatDoNotFitTheDataSet() {
        ObjectNode meta = MAPPER.createObjectNode();
        meta.putArray(Columns.INPUT_NAMES).add("a").add("b");
        assertEquals("meta.json inputNames must be an array of 3 strings (one per column), got [\"a\",\"b\"]",
                assertThrows(IllegalArgumentException.class, () -> Columns.of(dataset(3, 1, meta))).getMessage());
        assertEquals("inputNames[1] repeats the name 'a'", assertThrows(IllegalArgumentException.class,
                () -> new Columns(List.of("a", "a"), List.of("", ""), List.of("y"), List.of(""))).getMessage());
        assertEquals("outputNames[0] must be a non-blank name, got ' '", assertThrows(IllegalArgumentException.class,
                () -> new Columns(List.of("a"), List.of(""), List.of(" "), List.of(""))).getMessage());
        assertEquals("outputUnits has 0 entries, the names 1", assertThrows(IllegalArgumentException.class,
                () -> new Columns(List.of("a"), List.of(""), List.of("y"), List.of())).getMessage());
    }
}
