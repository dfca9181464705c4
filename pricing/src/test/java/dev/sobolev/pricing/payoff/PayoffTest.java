package dev.sobolev.pricing.payoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PayoffTest {

    private static final List<Payoff> SMOOTH = List.of(
            new SmoothedCall(1.1, 0.05),
            new SmoothedCall(100, 2.0),
            new SmoothedDigital(1.0, 0.1),
            new SigmoidBlend(new Constant(0.5), new Forward(2.0), 1.5, 0.3),
            new SigmoidBlend(new SmoothedCall(0.0, 0.2), new Constant(1.0), 0.0, 0.5),
            new Forward(3.0),
            new Constant(2.0));

    private static double[] grid(Payoff p) {
        double centre = 0.0;
        double scale = 1.0;
        if (p instanceof SmoothedCall c) {
            centre = c.strike();
            scale = c.width();
        } else if (p instanceof SmoothedDigital c) {
            centre = c.strike();
            scale = c.width();
        } else if (p instanceof SigmoidBlend b) {
            centre = b.pivot();
            scale = b.width();
        }
        double[] g = new double[41];
        for (int i = 0; i < g.length; i++) {
            g[i] = centre + scale * (i - 20) * 0.37;
        }
        return g;
    }

    @Test
    void derivativesMatchCentralDifferences() {
        for (Payoff p : SMOOTH) {
            for (double x : grid(p)) {
                double h = 1e-5 * Math.max(1.0, Math.abs(x));
                double fd1 = (p.value(x + h) - p.value(x - h)) / (2 * h);
                double fd2 = (p.first(x + h) - p.first(x - h)) / (2 * h);
                double scale1 = Math.max(1.0, Math.abs(p.first(x)));
                double scale2 = Math.max(1.0, Math.abs(p.second(x)));
                assertEquals(fd1, p.first(x), 1e-7 * scale1 / h * 1e-5 + 1e-6 * scale1, p.describe() + " f' at " + x);
                assertEquals(fd2, p.second(x), 1e-6 * scale2 + 1e-4 * Math.abs(p.second(x)), p.describe() + " f'' at " + x);
                double[] out = new double[3];
                p.evaluate(x, out);
                assertEquals(p.value(x), out[0], 1e-14 * Math.max(1, Math.abs(out[0])), p.describe());
                assertEquals(p.first(x), out[1], 1e-14 * Math.max(1, Math.abs(out[1])), p.describe());
                assertEquals(p.second(x), out[2], 1e-12 * Math.max(1, Math.abs(out[2])), p.describe());
            }
        }
    }

    @Test
    void smoothedCallIsBlendOfZeroAndForward() {
        SmoothedCall sc = new SmoothedCall(1.1, 0.05);
        SigmoidBlend blend = new SigmoidBlend(new Constant(0), new Forward(1.1), 1.1, 0.05);
        for (double x = 0.5; x < 1.7; x += 0.013) {
            assertEquals(sc.value(x), blend.value(x), 1e-15);
            assertEquals(sc.first(x), blend.first(x), 1e-14);
            assertEquals(sc.second(x), blend.second(x), 1e-11);
        }
    }

    @Test
    void smoothedCallIsSiluForUnitWidthAtZero() {
        // slide "Smoothing": equivalent to SiLU for p = 0, w = 1
        SmoothedCall silu = new SmoothedCall(0, 1);
        for (double x = -5; x < 5; x += 0.25) {
            assertEquals(x / (1 + Math.exp(-x)), silu.value(x), 1e-15);
        }
    }

    @Test
    void smoothedPayoffsHaveFiniteTails() {
        SmoothedCall sc = new SmoothedCall(0, 1e-3);
        double[] out = new double[3];
        for (double x : new double[] {-1e6, -10, 10, 1e6}) {
            sc.evaluate(x, out);
            for (double v : out) {
                assertTrue(Double.isFinite(v), "x=" + x);
            }
        }
        assertEquals(1e6, sc.value(1e6), 0);
        assertEquals(0, sc.value(-1e6), 0);
    }

    @Test
    void callAndDigitalFlags() {
        assertTrue(new Call(1).hasPathwiseDelta());
        assertFalse(new Call(1).hasPathwiseGamma());
        assertFalse(new Digital(1).hasPathwiseDelta());
        assertEquals(0.5, new Call(1).value(1.5));
        assertEquals(1.0, new Call(1).first(1.5));
        assertEquals(1.0, new Digital(1).value(1.5));
        assertFalse(new SigmoidBlend(new Digital(0), new Constant(1), 0, 1).hasPathwiseDelta());
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SmoothedCall(1, 0));
        assertEquals("smoothing width must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Call(Double.NaN));
        assertEquals("strike must be finite, got NaN", e.getMessage());
    }
}
