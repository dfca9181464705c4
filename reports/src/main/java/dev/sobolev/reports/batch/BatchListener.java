package dev.sobolev.reports.batch;

/**
 * Receives the progress of a {@link BatchJob} run, from the thread that runs it: the input's size once, then after
 * each committed chunk the bytes of the input read so far (a resumed run starts where its journal left off) and the
 * rows priced and rejected so far.
 */
public interface BatchListener {
    /** A listener that ignores everything. */
    BatchListener NONE = new BatchListener() {
    };

    /**
     * The run starts.
     *
     * @param inputBytes the input file's size in bytes
     * @param offset     where reading starts (after the header, or the journal's offset when resuming)
     */
    default void started(long inputBytes, long offset) {
    }

    /**
     * A chunk was committed.
     *
     * @param offset   the input bytes read so far
     * @param rows     rows priced so far
     * @param rejected rows rejected so far
     */
    default void progress(long offset, long rows, long rejected) {
    }
}
