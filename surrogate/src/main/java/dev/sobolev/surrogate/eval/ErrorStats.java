package dev.sobolev.surrogate.eval;

/**
 * Running error statistics of predictions against exact labels, one pair at a time: R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)²,
 * RMSE = √(Σ(y − ŷ)²/n) and max |y − ŷ|. The spread Σ(y − ȳ)² is summed over the labels shifted by the first one,
 * so that labels far from zero lose no digits to cancellation. The figures depend on the order of the pairs
 * (floating-point sums), so two callers that add the same pairs in the same order get the same bits: the report
 * and {@link Metrics} rely on that. Mutable, not thread-safe; one per quantity and region.
 */
public final class ErrorStats {
    private double sse;
    private double shift;
    private double sum;
    private double sumSq;
    private double maxError;
    private long n;

    /**
     * The complete running state, so that statistics can be checkpointed and resumed with the same bits.
     *
     * @param sse      Σ(y − ŷ)²
     * @param shift    the first label (the spread is summed over labels minus it)
     * @param sum      Σ(y − shift)
     * @param sumSq    Σ(y − shift)²
     * @param maxError max |y − ŷ| so far (0 without pairs)
     * @param count    pairs added
     */
    public record State(double sse, double shift, double sum, double sumSq, double maxError, long count) {
    }

    /** The running state ({@link #of(State)} rebuilds statistics that go on with the same bits). */
    public State state() {
        return new State(sse, shift, sum, sumSq, maxError, n);
    }

    /**
     * Statistics that continue from a recorded state.
     *
     * @param state a state from {@link #state()}
     * @return new statistics in that state
     */
    public static ErrorStats of(State state) {
        ErrorStats s = new ErrorStats();
        s.sse = state.sse();
        s.shift = state.shift();
        s.sum = state.sum();
        s.sumSq = state.sumSq();
        s.maxError = state.maxError();
        s.n = state.count();
        return s;
    }

    /**
     * Adds one pair.
     *
     * @param truth the exact label y
     * @param pred  the prediction ŷ
     */
    public void add(double truth, double pred) {
        double e = truth - pred;
        sse += e * e;
        maxError = Math.max(maxError, Math.abs(e));
        if (n == 0) {
            shift = truth;
        }
        double t = truth - shift;
        sum += t;
        sumSq += t * t;
        n++;
    }

    /** Pairs added. */
    public long count() {
        return n;
    }

    /** R² = 1 − SSE/SST: NaN without pairs or when the labels have no spread (SST = 0). */
    public double r2() {
        double sst = sumSq - sum * sum / n;
        return sst == 0 || n == 0 ? Double.NaN : 1 - sse / sst;
    }

    /** Root mean square error, NaN without pairs. */
    public double rmse() {
        return Math.sqrt(sse / n);
    }

    /** Largest absolute error, NaN without pairs. */
    public double maxError() {
        return n == 0 ? Double.NaN : maxError;
    }
}
