package dev.sobolev.surrogate.api;

import java.util.Arrays;

/**
 * The result of pricing one point, a caller-owned holder that a {@link Pricer} overwrites on every call so that
 * the hot path allocates nothing: the value, the deltas ∂y/∂xⱼ and, when asked for, the gamma 1ᵀH1 or a
 * Hessian–vector product H·v, all in the model's data units; and which inputs lay outside the training domain.
 * Make one per thread with {@link Pricer#newQuote()}; a quote is not thread-safe. After a call that threw, its
 * contents are unspecified.
 */
public final class Quote {
    final double[] point;
    final double[] deltas;
    final double[] hv;
    final boolean[] outside;
    double value;
    double gamma;
    int outsideCount;
    /** Whether gamma or hv hold figures of the last call (so that a first-order call need reset them). */
    boolean secondOrder = true;

    Quote(int inputs) {
        point = new double[inputs];
        deltas = new double[inputs];
        hv = new double[inputs];
        outside = new boolean[inputs];
        clearSecondOrder();
    }

    void clearSecondOrder() {
        if (secondOrder) {
            gamma = Double.NaN;
            Arrays.fill(hv, Double.NaN);
            secondOrder = false;
        }
    }

    /**
     * The number of inputs this quote holds.
     *
     * @return d
     */
    public int inputs() {
        return point.length;
    }

    /**
     * The value.
     *
     * @return y(x) in the output's unit
     */
    public double value() {
        return value;
    }

    /**
     * One delta.
     *
     * @param j input index, 0 ≤ j &lt; d
     * @return ∂y/∂xⱼ in output units per input unit
     * @throws ArrayIndexOutOfBoundsException if j is out of range
     */
    public double delta(int j) {
        return deltas[j];
    }

    /**
     * Copies the deltas.
     *
     * @param dst receives ∂y/∂xⱼ at [j] (length ≥ d)
     * @throws ArrayIndexOutOfBoundsException if dst is shorter than d
     */
    public void copyDeltas(double[] dst) {
        System.arraycopy(deltas, 0, dst, 0, deltas.length);
    }

    /**
     * The gamma 1ᵀH1 = Σᵢⱼ ∂²y/∂xᵢ∂xⱼ: the second derivative along a parallel shift of all inputs, as
     * {@code sobolev eval} reports it.
     *
     * @return the gamma after {@link Pricer#priceWithGamma}, NaN after other calls
     */
    public double gamma() {
        return gamma;
    }

    /**
     * One entry of the Hessian–vector product.
     *
     * @param j input index, 0 ≤ j &lt; d
     * @return (H·v)ⱼ, with v the direction of {@link Pricer#priceAlong} or the all-ones vector of
     *         {@link Pricer#priceWithGamma}; NaN after {@link Pricer#price}
     * @throws ArrayIndexOutOfBoundsException if j is out of range
     */
    public double hessianVector(int j) {
        return hv[j];
    }

    /**
     * Tells whether the point lay outside the training domain.
     *
     * @return true if at least one input was outside its box (never true under {@link DomainPolicy#REJECT},
     *         which throws instead)
     */
    public boolean outside() {
        return outsideCount > 0;
    }

    /**
     * Tells whether one input lay outside its box.
     *
     * @param j input index, 0 ≤ j &lt; d
     * @return true if xⱼ was outside [lowerⱼ, upperⱼ]
     * @throws ArrayIndexOutOfBoundsException if j is out of range
     */
    public boolean outside(int j) {
        return outside[j];
    }

    /**
     * One input of the point that was priced: the caller's xⱼ, or under {@link DomainPolicy#CLAMP} its nearest
     * value in the box.
     *
     * @param j input index, 0 ≤ j &lt; d
     * @return the input priced
     * @throws ArrayIndexOutOfBoundsException if j is out of range
     */
    public double pricedInput(int j) {
        return point[j];
    }
}
