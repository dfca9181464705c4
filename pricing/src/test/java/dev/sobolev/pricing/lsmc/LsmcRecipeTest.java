package dev.sobolev.pricing.lsmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

class LsmcRecipeTest {

    /** d = 10,000 ran for minutes without output (the market is cubic in d): refused before any work. */
    @Test
    void dimensionsAreBoundedBeforeAnyWork() {
        for (LsmcRecipe.Kind kind : LsmcRecipe.Kind.values()) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> LsmcRecipe.of(kind, 10_000, 1, null, false));
            assertEquals("dimension", e.parameter());
            assertEquals("must be in [1, 500], got 10000 (building the random market takes time cubic in d: d = 500 "
                    + "takes about 10 s)", e.detail());
            assertEquals("must be in [1, 500], got 0", assertThrows(InvalidParameterException.class,
                    () -> LsmcRecipe.of(kind, 0, 1, null, false)).detail());
        }
        assertEquals(2, LsmcRecipe.of(LsmcRecipe.Kind.HUGE_SAVINE, 2, 1, null, false).dimension());
    }
}
