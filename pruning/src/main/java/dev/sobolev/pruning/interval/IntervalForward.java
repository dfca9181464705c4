package dev.sobolev.pruning.interval;

import dev.sobolev.surrogate.nn.Mlp;

/**
 * The result of {@link IntervalMlp#forward}: enclosures [zₗ,ᵢ] of every pre-activation and [aₗ,ᵢ] of every
 * activation over the input box (layer 0 is the box itself, layers 1..L hidden, L+1 the output), as in the interval
 * forward pass of Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning". Immutable; accessors return {@link Interval} values.
 */
public final class IntervalForward {
    private final Mlp mlp;
    private final InputBox box;
    private final double[][] zLo;
    private final double[][] zHi;
    private final double[][] aLo;
    private final double[][] aHi;

    IntervalForward(Mlp mlp, InputBox box, double[][] zLo, double[][] zHi, double[][] aLo, double[][] aHi) {
        this.mlp = mlp;
        this.box = box;
        this.zLo = zLo;
        this.zHi = zHi;
        this.aLo = aLo;
        this.aHi = aHi;
    }

    Mlp mlp() {
        return mlp;
    }

    /** The input box. */
    public InputBox box() {
        return box;
    }

    /** Number of weight layers L + 1 (so layers 0..L+1 of neurons). */
    public int layers() {
        return zLo.length - 1;
    }

    /** Width nₗ of neuron layer l ∈ 0..L+1. */
    public int width(int l) {
        checkLayer(l, 0);
        return aLo[l].length;
    }

    /** [zₗ,ᵢ] ⊇ {(Wₗaₗ₋₁(x) + bₗ)ᵢ : x ∈ box}, l ∈ 1..L+1. */
    public Interval preActivation(int l, int i) {
        checkNeuron(l, 1, i);
        return new Interval(zLo[l][i], zHi[l][i]);
    }

    /** [aₗ,ᵢ] ⊇ {aₗ,ᵢ(x) : x ∈ box}, l ∈ 0..L+1 (l = 0: the box). */
    public Interval activation(int l, int i) {
        checkNeuron(l, 0, i);
        return new Interval(aLo[l][i], aHi[l][i]);
    }

    /** [y_k] ⊇ {y_k(x) : x ∈ box}. */
    public Interval output(int k) {
        return activation(layers(), k);
    }

    private void checkLayer(int l, int first) {
        if (l < first || l > layers()) {
            throw new IllegalArgumentException("layer must be in " + first + ".." + layers() + ", got " + l);
        }
    }

    /** Throws unless layer l ∈ first..L+1 and neuron i ∈ 0..nₗ−1. */
    void checkNeuron(int l, int first, int i) {
        checkLayer(l, first);
        if (i < 0 || i >= aLo[l].length) {
            throw new IllegalArgumentException("neuron index in layer " + l + " must be in 0.." + (aLo[l].length - 1)
                    + ", got " + i);
        }
    }
}
