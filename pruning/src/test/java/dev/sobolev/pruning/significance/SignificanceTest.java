package dev.sobolev.pruning.significance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.pruning.interval.IntervalAdjoint;
import dev.sobolev.pruning.interval.IntervalMlp;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;

class SignificanceTest {
    private static final InputBox UNIT = InputBox.of(new double[] {0}, new double[] {1});

    @Test
    void handComputedExample() {
        // a₁ = (2x + 0.5, −x) over x ∈ [0, 1]: widths 2 and 1; y = 3a₁,₀ + 0.5a₁,₁: adjoints 3 and 0.5
        Mlp m = new Mlp(new int[] {1, 2, 1}, Activation.IDENTITY, Activation.IDENTITY,
                new double[] {2, -1, 0.5, 0, 3, 0.5, 0});
        Significance s = Significance.intervalAdjoint(new IntervalMlp(m).adjoint(UNIT, 0));
        assertEquals(1, s.hiddenLayers());
        assertEquals(2, s.width(1));
        assertEquals(6, s.score(1, 0), 1e-14);
        assertEquals(0.5, s.score(1, 1), 1e-14);
        assertEquals(6.5, s.layerSum(1), 1e-14);
        assertEquals(s.score(1, 0), s.layerMax(1));
    }

    @Test
    void scoresAreWidthTimesAdjointMagnitudeForEveryHiddenNeuron() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(42);
        int[] widths = {3, 7, 5, 2};
        double[] p = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextDouble(-1, 1);
        }
        Mlp m = new Mlp(widths, Activation.SILU, Activation.IDENTITY, p);
        InputBox box = InputBox.of(new double[] {-1, 0, 0.5}, new double[] {1, 0.5, 0.7});
        IntervalAdjoint adj = new IntervalMlp(m).adjoint(box, 1);
        Significance s = Significance.intervalAdjoint(adj);
        assertEquals(2, s.hiddenLayers());
        for (int l = 1; l <= 2; l++) {
            double sum = 0;
            double max = 0;
            for (int i = 0; i < widths[l]; i++) {
                double expected = adj.forward().activation(l, i).width() * adj.activationAdjoint(l, i).magnitude();
                assertEquals(expected, s.score(l, i));
                sum += expected;
                max = Math.max(max, expected);
            }
            assertEquals(sum, s.layerSum(l), 1e-15 * sum);
            assertEquals(max, s.layerMax(l));
        }
        double[] copy = s.scores(1);
        copy[0] = -1;
        assertEquals(adj.forward().activation(1, 0).width() * adj.activationAdjoint(1, 0).magnitude(), s.score(1, 0));
    }

    @Test
    void deadNeuronsScoreZero() {
        // neuron 0: ReLU of −x − 1 < 0 on [0, 1], constant 0 (width 0); neuron 1: no outgoing weight (adjoint 0)
        Mlp m = new Mlp(new int[] {1, 3, 1}, Activation.RELU, Activation.IDENTITY,
                new double[] {-1, 1, 1, -1, 0, 0, 1, 0, 1, 0});
        Significance s = Significance.intervalAdjoint(new IntervalMlp(m).adjoint(UNIT, 0));
        assertArrayEquals(new double[] {0, 0, s.score(1, 2)}, s.scores(1));
        assertEquals(1, s.score(1, 2), 1e-14);
    }

    @Test
    void validationNamesLayerNeuronAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Significance.of(new double[][] {{1, 2}, {0.5, Double.NaN}}));
        assertEquals("score of hidden layer 2 neuron 1 must be >= 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Significance.of(new double[][] {{-1}}));
        assertEquals("score of hidden layer 1 neuron 0 must be >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Significance.of(new double[][] {{1}, {}}));
        assertEquals("hidden layer 2 has no scores", e.getMessage());
        Significance s = Significance.of(new double[][] {{1, 3}, {2}});
        assertEquals(4, s.layerSum(1));
        assertEquals(3, s.layerMax(1));
        e = assertThrows(IllegalArgumentException.class, () -> s.layerSum(3));
        assertEquals("hidden layer must be in 1..2, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.score(1, 2));
        assertEquals("neuron index in hidden layer 1 must be in 0..1, got 2", e.getMessage());
    }

    @Test
    void inputArraysAreCopied() {
        double[][] raw = {{1, 2}};
        Significance s = Significance.of(raw);
        raw[0][0] = 100;
        assertEquals(1, s.score(1, 0));
    }
}
