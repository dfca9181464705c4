package dev.sobolev.reports.batch;

import java.nio.file.Path;

/**
 * A batch run stopped because more rows than {@link BatchRequest#maxRejects()} were rejected. The chunk in which
 * the limit was passed was written and committed to the journal, so nothing is lost: the rejects file shows what
 * is wrong, and a run with {@code resume} (and a higher limit) goes on from there.
 */
public final class TooManyRejectsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long maxRejects;
    private final long rejected;
    private final transient Path journal;

    /**
     * @param maxRejects the limit
     * @param rejected   rows rejected so far
     * @param line       the last input line read
     * @param rejects    the rejects file being written
     * @param journal    the journal a resumed run continues from
     */
    TooManyRejectsException(long maxRejects, long rejected, long line, Path rejects, Path journal) {
        super("more than " + maxRejects + " rows rejected (" + rejected + " by line " + line + ", see " + rejects
                + "); the run stopped and can be continued with resume");
        this.maxRejects = maxRejects;
        this.rejected = rejected;
        this.journal = journal;
    }

    /**
     * The limit.
     *
     * @return the largest number of rejects allowed
     */
    public long maxRejects() {
        return maxRejects;
    }

    /**
     * Rows rejected when the run stopped.
     *
     * @return the count
     */
    public long rejected() {
        return rejected;
    }

    /**
     * The journal of the stopped run.
     *
     * @return its path
     */
    public Path journal() {
        return journal;
    }
}
