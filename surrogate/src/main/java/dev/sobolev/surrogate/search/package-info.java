/**
 * Hyperparameter search for the paper's surrogates (McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information
 * for Machine Learning Model Training", §4.2, Fig. 4): a genetic algorithm ({@link
 * dev.sobolev.surrogate.search.GeneticSearch}) and CMA-ES ({@link dev.sobolev.surrogate.search.CmaesSearch}) over
 * complexity, learning rate and Sobolev weight ({@link dev.sobolev.surrogate.search.SearchSpace}), each starting with
 * the δ_min step ({@link dev.sobolev.surrogate.search.BoundStep}) that drops complexities above the bound. What a
 * candidate is worth is the caller's {@link dev.sobolev.surrogate.search.Fitness} (a training and its validation
 * error); a search trains each candidate once, deterministically for a seed and whatever the thread count.
 */
package dev.sobolev.surrogate.search;
