package dev.sobolev.pruning;

import java.util.Locale;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.pruning.interval.IntervalMlp;
import dev.sobolev.pruning.significance.Significance;
import dev.sobolev.surrogate.nn.Mlp;

/**
 * How hidden units are ranked for pruning (lowest score first). Scores compare units within a layer.
 */
public enum Saliency {
    /**
     * Interval-adjoint significance over the input box (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning"):
     * S = width([aₗ,ᵢ])·max|[∂y/∂aₗ,ᵢ]|, a global statement about the whole box that needs no data.
     */
    INTERVAL,
    /**
     * Interval-adjoint significance summed over small boxes around data points (beyond the paper): for each of
     * up to {@value UnitStatistics#SAMPLE} sample inputs xₖ the box xₖ ± {@value #LOCAL_RADIUS}·σ (σ each input's
     * spread over the data), S(n) = Σₖ width([aₙ](Bₖ))·max|[∂y/∂aₙ](Bₖ)|. On small boxes interval arithmetic
     * is nearly tight, so this measures how much of the output's local variation passes through the unit where
     * the data are, instead of the wrapping-dominated enclosure over the whole box.
     */
    INTERVAL_LOCAL,
    /**
     * Weight magnitude (Kichler, Afghan &amp; Naumann, "magnitude pruning |w|", for whole units): ‖Wₗ₊₁[:, i]‖₂ times the unit's
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
     * @param stats the data statistics of this network (used by the other methods)
     */
    public double[][] scores(Mlp net, InputBox box, UnitStatistics stats) {
        int hidden = net.layers() - 1;
        double[][] s = new double[hidden + 1][];
        Significance sig = this == INTERVAL ? Significance.intervalAdjoint(new IntervalMlp(net).adjoint(box, 0)) : null;
        double[][] local = this == INTERVAL_LOCAL ? local(net, stats) : null;
        for (int l = 1; l <= hidden; l++) {
            int n = net.width(l);
            s[l] = new double[n];
            for (int i = 0; i < n; i++) {
                s[l][i] = switch (this) {
                    case INTERVAL -> sig.score(l, i);
                    case INTERVAL_LOCAL -> local[l][i];
                    case MAGNITUDE -> outgoingNorm(net, l, i) * (stats.max(l, i) - stats.min(l, i));
                    case TAYLOR -> stats.taylor(l, i);
                };
            }
        }
        return s;
    }

    /** Half-width of the data-local boxes in units of each input's spread. */
    public static final double LOCAL_RADIUS = 0.05;

    private static double[][] local(Mlp net, UnitStatistics stats) {
        IntervalMlp interval = new IntervalMlp(net);
        int d = net.inputs();
        int hidden = net.layers() - 1;
        double[][] sum = new double[hidden + 1][];
        for (int l = 1; l <= hidden; l++) {
            sum[l] = new double[net.width(l)];
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int k = 0; k < stats.sampleSize(); k++) {
            double[] c = stats.sample(k);
            for (int j = 0; j < d; j++) {
                lo[j] = c[j] - LOCAL_RADIUS * stats.spread(j);
                hi[j] = c[j] + LOCAL_RADIUS * stats.spread(j);
            }
            Significance s = Significance.intervalAdjoint(interval.adjoint(InputBox.of(lo, hi), 0));
            for (int l = 1; l <= hidden; l++) {
                for (int i = 0; i < sum[l].length; i++) {
                    sum[l][i] += s.score(l, i);
                }
            }
        }
        return sum;
    }

    private static double outgoingNorm(Mlp net, int l, int i) {
        double s = 0;
        for (int o = 0; o < net.width(l + 1); o++) {
            double w = net.weight(l + 1, o, i);
            s += w * w;
        }
        return Math.sqrt(s);
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
