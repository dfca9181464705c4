package dev.sobolev.surrogate.train;

/**
 * A training run diverged ({@link Trainer}: a non-finite loss or parameter, an epoch loss above
 * {@link Trainer#DIVERGENCE_FACTOR} times the starting loss, or kept weights no better than the start) and was
 * not asked to keep its best weights ({@link TrainingConfig#keepBest()}), or had no finished epoch to keep.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The epochs that finished before the divergence; not serialised. */
    private final transient TrainingHistory history;
    private final boolean keepBestAsked;

    /**
     * @param history       the run up to the divergence, its stop reason saying what happened ("diverged in …")
     * @param keepBestAsked whether the run was asked to keep its best weights (and had no finished epoch)
     */
    public TrainingDivergedException(TrainingHistory history, boolean keepBestAsked) {
        super("training " + history.stopReason());
        this.history = history;
        this.keepBestAsked = keepBestAsked;
    }

    /** Whether the run was asked to keep its best weights, and throws because no epoch finished. */
    public boolean keepBestAsked() {
        return keepBestAsked;
    }

    /** The run up to the divergence. */
    public TrainingHistory history() {
        return history;
    }
}
