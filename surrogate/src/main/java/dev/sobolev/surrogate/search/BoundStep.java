package dev.sobolev.surrogate.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Objects;

/**
 * The δ_min step of McDonagh &amp; Chen's search (§4.1, eq. 11; Fig. 4): candidates of the first generation(s) are
 * trained with the gradient term (F^G) and on values only (F) at the same complexity, learning rate and seed;
 * δ_min = min over the pairs of |A[F^G] − A[F]| (A the validation RMSE, eq. 10), and the complexity of the pair that
 * attains it is the upper bound c^UB above which later generations do not go. The pairs are averaged per complexity
 * (a probe of more candidates than complexities repeats some) and {@link DeltaMin#of} takes δ_min: pairs with a
 * failed training (an infinite error) take no part, ties go to the smaller complexity. Without pairs (no bound
 * step) or without a finite one, δ_min is +∞ and the bound is the space's ηmax: nothing is dropped.
 *
 * @param pairs    the trained pairs in the order they were trained
 * @param deltaMin δ_min, or +∞ without a finite pair
 * @param bound    c^UB, the largest complexity searched after the step
 */
public record BoundStep(List<Pair> pairs, double deltaMin, int bound) {
    /** Copies the pairs and checks the figures. */
    public BoundStep {
        pairs = List.copyOf(pairs);
        if (!(deltaMin >= 0)) {
            throw new IllegalArgumentException("deltaMin must be >= 0, got " + deltaMin);
        }
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
    }

    /**
     * One complexity trained both ways.
     *
     * @param candidate  the gradient-trained candidate (α &lt; 1)
     * @param gradient   A[F^G]: its validation RMSE
     * @param valuesOnly A[F]: the validation RMSE of the same candidate with α = 1
     */
    public record Pair(Candidate candidate, double gradient, double valuesOnly) {
        /** Checks for a missing candidate. */
        public Pair {
            Objects.requireNonNull(candidate, "candidate");
        }

        /** @return |A[F^G] − A[F]|, or +∞ when either training failed */
        public double delta() {
            return Double.isFinite(gradient) && Double.isFinite(valuesOnly) ? Math.abs(gradient - valuesOnly)
                    : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * δ_min and the bound of a set of pairs.
     *
     * @param pairs  the pairs trained so far
     * @param etaMax the largest complexity of the space: the bound when no pair is finite
     * @return the step
     */
    public static BoundStep of(List<Pair> pairs, int etaMax) {
        SortedMap<Integer, List<Pair>> byEta = new TreeMap<>();
        for (Pair p : pairs) {
            byEta.computeIfAbsent(p.candidate().eta(), k -> new ArrayList<>()).add(p);
        }
        if (byEta.isEmpty()) {
            return new BoundStep(pairs, Double.POSITIVE_INFINITY, etaMax);
        }
        int[] etas = new int[byEta.size()];
        double[] values = new double[etas.length];
        double[] gradients = new double[etas.length];
        int i = 0;
        for (Map.Entry<Integer, List<Pair>> e : byEta.entrySet()) {
            etas[i] = e.getKey();
            values[i] = e.getValue().stream().mapToDouble(Pair::valuesOnly).average().orElseThrow();
            gradients[i] = e.getValue().stream().mapToDouble(Pair::gradient).average().orElseThrow();
            i++;
        }
        DeltaMin.Result result = DeltaMin.of(etas, values, gradients);
        boolean finite = Double.isFinite(result.deltaMin());
        return new BoundStep(pairs, result.deltaMin(), finite ? result.bound() : etaMax);
    }
}
