package dev.sobolev.surrogate.train;

import dev.sobolev.core.InvalidParameterException;

/** The learning-rate schedules by name, each set by a peak rate, a final rate and the run length. */
public enum ScheduleKind {
    /** The rate η throughout. */
    CONSTANT,
    /** Cosine decay from η to the final rate (Loshchilov &amp; Hutter 2017). */
    COSINE,
    /** One cycle 10⁻⁸ → η (at 20 %) → η/10 (at 60 %) → 10⁻⁶ (Smith 2018; Huge &amp; Savine's notebook). */
    ONE_CYCLE,
    /** Time-based decay η/(1 + k·t) reaching the final rate at the last epoch. */
    TIME_DECAY,
    /** Halving every quarter of the run. */
    STEP;

    /**
     * The schedule.
     *
     * @param learningRate    the (peak) rate η, finite and &gt; 0
     * @param minLearningRate the final rate of {@link #COSINE} and {@link #TIME_DECAY} (capped at η)
     * @param epochs          the run length E ≥ 1
     * @return the schedule of this kind
     * @throws InvalidParameterException if {@code learningRate} is not finite and positive
     */
    public Schedule create(double learningRate, double minLearningRate, int epochs) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidParameterException("learningRate", "must be finite and > 0, got " + learningRate);
        }
        if (epochs < 1) {
            throw new InvalidParameterException("epochs", "must be >= 1, got " + epochs);
        }
        double end = Math.min(minLearningRate, learningRate);
        return switch (this) {
            case CONSTANT -> new Schedule.Constant(learningRate);
            case COSINE -> new Schedule.Cosine(learningRate, end);
            case ONE_CYCLE -> new Schedule.OneCycle(1e-8, learningRate, learningRate / 10, 1e-6, 0.2, 0.6);
            case TIME_DECAY -> Schedule.TimeDecay.between(learningRate, end, epochs);
            case STEP -> new Schedule.Step(learningRate, 0.5, Math.max(1, epochs / 4));
        };
    }
}
