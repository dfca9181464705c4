package dev.sobolev.pricing.montecarlo;

/**
 * Running mean and variance of several statistics at once, accumulated as sums shifted by the first sample
 * (to avoid the cancellation of the textbook formula) and merged across blocks with Chan, Golub &amp; LeVeque's
 * pairwise update ("Algorithms for computing the sample variance", Am. Stat. 1983). Mutable, confined to one
 * task; blocks are merged in task order so the result does not depend on the thread count. Samples are
 * added first; taking a mean, an error or merging freezes the sums.
 */
public final class SampleStatistics {
    private final int width;
    private final double[] shift;
    private final double[] sum;
    private final double[] sumSq;
    private long count;
    private double[] mean;
    private double[] m2;

    /** Statistics of {@code width} quantities, no samples yet. */
    public SampleStatistics(int width) {
        this.width = width;
        shift = new double[width];
        sum = new double[width];
        sumSq = new double[width];
    }

    /** Adds one sample; {@code values} holds one entry per statistic. */
    public void add(double[] values) {
        if (mean != null) {
            throw new IllegalStateException("samples must be added before means, errors or merges are taken");
        }
        if (count == 0) {
            System.arraycopy(values, 0, shift, 0, width);
        }
        for (int i = 0; i < width; i++) {
            double x = values[i] - shift[i];
            sum[i] += x;
            sumSq[i] += x * x;
        }
        count++;
    }

    /** Freezes the shifted sums into mean and M2 = Σ(x − mean)². */
    private void finish() {
        if (mean != null) {
            return;
        }
        mean = new double[width];
        m2 = new double[width];
        for (int i = 0; i < width; i++) {
            double m = count == 0 ? 0 : sum[i] / count;
            mean[i] = shift[i] + m;
            m2[i] = Math.max(sumSq[i] - m * sum[i], 0.0);
        }
    }

    /** Merges {@code other} into this (both finished first). */
    public void merge(SampleStatistics other) {
        finish();
        other.finish();
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        for (int i = 0; i < width; i++) {
            double delta = other.mean[i] - mean[i];
            mean[i] += delta * other.count / n;
            m2[i] += other.m2[i] + delta * delta * ((double) count * other.count / n);
        }
        count = n;
    }

    /** Number of samples. */
    public long count() {
        return count;
    }

    /** Mean of statistic i. */
    public double mean(int i) {
        finish();
        return mean[i];
    }

    /** Standard error of the mean of statistic i: √(M2/(n−1)/n); NaN (undefined) for fewer than two samples. */
    public double standardError(int i) {
        finish();
        if (count < 2) {
            return Double.NaN;
        }
        return Math.sqrt(m2[i] / (count - 1) / count);
    }
}
