package dev.sobolev.pruning;

import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * Per hidden unit statistics of a surrogate over a sample of inputs, in the network's (normalised) units:
 * the mean, minimum and maximum activation and the first-order Taylor saliency
 * mean |(aₗ,ᵢ(x) − āₗ,ᵢ)·∂y/∂aₗ,ᵢ(x)| (Molchanov et al. 2017, "Pruning convolutional neural networks for
 * resource efficient inference"; "Towards Sobolev Pruning"'s "saliency pruning" |∂L/∂w·w| for units): the first-order change
 * of the output when the unit is replaced by its mean, which is what {@link UnitRemoval} does. Also keeps an
 * evenly spaced sample of up to {@value #SAMPLE} inputs and each input's spread, for data-local interval
 * significance ({@link Saliency#INTERVAL_LOCAL}).
 */
public final class UnitStatistics {
    private final double[][] mean;
    private final double[][] min;
    private final double[][] max;
    private final double[][] taylor;
    private final double[][] sample;
    private final double[] spread;

    private UnitStatistics(double[][] mean, double[][] min, double[][] max, double[][] taylor, double[][] sample,
                           double[] spread) {
        this.mean = mean;
        this.min = min;
        this.max = max;
        this.taylor = taylor;
        this.sample = sample;
        this.spread = spread;
    }

    /** Number of rows kept as a sample of the inputs ({@link #sample}). */
    public static final int SAMPLE = 256;

    /**
     * Statistics of output 0 over the rows of {@code x} (data units, row-major n×d).
     *
     * @param model the surrogate
     * @param x     inputs in data units
     * @param rows  number of rows n ≥ 1
     */
    public static UnitStatistics of(Surrogate model, double[] x, int rows) {
        Mlp net = model.network();
        int d = net.inputs();
        if (rows < 1 || x.length != (long) rows * d) {
            throw new IllegalArgumentException("inputs must hold n*d = " + (long) rows * d + " values for n = " + rows
                    + " rows of " + d + " inputs, got " + x.length);
        }
        int[] widths = net.widths();
        int hidden = widths.length - 2;
        double[][] act = new double[widths.length][];
        double[][] adj = new double[widths.length][];
        double[][] sum = new double[hidden + 1][];
        double[][] lo = new double[hidden + 1][];
        double[][] hi = new double[hidden + 1][];
        double[][] tay = new double[hidden + 1][];
        for (int l = 0; l < widths.length; l++) {
            act[l] = new double[widths[l]];
            adj[l] = new double[widths[l]];
        }
        for (int l = 1; l <= hidden; l++) {
            sum[l] = new double[widths[l]];
            lo[l] = new double[widths[l]];
            hi[l] = new double[widths[l]];
            tay[l] = new double[widths[l]];
            java.util.Arrays.fill(lo[l], Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi[l], Double.NEGATIVE_INFINITY);
        }
        // the inputs in the network's units, row-major, once for both passes, the sample and the spreads
        Normalisation norm = model.normalisation();
        double[] xs = new double[x.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                xs[r * d + j] = (x[r * d + j] - norm.xMean(j)) / norm.xStd(j);
            }
        }
        Mlp.Workspace ws = net.newWorkspace();
        double[] xi = new double[d];
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(xs, r * d, xi, 0, d);
                net.unitSensitivities(xi, 0, act, adj, ws);
                for (int l = 1; l <= hidden; l++) {
                    for (int i = 0; i < widths[l]; i++) {
                        double a = act[l][i];
                        if (pass == 0) {
                            sum[l][i] += a;
                            lo[l][i] = Math.min(lo[l][i], a);
                            hi[l][i] = Math.max(hi[l][i], a);
                        } else {
                            tay[l][i] += Math.abs((a - sum[l][i]) * adj[l][i]);
                        }
                    }
                }
            }
            for (int l = 1; l <= hidden; l++) {
                for (int i = 0; i < widths[l]; i++) {
                    if (pass == 0) {
                        sum[l][i] /= rows;
                    } else {
                        tay[l][i] /= rows;
                    }
                }
            }
        }
        // an evenly spaced sample of the inputs and each input's (population) standard deviation
        int kept = Math.min(rows, SAMPLE);
        double[][] sample = new double[kept][];
        for (int k = 0; k < kept; k++) {
            int r = (int) ((long) k * rows / kept);
            sample[k] = java.util.Arrays.copyOfRange(xs, r * d, r * d + d);
        }
        double[] spread = new double[d];
        double[] column = new double[rows];
        for (int j = 0; j < d; j++) {
            for (int r = 0; r < rows; r++) {
                column[r] = xs[r * d + j];
            }
            spread[j] = new StandardDeviation(false).evaluate(column);
        }
        return new UnitStatistics(sum, lo, hi, tay, sample, spread);
    }

    /** Number of hidden layers. */
    public int hiddenLayers() {
        return mean.length - 1;
    }

    /** Mean activation of unit i of hidden layer l (1-based). */
    public double mean(int l, int i) {
        return mean[l][i];
    }

    /** Means of hidden layer l (a copy). */
    public double[] means(int l) {
        return mean[l].clone();
    }

    /** Smallest sampled activation. */
    public double min(int l, int i) {
        return min[l][i];
    }

    /** Largest sampled activation. */
    public double max(int l, int i) {
        return max[l][i];
    }

    /** Sample point k (network units; a copy), k &lt; {@link #sampleSize()}. */
    public double[] sample(int k) {
        return sample[k].clone();
    }

    /** Number of sample points: min(rows, {@value #SAMPLE}). */
    public int sampleSize() {
        return sample.length;
    }

    /** Standard deviation of input j over the data (network units). */
    public double spread(int j) {
        return spread[j];
    }

    /** The Taylor saliency of a unit. */
    public double taylor(int l, int i) {
        return taylor[l][i];
    }
}
