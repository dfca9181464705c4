package dev.sobolev.surrogate.api;

/**
 * What a {@link Pricer} does with a point outside the training domain, the box [lowerⱼ, upperⱼ] of each input's
 * training values ({@link dev.sobolev.surrogate.schema.InputSpec}). A network extrapolates poorly outside the data
 * it was fitted to, so the caller decides. A model whose domain is unknown (a version-1 model file) has the box
 * (−∞, +∞) and no policy ever fires.
 */
public enum DomainPolicy {
    /**
     * Price the point as given and report it: {@link Quote#outside()} and {@link Quote#outside(int)} tell which
     * inputs lay outside, {@link Pricer#priceBook} marks the rows.
     */
    FLAG,
    /**
     * Price at the nearest point of the box (each outside input moved to its nearer bound) and report it as
     * {@link #FLAG} does; {@link Quote#pricedInput(int)} gives the point priced. Value and derivatives are the
     * model's at that point; deltas along clamped inputs are not set to zero.
     */
    CLAMP,
    /**
     * Refuse the point: an {@link dev.sobolev.core.InvalidParameterException} names the input, its value and the
     * box, e.g. {@code x[1] (S2) must lie in the training domain [0.35, 1.62], got 2.7}. A book is refused whole,
     * before any row is priced.
     */
    REJECT
}
