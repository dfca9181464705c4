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
