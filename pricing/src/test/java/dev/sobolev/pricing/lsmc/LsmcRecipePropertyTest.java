package dev.sobolev.pricing.lsmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.fuzz.Fuzz;

/**
 * Seeded property of {@link LsmcRecipe#of}: a dimension outside [1, {@value LsmcRecipe#MAX_DIMENSION}] (zero,
 * negative, just above the limit, far above it, the int extremes) is refused naming {@code dimension} before any
 * market is built; a small valid dimension gives a recipe of that dimension.
 */
class LsmcRecipePropertyTest {

    @Test
    void dimensionsOutOfRangeAreRefusedNamingDimension() {
        LsmcRecipe.Kind[] kinds = LsmcRecipe.Kind.values();
        Fuzz.run(2402, Fuzz.cases() / 5, r -> {
            LsmcRecipe.Kind kind = kinds[r.nextInt(kinds.length)];
            long seed = r.nextLong();
            int dimension;
            switch (r.nextInt(5)) {
                case 0:
                    dimension = -r.nextInt(1000);
                    break;
                case 1:
                    dimension = LsmcRecipe.MAX_DIMENSION + 1 + r.nextInt(100);
                    break;
                case 2:
                    dimension = r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                    break;
                case 3:
                    dimension = LsmcRecipe.MAX_DIMENSION + 1 + r.nextInt(Integer.MAX_VALUE - LsmcRecipe.MAX_DIMENSION);
                    break;
                default:
                    dimension = 1 + r.nextInt(8);
                    break;
            }
            int d = dimension;
            if (d >= 1 && d <= LsmcRecipe.MAX_DIMENSION) {
                assertEquals(d, LsmcRecipe.of(kind, d, seed, null, false).dimension());
                return;
            }
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> LsmcRecipe.of(kind, d, seed, null, r.nextBoolean()));
            assertEquals("dimension", e.parameter());
            Fuzz.assertCleanRefusal(e, "dimension must be in [1, " + LsmcRecipe.MAX_DIMENSION + "], got " + d,
                    "dimension " + d);
        });
    }
}
