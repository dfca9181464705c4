package dev.sobolev.surrogate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.Dataset;

class ModelSchemaTest {
    /** Rows (1, 10), (3, 20), (2, 60): column means 2 and 30, population deviations √(2/3) and √(1400/3). */
    private static Dataset dataset(ObjectNode meta) {
        return Dataset.builder(3, 2).x(new double[] {1, 10, 3, 20, 2, 60}).y(new double[] {0, 0, 0}).meta(meta)
                .build();
    }

    @Test
    void theDomainIsTheBoxAndMomentsOfTheTrainingInputs() {
        ModelSchema s = ModelSchema.of(dataset(null));
        assertEquals(new InputSpec("x1", "", 1, 3, 2, Math.sqrt(2.0 / 3)), s.input(0));
        assertEquals(new InputSpec("x2", "", 10, 60, 30, Math.sqrt(1400.0 / 3)), s.input(1));
        assertEquals(List.of(new OutputSpec("y", "")), s.outputs());
    }

    @Test
    void namesAndUnitsComeFromMetaJson() {
        ObjectNode meta = new ObjectMapper().createObjectNode();
        new Columns(List.of("S1", "S2"), List.of("price", "price"), List.of("price"), List.of("price")).writeTo(meta);
        ModelSchema s = ModelSchema.of(dataset(meta));
        assertEquals(List.of("S1", "S2"), s.inputNames());
        assertEquals("price", s.input(1).unit());
        assertEquals(new OutputSpec("price", "price"), s.output(0));
    }

    @Test
    void anUnknownDomainIsUnboundedSoEveryFinitePointLiesInIt() {
        InputSpec u = ModelSchema.unknown(2, 3).input(1);
        assertEquals("x2", u.name());
        assertFalse(u.bounded());
        assertTrue(u.contains(-1e308) && u.contains(1e308));
        assertEquals(5.0, u.clamp(5.0), 0.0);
        assertTrue(Double.isNaN(u.mean()) && Double.isNaN(u.sd()));
        assertEquals(List.of("y1", "y2", "y3"), ModelSchema.unknown(2, 3).outputs().stream().map(OutputSpec::name)
                .toList());
        InputSpec b = ModelSchema.of(dataset(null)).input(0);
        assertTrue(b.bounded() && b.contains(1) && b.contains(3) && !b.contains(3.0000001) && !b.contains(Double.NaN));
        assertEquals(3.0, b.clamp(7.5), 0.0);
        assertEquals("[1.0, 3.0]", b.box());
    }

    @Test
    void rejectsInconsistentSpecsNamingTheInput() {
        assertEquals("input S1: lower must be <= upper, got [2.0, 1.0]", assertThrows(IllegalArgumentException.class,
                () -> new InputSpec("S1", "", 2, 1, 1.5, 0)).getMessage());
        assertEquals("input S1: lower must be a number or -infinity, got NaN", assertThrows(
                IllegalArgumentException.class, () -> new InputSpec("S1", "", Double.NaN, 1, 0, 0)).getMessage());
        assertEquals("input S1: sd must be finite and >= 0 or NaN (unknown), got -1.0", assertThrows(
                IllegalArgumentException.class, () -> new InputSpec("S1", "", 0, 1, 0, -1)).getMessage());
        assertEquals("input name 'a' appears twice", assertThrows(IllegalArgumentException.class,
                () -> new ModelSchema(List.of(InputSpec.unknown("a", ""), InputSpec.unknown("a", "")),
                        List.of(new OutputSpec("y", "")))).getMessage());
        assertEquals("a model schema needs a data set with at least one row, got 0", assertThrows(
                IllegalArgumentException.class, () -> ModelSchema.of(Dataset.builder(0, 2).x(new double[0])
                        .y(new double[0]).build())).getMessage());
    }
}
