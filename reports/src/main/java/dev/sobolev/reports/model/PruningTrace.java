package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * How a model was pruned (Kichler, Afghan &amp; Naumann, "Interval adjoint significance analysis for neural
 * networks"): the steps with the test R² after each, the significance of every hidden unit when pruning began,
 * and the certified bound on the change of values and deltas over the input box with its sampled check.
 *
 * @param method       saliency ({@code interval}, {@code magnitude}, {@code taylor})
 * @param steps        the steps, the unpruned model first as step 0
 * @param significance per hidden layer (first hidden layer first), each unit's score before the first step
 * @param bound        the certified and the sampled change
 */
public record PruningTrace(String method, List<Step> steps, List<List<Double>> significance, Bound bound) {
    /** Copies the lists. */
    public PruningTrace {
        Objects.requireNonNull(method, "method");
        steps = List.copyOf(steps);
        significance = significance.stream().map(List::copyOf).toList();
        Objects.requireNonNull(bound, "bound");
    }

    /**
     * One step.
     *
     * @param step       0 for the unpruned model, then 1, 2, …
     * @param widths     hidden widths after it
     * @param parameters parameter count after it
     * @param r2Value    test R² of values after it (and its retraining)
     * @param r2Delta    of deltas
     * @param r2Gamma    of gamma (NaN without gamma labels)
     * @param validationRmse value RMSE on the validation (test) set after it, NaN if not measured
     * @param seconds    wall time of the step (NaN if not known)
     */
    public record Step(int step, List<Integer> widths, int parameters, double r2Value, double r2Delta,
                       double r2Gamma, double validationRmse, double seconds) {
        /** Copies the widths. */
        public Step {
            widths = List.copyOf(widths);
        }
    }

    /**
     * The change |pruned − original| over the box: certified by interval arithmetic, and the largest found by
     * sampling (never above the certified one).
     *
     * @param value        certified bound on the value change
     * @param delta        certified bound on each delta's change
     * @param boxes        sub-boxes of the certificate
     * @param sampledValue largest sampled value change
     * @param sampledDelta largest sampled change of each delta
     * @param samples      sampled points
     * @param lower        the box's lower corner
     * @param upper        the box's upper corner
     */
    public record Bound(double value, List<Double> delta, int boxes, double sampledValue, List<Double> sampledDelta,
                        int samples, List<Double> lower, List<Double> upper) {
        /** Copies the lists. */
        public Bound {
            delta = List.copyOf(delta);
            sampledDelta = List.copyOf(sampledDelta);
            lower = List.copyOf(lower);
            upper = List.copyOf(upper);
        }
    }
}
