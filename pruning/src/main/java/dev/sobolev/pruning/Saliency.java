package dev.sobolev.pruning;

import java.util.Locale;

import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.pruning.interval.IntervalMlp;
import dev.sobolev.pruning.significance.Significance;
import dev.sobolev.surrogate.nn.Mlp;

/**
 * How hidden units are ranked for pruning (lowest score first). Scores compare units within a layer.
 */
public enum Saliency {
    /**
     * Interval-adjoint significance over the input box (Kichler, Afghan &amp; Naumann, seed 001):
     * S = width([aₗ,ᵢ])·max|[∂y/∂aₗ,ᵢ]|, a global statement about the whole box that needs no data.
     */
    INTERVAL,
    /**
     * Weight magnitude (seed 001, "magnitude pruning |w|", for whole units): ‖Wₗ₊₁[:, i]‖₂ times the unit's
     * sampled activation range, the largest change the unit can pass on per unit of outgoing weight.
     */
    MAGNITUDE,
    /** First-order Taylor saliency over the data ({@link UnitStatistics#taylor}). */
    TAYLOR;

    /**
     * Scores of every hidden unit: {@code scores[l][i]} for hidden layers l = 1..L (index 0 unused).
     *
     * @param net   the network (normalised units)
     * @param box   the input box in the network's units (used by {@link #INTERVAL})
     * @param stats the data statistics of this network (used by {@link #MAGNITUDE} and {@link #TAYLOR})
     */
    public double[][] scores(Mlp net, InputBox box, UnitStatistics stats) {
        int hidden = net.layers() - 1;
        double[][] s = new double[hidden + 1][];
        Significance sig = this == INTERVAL ? Significance.intervalAdjoint(new IntervalMlp(net).adjoint(box, 0)) : null;
        for (int l = 1; l <= hidden; l++) {
            int n = net.width(l);
            s[l] = new double[n];
            for (int i = 0; i < n; i++) {
                s[l][i] = switch (this) {
                    case INTERVAL -> sig.score(l, i);
                    case MAGNITUDE -> outgoingNorm(net, l, i) * (stats.max(l, i) - stats.min(l, i));
                    case TAYLOR -> stats.taylor(l, i);
                };
            }
        }
        return s;
    }

    private static double outgoingNorm(Mlp net, int l, int i) {
        int n = net.width(l);
        int w0 = net.weightOffset(l + 1);
        double s = 0;
        for (int o = 0; o < net.width(l + 1); o++) {
            double w = net.parameter(w0 + o * n + i);
            s += w * w;
        }
        return Math.sqrt(s);
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "interval", "magnitude" or "taylor". */
    public static Saliency parse(String name) {
        for (Saliency s : values()) {
            if (s.label().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("--method must be one of interval, magnitude, taylor; got " + name);
    }
}
