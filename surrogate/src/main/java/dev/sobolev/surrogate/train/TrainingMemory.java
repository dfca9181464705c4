package dev.sobolev.surrogate.train;

import java.util.Arrays;
import java.util.Locale;

import dev.sobolev.core.InvalidParameterException;

/**
 * The memory a training run needs, checked against the heap before any work starts. A run holds the network's
 * parameters θ several times (the initial weights, θ, the best weights, the gradient, two optimiser moments, the
 * returned network's copy and, with keepBest, the lowest-loss weights), one gradient buffer per shard of a
 * mini-batch and of the validation rows, and per worker thread a workspace of one more set of weight gradients
 * plus activation rows (units × 64-sample shard × (1 + d + d·directions) columns); the data come once more,
 * scaled. The estimate counts 8 bytes a double and ignores object headers, so it errs low by a few percent.
 */
final class TrainingMemory {
    /** Copies of θ besides the shard buffers (see the type's description). */
    private static final int PARAMETER_COPIES = 7;

    private TrainingMemory() {
    }

    /**
     * Throws if the run cannot fit in the heap's free memory.
     *
     * @param parameter  the name of what decides the architecture: {@code hidden}, or {@code model} for a given
     *                   network
     * @param widths     n₀..n_{L+1}
     * @param rows       training rows
     * @param validation validation rows
     * @param batch      mini-batch size (≤ rows)
     * @param directions Hessian–vector directions trained on (0 without the second-order term)
     * @param threads    worker threads
     * @param keepBest   whether the lowest-loss weights are kept as well
     * @param dataDoubles doubles in the data set's arrays (scaled once more for training)
     * @throws InvalidParameterException naming {@code parameter}: what the run needs, what the heap has, and the
     *                                   widest layers of the same depth that would fit
     */
    static void check(String parameter, int[] widths, int rows, int validation, int batch, int directions, int threads,
                      boolean keepBest, double dataDoubles) {
        Runtime rt = Runtime.getRuntime();
        double max = rt.maxMemory();
        check(parameter, max - (rt.totalMemory() - rt.freeMemory()), max, widths, rows, validation, batch, directions,
                threads, keepBest, dataDoubles);
    }

    /**
     * Throws if the estimate of {@link #bytes} exceeds the given free memory.
     *
     * @param parameter   as for {@link #check(String, int[], int, int, int, int, int, boolean, double)}
     * @param free        bytes of heap available to the run
     * @param max         the maximum heap in bytes, for the message
     * @param widths      n₀..n_{L+1}
     * @param rows        training rows
     * @param validation  validation rows
     * @param batch       mini-batch size
     * @param directions  Hessian–vector directions trained on
     * @param threads     worker threads
     * @param keepBest    whether the lowest-loss weights are kept as well
     * @param dataDoubles doubles in the data set's arrays
     * @throws InvalidParameterException naming {@code parameter} when the estimate exceeds {@code free}
     */
    static void check(String parameter, double free, double max, int[] widths, int rows, int validation, int batch,
                      int directions, int threads, boolean keepBest, double dataDoubles) {
        double need = bytes(widths, rows, validation, batch, directions, threads, keepBest, dataDoubles);
        if (need <= free) {
            return;
        }
        int widest = 0;
        for (int l = 1; l < widths.length - 1; l++) {
            widest = Math.max(widest, widths[l]);
        }
        int lo = 0;
        int hi = widest;
        while (lo < hi) { // the widest uniform layers of the same depth that fit
            int mid = (lo + hi + 1) >>> 1;
            int[] w = widths.clone();
            Arrays.fill(w, 1, w.length - 1, mid);
            if (bytes(w, rows, validation, batch, directions, threads, keepBest, dataDoubles) <= free) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int[] hidden = Arrays.copyOfRange(widths, 1, widths.length - 1);
        throw new InvalidParameterException(parameter, String.format(Locale.ROOT, "%s needs about %s for training "
                + "(weights, gradients, optimiser moments, shard buffers and %d threads' workspaces), but the JVM has "
                + "%s free of its %s maximum heap; %s, or raise the maximum heap (-Xmx)", Arrays.toString(hidden),
                gigabytes(need), threads, gigabytes(free), gigabytes(max), lo == 0 ? "no network of this depth fits"
                        : String.format(Locale.ROOT, "at most about %,d units a layer fit", lo)));
    }

    /** The estimate of the type's description, in bytes. */
    static double bytes(int[] widths, int rows, int validation, int batch, int directions, int threads,
                        boolean keepBest, double dataDoubles) {
        double parameters = 0;
        double units = 0;
        int widest = 0;
        for (int l = 1; l < widths.length; l++) {
            parameters += ((double) widths[l - 1] + 1) * widths[l];
        }
        for (int w : widths) {
            units += w;
            widest = Math.max(widest, w);
        }
        double shards = Math.ceil(batch / (double) Trainer.SHARD) + Math.ceil(validation / (double) Trainer.SHARD);
        double columns = (double) Trainer.SHARD * (1 + widths[0] + (double) directions * widths[0]);
        double workspace = parameters + units * (3 * columns + 6.0 * Trainer.SHARD) + columns * widest;
        double copies = PARAMETER_COPIES + (keepBest ? 1 : 0) + shards;
        return 8 * (parameters * copies + threads * workspace + dataDoubles + rows);
    }

    private static String gigabytes(double bytes) {
        double gib = bytes / (1L << 30);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1L << 20));
    }
}
