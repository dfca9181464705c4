/**
 * The pricing API for trading systems: {@link dev.sobolev.surrogate.api.Pricer} loads a model file once and prices
 * points and books of points to value, deltas and (optionally) the gamma 1ᵀH1 or H·v into caller-owned
 * {@link dev.sobolev.surrogate.api.Quote}s, thread-safe and without allocation on the hot path; inputs are
 * checked and points outside the training domain are handled by a caller-chosen
 * {@link dev.sobolev.surrogate.api.DomainPolicy}. This package and the values of
 * {@link dev.sobolev.surrogate.schema} are the public surface (with {@code io.ModelFile.Loaded}, from which a pricer
 * can also be made); {@code nn}, {@code train} and {@code eval} are the implementation.
 */
package dev.sobolev.surrogate.api;
