package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void accessorsIndexRowMajor() {
        Dataset ds = Dataset.builder(2, 2)
                .x(new double[] {1, 2, 3, 4})
                .y(new double[] {10, 11, 20, 21}, 2)
                .dydx(new double[] {0, 1, 2, 3, 4, 5, 6, 7})
                .hessian(new double[] {1, 2, 3, 4, 5, 6, 7, 8})
                .secondOrder(new double[] {1, 0}, 1, new double[] {9, 8, 7, 6})
                .build();
        assertEquals(3.0, ds.x(1, 0));
        assertEquals(21.0, ds.y(1, 1));
        assertEquals(6.0, ds.dydx(1, 1, 0));
        assertEquals(7.0, ds.hessian(1, 1, 0));
        assertEquals(1, ds.directionCount());
        assertEquals(0.0, ds.direction(0, 1));
        assertEquals(7.0, ds.hv(1, 0, 0));
        assertFalse(ds.hasGamma());
        assertThrows(IllegalStateException.class, () -> ds.gamma(0));
        assertThrows(IllegalStateException.class, () -> ds.y(0));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.x(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.x(0, -1));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] x = {1, 2};
        ObjectNode meta = new ObjectMapper().createObjectNode().put("k", 1);
        Dataset ds = Dataset.builder(2, 1).x(x).y(new double[] {3, 4}).meta(meta).build();
        x[0] = 99;
        meta.put("k", 2);
        assertEquals(1.0, ds.x(0, 0));
        ds.xArray()[1] = 99;
        assertEquals(2.0, ds.x(1, 0));
        ((ObjectNode) ds.meta().orElseThrow()).put("k", 3);
        assertEquals(1, ds.meta().orElseThrow().get("k").asInt());
    }

    @Test
    void validationNamesArrayAndRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder(2, 2).x(new double[3]).y(new double[2]).build());
        assertTrue(e.getMessage().startsWith("X must hold 2x2 = 4 values but holds 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder(2, 1).x(new double[2]).y(new double[] {0, Double.NaN}).build());
        assertTrue(e.getMessage().startsWith("Y row index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder(2, 1).x(new double[2]).build());
        assertTrue(e.getMessage().contains("Y is required"), e.getMessage());
    }
}
