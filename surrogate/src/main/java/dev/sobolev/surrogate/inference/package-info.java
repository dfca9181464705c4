/**
 * Latent-parameter inference through a differentiable model (McDonagh &amp; Chen, "Leveraging Intrinsic Gradient
 * Information for Machine Learning Model Training", §3): a {@link dev.sobolev.surrogate.inference.ParametricModel}
 * θ ∈ ℝᴶ → y ∈ ℝᴹ with its exact Jacobian and second derivatives (a trained surrogate, or an exact simulator a
 * caller wraps), the Gaussian likelihood of eq. 9 with its exact gradient and observed information
 * ({@link dev.sobolev.surrogate.inference.GaussianLikelihood}), and its maximisation in a box from several starts
 * ({@link dev.sobolev.surrogate.inference.LatentMle}, Levenberg–Marquardt of Commons Math with the exact Jacobian).
 */
package dev.sobolev.surrogate.inference;
