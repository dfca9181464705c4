package dev.sobolev.pruning.significance;

import java.util.Objects;

import dev.sobolev.pruning.interval.IntervalAdjoint;

/**
 * Significance scores of the hidden neurons of an MLP, with per-layer aggregates (sum and max). The pruning
 * strategies rank neurons by these scores; low scores are pruned first.
 *
 * <p>{@link #intervalAdjoint} computes the interval-adjoint significance of Kichler, Afghan &amp; Naumann, "Towards
 * Sobolev Pruning" (slide "Interval Adjoint Significance Analysis"):
 * S_[y]([n]ₗ,ᵢ) = width([aₗ,ᵢ]) · max|∇_{[aₗ,ᵢ]}[y]|, the width of the neuron's value enclosure over the input box
 * times the magnitude of its adjoint enclosure: a bound on how much the output can move through that neuron over the
 * box. Hidden layers are numbered l = 1..L as in {@link dev.sobolev.surrogate.nn.Mlp}.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class Significance {
    private final double[][] scores;
    private final double[] sum;
    private final double[] max;

    private Significance(double[][] scores) {
        this.scores = scores;
        this.sum = new double[scores.length];
        this.max = new double[scores.length];
        for (int l = 0; l < scores.length; l++) {
            double s = 0;
            double m = 0;
            for (double v : scores[l]) {
                s += v;
                m = Math.max(m, v);
            }
            sum[l] = s;
            max[l] = m;
        }
    }

    /**
     * Scores given per hidden layer: {@code scores[l − 1][i]} for neuron i of hidden layer l.
     *
     * @throws IllegalArgumentException if a score is NaN or negative (naming layer, neuron and value) or a layer is
     *                                  empty
     */
    public static Significance of(double[][] scores) {
        Objects.requireNonNull(scores, "scores");
        double[][] copy = new double[scores.length][];
        for (int l = 0; l < scores.length; l++) {
            if (scores[l] == null || scores[l].length == 0) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " has no scores");
            }
            copy[l] = scores[l].clone();
            for (int i = 0; i < copy[l].length; i++) {
                double v = copy[l][i];
                if (Double.isNaN(v) || v < 0) {
                    throw new IllegalArgumentException("score of hidden layer " + (l + 1) + " neuron " + i
                            + " must be >= 0, got " + v);
                }
            }
        }
        return new Significance(copy);
    }

    /**
     * Interval-adjoint significance S(n) = width([aₗ,ᵢ]) · magnitude([āₗ,ᵢ]) of every hidden neuron (Kichler, Afghan &amp; Naumann). The
     * width is rounded up; the product is in round-to-nearest (a score, not a bound) and is 0 when either factor is
     * 0, also against an unbounded factor.
     */
    public static Significance intervalAdjoint(IntervalAdjoint adjoint) {
        Objects.requireNonNull(adjoint, "adjoint");
        int hidden = adjoint.layers() - 1;
        double[][] s = new double[hidden][];
        for (int l = 1; l <= hidden; l++) {
            int n = adjoint.width(l);
            s[l - 1] = new double[n];
            for (int i = 0; i < n; i++) {
                double w = adjoint.forward().activation(l, i).width();
                double g = adjoint.activationAdjoint(l, i).magnitude();
                s[l - 1][i] = w == 0 || g == 0 ? 0 : w * g;
            }
        }
        return new Significance(s);
    }

    /** Number of hidden layers L. */
    public int hiddenLayers() {
        return scores.length;
    }

    /** Width of hidden layer l ∈ 1..L. */
    public int width(int l) {
        return layer(l).length;
    }

    /** Score of neuron i of hidden layer l. */
    public double score(int l, int i) {
        double[] s = layer(l);
        if (i < 0 || i >= s.length) {
            throw new IllegalArgumentException("neuron index in hidden layer " + l + " must be in 0.." + (s.length - 1)
                    + ", got " + i);
        }
        return s[i];
    }

    /** A copy of the scores of hidden layer l. */
    public double[] scores(int l) {
        return layer(l).clone();
    }

    /** Σᵢ S(nₗ,ᵢ) over hidden layer l. */
    public double layerSum(int l) {
        layer(l);
        return sum[l - 1];
    }

    /** maxᵢ S(nₗ,ᵢ) over hidden layer l. */
    public double layerMax(int l) {
        layer(l);
        return max[l - 1];
    }

    private double[] layer(int l) {
        if (l < 1 || l > scores.length) {
            throw new IllegalArgumentException("hidden layer must be in 1.." + scores.length + ", got " + l);
        }
        return scores[l - 1];
    }
}
