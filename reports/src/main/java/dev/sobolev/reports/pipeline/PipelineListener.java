package dev.sobolev.reports.pipeline;

/**
 * Receives the progress of a {@link Pipeline} run, from the thread that runs it: each stage's start with the
 * number of units of work it will report (epochs, pruning steps, …), each unit done with a message (an epoch's
 * loss, a step's widths), and each stage's typed result. A reused stage reports start and finish only.
 */
public interface PipelineListener {
    /** A listener that ignores everything. */
    PipelineListener NONE = new PipelineListener() {
    };

    /**
     * A stage starts.
     *
     * @param stage the stage name ({@code train}, {@code prune}, …)
     * @param units the units of work it will report, 0 if it reports none
     */
    default void stageStarted(String stage, long units) {
    }

    /**
     * Units of work done.
     *
     * @param stage   the stage name
     * @param done    units done so far in this stage
     * @param message what the last unit did ({@code epoch 12/100 loss 3.1e-3}, {@code step 2: widths …})
     */
    default void progress(String stage, long done, String message) {
    }

    /**
     * A stage finished (done, reused or redone).
     *
     * @param result its result
     */
    default void stageFinished(Pipeline.StageResult result) {
    }
}
