package dev.sobolev.pruning.interval;

import java.util.Objects;

import dev.sobolev.surrogate.nn.Mlp;

/**
 * Interval forward and adjoint passes of an {@link Mlp} over an {@link InputBox}: the interval-adjoint analysis of
 * Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning" (slides "Interval Adjoints" and "Interval Adjoint
 * Significance Analysis"; AD applied to interval arithmetic after Vassiliadis et al., CGO 2016).
 *
 * <p><b>Forward.</b> With [a₀] = box, for weight layers l = 1..L+1: [zₗ] = Wₗ[aₗ₋₁] + bₗ, [aₗ] = σₗ([zₗ]). Each
 * product wᵢⱼ[aⱼ] takes the endpoint selected by the sign of wᵢⱼ, and sums are accumulated with lower bounds rounded
 * down and upper bounds rounded up, so [zₗ,ᵢ] ⊇ {zₗ,ᵢ(x) : x ∈ box}; σ enclosures come from
 * {@link IntervalActivation}. For a single layer every input appears once, so [z₁] is the exact range up to
 * rounding.
 *
 * <p><b>Adjoint.</b> For output k: [ā_{L+1}] = e_k, then for l = L+1..1: [z̄ₗ] = [σₗ′]([zₗ])·[āₗ] and
 * [āₗ₋₁] = Wₗᵀ[z̄ₗ]. By the inclusion property, ∂y_k/∂aₗ,ᵢ(x) ∈ [āₗ,ᵢ] and ∂y_k/∂zₗ,ᵢ(x) ∈ [z̄ₗ,ᵢ] for every
 * x in the box; [ā₀] encloses the input gradient ∇ₓy_k over the box.
 *
 * <p>Stateless and thread-safe; each pass allocates its result arrays (plain doubles, two per neuron and quantity)
 * and one small {@link Interval} per activation enclosure.
 */
public final class IntervalMlp {
    private final Mlp mlp;
    /** Wₗ by layer, rows of units: weights[l][i][j]. */
    private final double[][][] weights;
    /** bₗ by layer. */
    private final double[][] biases;
    private final int[] widths;
    private final IntervalActivation[] act;

    /** Interval passes of {@code mlp}. */
    public IntervalMlp(Mlp mlp) {
        this.mlp = Objects.requireNonNull(mlp, "mlp");
        this.widths = mlp.widths();
        this.act = new IntervalActivation[widths.length];
        this.weights = new double[widths.length][][];
        this.biases = new double[widths.length][];
        for (int l = 1; l < widths.length; l++) {
            act[l] = IntervalActivation.of(mlp.activation(l));
            weights[l] = mlp.weights(l);
            biases[l] = mlp.biases(l);
        }
    }

    /** The network. */
    public Mlp mlp() {
        return mlp;
    }

    /**
     * The interval forward pass over {@code box}.
     *
     * @throws IllegalArgumentException if the box dimension differs from the model's input dimension
     */
    public IntervalForward forward(InputBox box) {
        Objects.requireNonNull(box, "box");
        if (box.dimension() != widths[0]) {
            throw new IllegalArgumentException("input box has " + box.dimension() + " inputs, the model takes "
                    + widths[0]);
        }
        int layers = widths.length - 1;
        double[][] zLo = new double[layers + 1][];
        double[][] zHi = new double[layers + 1][];
        double[][] aLo = new double[layers + 1][];
        double[][] aHi = new double[layers + 1][];
        zLo[0] = new double[0];
        zHi[0] = new double[0];
        aLo[0] = box.lower();
        aHi[0] = box.upper();
        for (int l = 1; l <= layers; l++) {
            int n = widths[l];
            int p = widths[l - 1];
            double[] prevLo = aLo[l - 1];
            double[] prevHi = aHi[l - 1];
            zLo[l] = new double[n];
            zHi[l] = new double[n];
            aLo[l] = new double[n];
            aHi[l] = new double[n];
            for (int i = 0; i < n; i++) {
                double lo = biases[l][i];
                double hi = lo;
                double[] row = weights[l][i];
                for (int j = 0; j < p; j++) {
                    double wij = row[j];
                    if (wij > 0) {
                        lo = Rounding.addDown(lo, Rounding.mulDown(wij, prevLo[j]));
                        hi = Rounding.addUp(hi, Rounding.mulUp(wij, prevHi[j]));
                    } else if (wij < 0) {
                        lo = Rounding.addDown(lo, Rounding.mulDown(wij, prevHi[j]));
                        hi = Rounding.addUp(hi, Rounding.mulUp(wij, prevLo[j]));
                    }
                }
                zLo[l][i] = lo;
                zHi[l][i] = hi;
                Interval a = act[l].value(new Interval(lo, hi));
                aLo[l][i] = a.lo();
                aHi[l][i] = a.hi();
            }
        }
        return new IntervalForward(mlp, box, zLo, zHi, aLo, aHi);
    }

    /**
     * Forward and adjoint pass for output {@code output} over {@code box}.
     *
     * @throws IllegalArgumentException on a box of the wrong dimension or an output index outside 0..m−1
     */
    public IntervalAdjoint adjoint(InputBox box, int output) {
        checkOutput(output);
        return adjoint(forward(box), output);
    }

    /**
     * The adjoint pass for output {@code output} on a forward pass of this model.
     *
     * @throws IllegalArgumentException if the forward pass belongs to another model or the output index is outside
     *                                  0..m−1
     */
    public IntervalAdjoint adjoint(IntervalForward forward, int output) {
        Objects.requireNonNull(forward, "forward");
        if (forward.mlp() != mlp) {
            throw new IllegalArgumentException("the forward pass was computed for another model");
        }
        checkOutput(output);
        int layers = widths.length - 1;
        double[][] abLo = new double[layers + 1][];
        double[][] abHi = new double[layers + 1][];
        double[][] zbLo = new double[layers + 1][];
        double[][] zbHi = new double[layers + 1][];
        zbLo[0] = new double[0];
        zbHi[0] = new double[0];
        abLo[layers] = new double[widths[layers]];
        abHi[layers] = new double[widths[layers]];
        abLo[layers][output] = 1;
        abHi[layers][output] = 1;
        for (int l = layers; l >= 1; l--) {
            int n = widths[l];
            int p = widths[l - 1];
            double[] belowLo = new double[p];
            double[] belowHi = new double[p];
            zbLo[l] = new double[n];
            zbHi[l] = new double[n];
            for (int i = 0; i < n; i++) {
                double al = abLo[l][i];
                double ah = abHi[l][i];
                if (al == 0 && ah == 0) {
                    continue; // z̄ = σ′·0 = 0 exactly, nothing flows down
                }
                Interval zb = act[l].firstDerivative(forward.preActivation(l, i)).multiply(new Interval(al, ah));
                double zl = zb.lo();
                double zh = zb.hi();
                zbLo[l][i] = zl;
                zbHi[l][i] = zh;
                double[] row = weights[l][i];
                for (int j = 0; j < p; j++) {
                    double wij = row[j];
                    if (wij > 0) {
                        belowLo[j] = Rounding.addDown(belowLo[j], Rounding.mulDown(wij, zl));
                        belowHi[j] = Rounding.addUp(belowHi[j], Rounding.mulUp(wij, zh));
                    } else if (wij < 0) {
                        belowLo[j] = Rounding.addDown(belowLo[j], Rounding.mulDown(wij, zh));
                        belowHi[j] = Rounding.addUp(belowHi[j], Rounding.mulUp(wij, zl));
                    }
                }
            }
            abLo[l - 1] = belowLo;
            abHi[l - 1] = belowHi;
        }
        return new IntervalAdjoint(forward, output, zbLo, zbHi, abLo, abHi);
    }

    private void checkOutput(int output) {
        int m = widths[widths.length - 1];
        if (output < 0 || output >= m) {
            throw new IllegalArgumentException("output must be in 0.." + (m - 1) + ", got " + output);
        }
    }

    /** The activation enclosures of weight layer l (1..L+1), for callers that need σ″ bounds on [zₗ]. */
    public IntervalActivation activation(int l) {
        if (l < 1 || l >= widths.length) {
            throw new IllegalArgumentException("weight layer must be in 1.." + (widths.length - 1) + ", got " + l);
        }
        return act[l];
    }
}
