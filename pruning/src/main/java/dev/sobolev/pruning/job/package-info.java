/**
 * The pruning job: {@link dev.sobolev.pruning.job.PruneJob} prunes a surrogate, fine-tunes it, certifies the
 * change over the input box and records the provenance that names the parent model; {@link
 * dev.sobolev.pruning.job.FineTuneJob} fine-tunes a pruned model file on the same code path.
 */
package dev.sobolev.pruning.job;
