/**
 * Library jobs of the surrogate module: {@link dev.sobolev.surrogate.job.TrainJob} (a data set and a configuration
 * in, a model, its history and its provenance out) and {@link dev.sobolev.surrogate.job.EvalJob} (a model and a test
 * set in, metrics per output out). Each takes a typed request, reports progress to a listener instead of printing,
 * and returns a typed result; the command line only renders it.
 */
package dev.sobolev.surrogate.job;
