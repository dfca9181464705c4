package dev.sobolev.surrogate.search;

import dev.sobolev.core.InvalidParameterException;

/** The settings both searches share, checked in one place. */
final class Checks {
    /** Largest thread count, as {@code TrainingConfig} allows. */
    static final int MAX_THREADS = 1024;

    private Checks() {
    }

    /**
     * Checks the budget and the threads.
     *
     * @param population  candidates per generation, ≥ 2
     * @param generations generations, ≥ 1
     * @param threads     trainings at once, in [1, 1024]
     * @throws InvalidParameterException naming {@code population}, {@code generations} or {@code threads}
     */
    static void budget(int population, int generations, int threads) {
        if (population < 2) {
            throw new InvalidParameterException("population", "must be >= 2, got " + population);
        }
        if (generations < 1) {
            throw new InvalidParameterException("generations", "must be >= 1, got " + generations);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new InvalidParameterException("threads", "must be in [1, " + MAX_THREADS + "], got " + threads);
        }
    }

    /**
     * Checks a probability.
     *
     * @param name  the parameter
     * @param value the value, in [0, 1]
     * @throws InvalidParameterException naming the parameter
     */
    static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidParameterException(name, "must be in [0, 1], got " + value);
        }
    }
}
