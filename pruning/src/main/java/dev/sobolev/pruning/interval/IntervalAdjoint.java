package dev.sobolev.pruning.interval;

/**
 * The result of {@link IntervalMlp#adjoint}: for one output y_k, enclosures of the adjoints ∂y_k/∂aₗ,ᵢ and
 * ∂y_k/∂zₗ,ᵢ over the input box, from the interval adjoint recurrence [z̄ₗ] = [σₗ′]([zₗ])·[āₗ],
 * [āₗ₋₁] = Wₗᵀ[z̄ₗ] (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", slide "Interval Adjoints"). [ā₀] encloses the input
 * gradient over the box. Immutable; carries the forward pass it was computed on.
 */
public final class IntervalAdjoint {
    private final IntervalForward forward;
    private final int output;
    private final double[][] zbLo;
    private final double[][] zbHi;
    private final double[][] abLo;
    private final double[][] abHi;

    IntervalAdjoint(IntervalForward forward, int output, double[][] zbLo, double[][] zbHi, double[][] abLo,
            double[][] abHi) {
        this.forward = forward;
        this.output = output;
        this.zbLo = zbLo;
        this.zbHi = zbHi;
        this.abLo = abLo;
        this.abHi = abHi;
    }

    /** The forward pass (value enclosures) this adjoint was computed on. */
    public IntervalForward forward() {
        return forward;
    }

    /** The output index k. */
    public int output() {
        return output;
    }

    /** Number of weight layers L + 1. */
    public int layers() {
        return forward.layers();
    }

    /** Width nₗ of neuron layer l ∈ 0..L+1. */
    public int width(int l) {
        return forward.width(l);
    }

    /** [āₗ,ᵢ] ⊇ {∂y_k/∂aₗ,ᵢ(x) : x ∈ box}, l ∈ 0..L+1 (at l = L+1 the unit vector e_k). */
    public Interval activationAdjoint(int l, int i) {
        forward.checkNeuron(l, 0, i);
        return new Interval(abLo[l][i], abHi[l][i]);
    }

    /** [z̄ₗ,ᵢ] ⊇ {∂y_k/∂zₗ,ᵢ(x) : x ∈ box}, l ∈ 1..L+1. */
    public Interval preActivationAdjoint(int l, int i) {
        forward.checkNeuron(l, 1, i);
        return new Interval(zbLo[l][i], zbHi[l][i]);
    }

    /** [∂y_k/∂xⱼ] over the box, the enclosure [ā₀,ⱼ]. */
    public Interval inputGradient(int j) {
        return activationAdjoint(0, j);
    }
}
