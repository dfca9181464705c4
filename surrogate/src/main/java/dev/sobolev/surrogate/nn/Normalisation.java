package dev.sobolev.surrogate.nn;

import java.util.Arrays;

/**
 * Affine scaling of inputs and outputs: x̃ = (x − μₓ)/σₓ, ỹ = (y − μ_y)/σ_y, so derivative labels scale as
 * dỹₖ/dx̃ⱼ = dyₖ/dxⱼ·σₓⱼ/σ_yₖ (Huge &amp; Savine 2020 normalise per feature; Kichler et al. with one global mean
 * and deviation for all inputs and one for all outputs). Immutable.
 */
public final class Normalisation {
    private final double[] xMean;
    private final double[] xStd;
    private final double[] yMean;
    private final double[] yStd;

    /**
     * @param xMean μₓ (length d)
     * @param xStd  σₓ &gt; 0 (length d)
     * @param yMean μ_y (length m)
     * @param yStd  σ_y &gt; 0 (length m)
     */
    public Normalisation(double[] xMean, double[] xStd, double[] yMean, double[] yStd) {
        if (xMean.length != xStd.length || yMean.length != yStd.length) {
            throw new IllegalArgumentException("normalisation means and deviations must have matching lengths");
        }
        for (double s : xStd) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("input scale must be finite and > 0, got " + s);
            }
        }
        for (double s : yStd) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("output scale must be finite and > 0, got " + s);
            }
        }
        this.xMean = xMean.clone();
        this.xStd = xStd.clone();
        this.yMean = yMean.clone();
        this.yStd = yStd.clone();
    }

    /** The identity scaling. */
    public static Normalisation identity(int d, int m) {
        double[] one = new double[Math.max(d, m)];
        Arrays.fill(one, 1.0);
        return new Normalisation(new double[d], Arrays.copyOf(one, d), new double[m], Arrays.copyOf(one, m));
    }

    /** How statistics are pooled. */
    public enum Kind {
        /** No scaling. */
        NONE,
        /** One mean and deviation per input and per output (Huge–Savine). */
        PER_FEATURE,
        /** One mean and deviation over all inputs, one over all outputs (Kichler). */
        GLOBAL
    }

    /**
     * Statistics of a data set.
     *
     * @param kind pooling
     * @param x    inputs n×d
     * @param y    outputs n×m
     * @param n    rows
     */
    public static Normalisation fit(Kind kind, double[] x, double[] y, int n) {
        int d = x.length / n;
        int m = y.length / n;
        if (kind == Kind.NONE) {
            return identity(d, m);
        }
        return new Normalisation(mean(x, n, d, kind), std(x, n, d, kind), mean(y, n, m, kind), std(y, n, m, kind));
    }

    private static double[] mean(double[] a, int n, int w, Kind kind) {
        double[] mu = new double[w];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                mu[j] += a[r * w + j];
            }
        }
        for (int j = 0; j < w; j++) {
            mu[j] /= n;
        }
        if (kind == Kind.GLOBAL) {
            double g = Arrays.stream(mu).average().orElse(0);
            Arrays.fill(mu, g);
        }
        return mu;
    }

    private static double[] std(double[] a, int n, int w, Kind kind) {
        double[] mu = mean(a, n, w, kind);
        double[] s = new double[w];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                double e = a[r * w + j] - mu[j];
                s[j] += e * e;
            }
        }
        if (kind == Kind.GLOBAL) {
            double g = Math.sqrt(Arrays.stream(s).sum() / ((double) n * w));
            Arrays.fill(s, g > 0 ? g : 1.0);
            return s;
        }
        for (int j = 0; j < w; j++) {
            s[j] = Math.sqrt(s[j] / n);
            if (!(s[j] > 0)) {
                s[j] = 1.0; // a constant column: leave it unscaled
            }
        }
        return s;
    }

    /** μₓⱼ. */
    public double xMean(int j) {
        return xMean[j];
    }

    /** σₓⱼ. */
    public double xStd(int j) {
        return xStd[j];
    }

    /** μ_yₖ. */
    public double yMean(int k) {
        return yMean[k];
    }

    /** σ_yₖ. */
    public double yStd(int k) {
        return yStd[k];
    }

    /**
     * The input shifts.
     *
     * @return a copy of μₓ (length d)
     */
    public double[] xMean() {
        return xMean.clone();
    }

    /**
     * The input scales.
     *
     * @return a copy of σₓ (length d)
     */
    public double[] xStd() {
        return xStd.clone();
    }

    /**
     * The output shifts.
     *
     * @return a copy of μ_y (length m)
     */
    public double[] yMean() {
        return yMean.clone();
    }

    /**
     * The output scales.
     *
     * @return a copy of σ_y (length m)
     */
    public double[] yStd() {
        return yStd.clone();
    }

    /**
     * The number of inputs this scaling takes.
     *
     * @return d
     */
    public int inputs() {
        return xMean.length;
    }

    /**
     * The number of outputs this scaling takes.
     *
     * @return m
     */
    public int outputs() {
        return yMean.length;
    }

    /** Equal when all four vectors are equal entry by entry ({@link Double#equals} semantics). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation n && Arrays.equals(xMean, n.xMean) && Arrays.equals(xStd, n.xStd)
                && Arrays.equals(yMean, n.yMean) && Arrays.equals(yStd, n.yStd);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(xMean), Arrays.hashCode(xStd), Arrays.hashCode(yMean),
            Arrays.hashCode(yStd)});
    }

    @Override
    public String toString() {
        return "Normalisation[xMean=" + Arrays.toString(xMean) + ", xStd=" + Arrays.toString(xStd) + ", yMean="
                + Arrays.toString(yMean) + ", yStd=" + Arrays.toString(yStd) + "]";
    }

    /**
     * Scales a data set into the network's units: new arrays x̃, ỹ and (if given) dỹ/dx̃.
     *
     * @return {x̃, ỹ, dỹ/dx̃ or null}
     */
    public double[][] scale(double[] x, double[] y, double[] dydx, int n) {
        int d = xMean.length;
        int m = yMean.length;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        double[] gs = dydx == null ? null : new double[dydx.length];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                xs[r * d + j] = (x[r * d + j] - xMean[j]) / xStd[j];
            }
            for (int k = 0; k < m; k++) {
                ys[r * m + k] = (y[r * m + k] - yMean[k]) / yStd[k];
                if (gs != null) {
                    for (int j = 0; j < d; j++) {
                        int i = (r * m + k) * d + j;
                        gs[i] = dydx[i] * xStd[j] / yStd[k];
                    }
                }
            }
        }
        return new double[][] {xs, ys, gs};
    }
}
