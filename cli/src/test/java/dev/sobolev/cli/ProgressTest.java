package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barFillsInProportionAndStaysInItsWidth() {
        assertEquals("[------------------------]", Progress.bar(0, 100));
        assertEquals("[############------------]", Progress.bar(50, 100));
        assertEquals("[########################]", Progress.bar(100, 100));
        assertEquals("[########################]", Progress.bar(120, 100));
        assertEquals("[#-----------------------]", Progress.bar(1, 24));
    }
}
