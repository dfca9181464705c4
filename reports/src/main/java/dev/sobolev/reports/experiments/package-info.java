/**
 * The experiments of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning Model
 * Training": their test problems ({@link dev.sobolev.reports.experiments.Problem}), jobs that run each experiment
 * with an explicit seed and return a typed result, and the {@link dev.sobolev.reports.model.ExperimentReport} each
 * result shows itself as.
 */
package dev.sobolev.reports.experiments;
