package dev.sobolev.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;

class UnitRemovalTest {

    @Test
    void removingConstantUnitsWithTheirValueFoldedIntoTheNextBiasIsExact() {
        Mlp net = PruningFixtures.random(new int[] {3, 6, 5, 2}, Activation.TANH, 4);
        // make units 1 and 4 of layer 1 constant: zero incoming weights, so a = tanh(b)
        Mlp.Builder cut = net.toBuilder();
        for (int u : new int[] {1, 4}) {
            for (int j = 0; j < 3; j++) {
                cut.weight(1, u, j, 0);
            }
        }
        Mlp constant = cut.build();
        double[] rep = new double[6];
        rep[1] = Math.tanh(constant.bias(1, 1));
        rep[4] = Math.tanh(constant.bias(1, 4));
        Mlp pruned = UnitRemoval.remove(constant, 1, new int[] {4, 1}, rep);
        assertArrayEquals(new int[] {3, 4, 5, 2}, pruned.widths());
        assertEquals(Mlp.parameterCount(new int[] {3, 4, 5, 2}), pruned.parameterCount());
        Mlp.Workspace a = constant.newWorkspace();
        Mlp.Workspace b = pruned.newWorkspace();
        SplittableRandom r = new SplittableRandom(8);
        for (int t = 0; t < 200; t++) {
            double[] x = {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
            for (int k = 0; k < 2; k++) {
                double[] ga = new double[3];
                double[] gb = new double[3];
                double ya = constant.valueAndGradient(x, k, ga, a);
                double yb = pruned.valueAndGradient(x, k, gb, b);
                assertEquals(ya, yb, 1e-14 * Math.max(1, Math.abs(ya)));
                assertArrayEquals(ga, gb, 1e-14);
            }
        }
    }

    @Test
    void keepsTheOtherUnitsInOrderAndChangesOnlyTheNextBias() {
        Mlp net = PruningFixtures.random(new int[] {2, 4, 3, 1}, Activation.SILU, 5);
        double[] rep = {0.1, 0.2, 0.3, 0.4};
        Mlp pruned = UnitRemoval.remove(net, 1, new int[] {2}, rep);
        int[] keep = {0, 1, 3};
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(net.weight(1, keep[r], j), pruned.weight(1, r, j), 0.0);
            }
            assertEquals(net.bias(1, keep[r]), pruned.bias(1, r), 0.0);
        }
        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(net.weight(2, o, keep[c]), pruned.weight(2, o, c), 0.0);
            }
            double folded = net.bias(2, o) + net.weight(2, o, 2) * 0.3;
            assertEquals(folded, pruned.bias(2, o), 0.0);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(net.weight(3, 0, i), pruned.weight(3, 0, i), 0.0);
        }
        assertEquals(net.bias(3, 0), pruned.bias(3, 0), 0.0);
    }

    @Test
    void rejectsBadRequestsNamingTheProblem() {
        Mlp net = PruningFixtures.random(new int[] {2, 3, 1}, Activation.TANH, 1);
        double[] rep = new double[3];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UnitRemoval.remove(net, 2, new int[] {0}, rep))
                .getMessage().contains("hidden layer in [1, 1], got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UnitRemoval.remove(net, 1, new int[] {3}, rep))
                .getMessage().contains("unit 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UnitRemoval.remove(net, 1, new int[] {1, 1}, rep))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UnitRemoval.remove(net, 1, new int[] {0, 1, 2}, rep)).getMessage().contains("all 3 units"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UnitRemoval.remove(net, 1, new int[] {0}, new double[] {Double.NaN, 0, 0})).getMessage()
                .contains("finite"));
    }
}
