/**
 * Linear-in-parameters regression on a basis that uses gradient observations: plain ridge, the gradient fit
 * β_grad and ridge-gradients of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning
 * Model Training" (§5, eqs. 15–20, appendix eq. 28), and the differential regression of Huge &amp; Savine,
 * "Differential Machine Learning" (2020). Bases ({@link dev.sobolev.surrogate.regression.Basis}): Gaussian radial
 * basis functions and monomials, each with a constant. Fits return an immutable
 * {@link dev.sobolev.surrogate.regression.LinearModel}; the penalties can be chosen on a validation set
 * ({@link dev.sobolev.surrogate.regression.LambdaSearch}). Linear algebra by Commons Math.
 */
package dev.sobolev.surrogate.regression;
