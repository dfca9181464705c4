package dev.sobolev.pruning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingHistory;

/**
 * Iterative structured pruning of a surrogate (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning"): each step ranks the
 * hidden units of the current network by a {@link Saliency}, removes from every layer above its target the
 * least significant share of its surplus, folding each removed unit's mean activation into the next bias
 * ({@link UnitRemoval}), and optionally retrains. It stops at the target widths, or earlier when the next
 * step would exceed a validation error tolerance (that step is undone).
 */
public final class Pruner {
    private Pruner() {
    }

    /**
     * What to prune to and how.
     *
     * @param saliency     the ranking
     * @param widths       target width of each hidden layer (each ≥ 1 and ≤ the layer's width)
     * @param stepFraction share of a layer's surplus removed per step, in (0, 1] (at least one unit)
     * @param tolerance    largest admissible validation RMSE of values (data units), or +∞ for none
     * @param retrain      training run between steps (from the current weights), or null for none
     */
    public record Config(Saliency saliency, int[] widths, double stepFraction, double tolerance, TrainingConfig retrain) {
        /** Validates the settings. */
        public Config {
            widths = widths.clone();
            for (int w : widths) {
                if (w < 1) {
                    throw new InvalidParameterException("widths", "must be >= 1, got " + w);
                }
            }
            if (!(stepFraction > 0 && stepFraction <= 1)) {
                throw new InvalidParameterException("stepFraction", "must be in (0, 1], got " + stepFraction);
            }
            if (!(tolerance > 0)) {
                throw new InvalidParameterException("tolerance", "must be > 0, got " + tolerance);
            }
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }
    }

    /**
     * One pruning step.
     *
     * @param step           1, 2, … in order
     * @param widths         hidden widths after it
     * @param parameters     parameter count after it
     * @param validationRmse value RMSE on the validation data after it (and its retraining), NaN without data
     * @param seconds        wall time of the step
     * @param model          the surrogate after it (and its retraining)
     * @param scores         the saliency of every unit of the network the step pruned, {@code scores[l - 1][i]}
     *                       for unit i of hidden layer l (lowest removed first)
     * @param retraining     the retraining's history, or null without retraining
     */
    public record Step(int step, int[] widths, int parameters, double validationRmse, double seconds, Surrogate model,
                       double[][] scores, TrainingHistory retraining) {
        /** Copies the arrays. */
        public Step {
            widths = widths.clone();
            scores = deepCopy(scores);
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }

        @Override
        public double[][] scores() {
            return deepCopy(scores);
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    /** Receives the progress of a pruning run. */
    public interface Listener {
        /**
         * A finished step.
         *
         * @param step the step, as {@link Result#steps()} will hold it
         */
        void step(Step step);

        /**
         * A finished epoch of the retraining inside a step (none without retraining).
         *
         * @param step  the step being made (1-based)
         * @param epoch the epoch
         */
        default void retrainingEpoch(int step, TrainingHistory.Epoch epoch) {
        }
    }

    /** The pruned surrogate, its steps, and why it stopped. */
    public record Result(Surrogate model, List<Step> steps, String stopReason) {
        /** Copies the steps. */
        public Result {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Prunes a surrogate.
     *
     * @param original   the surrogate
     * @param data       the pruning data (inputs for the statistics; labels for retraining)
     * @param box        the input box in data units (for interval significance)
     * @param config     targets and method
     * @param validation inputs and value labels for the tolerance (may be null with an infinite tolerance)
     * @param listener   receives each finished step and retraining epoch (may be null)
     */
    public static Result prune(Surrogate original, TrainingData data, InputBox box, Config config,
                               TrainingData validation, Listener listener) {
        Mlp net0 = original.network();
        int hidden = net0.layers() - 1;
        int[] target = config.widths();
        if (target.length != hidden) {
            throw new InvalidParameterException("widths", "has " + target.length + " entries, the model has " + hidden
                    + " hidden layers");
        }
        for (int l = 1; l <= hidden; l++) {
            if (target[l - 1] > net0.width(l)) {
                throw new InvalidParameterException("widths", "must be <= the width of each hidden layer, got "
                        + target[l - 1] + " for hidden layer " + l + " of width " + net0.width(l));
            }
        }
        int d = net0.inputs();
        if (data.x().length / data.rows() != d) {
            throw new IllegalArgumentException("the model takes " + d + " inputs, the data set has "
                    + data.x().length / data.rows());
        }
        if (box.dimension() != d) {
            throw new InvalidParameterException("box", "has " + box.dimension() + " dimensions, the model takes " + d);
        }
        if (validation == null && Double.isFinite(config.tolerance())) {
            throw new InvalidParameterException("tolerance", "needs validation data, got " + config.tolerance());
        }
        InputBox normBox = normalised(box, original.normalisation());
        Surrogate current = original;
        List<Step> steps = new ArrayList<>();
        String reason = "reached the target widths";
        for (int step = 1; !atTarget(current.network(), target); step++) {
            long t0 = System.nanoTime();
            Mlp net = current.network();
            UnitStatistics stats = UnitStatistics.of(current, data.x(), data.rows());
            double[][] scores = config.saliency().scores(net, normBox, stats);
            Mlp next = net;
            for (int l = 1; l <= hidden; l++) {
                int surplus = net.width(l) - target[l - 1];
                if (surplus <= 0) {
                    continue;
                }
                int k = Math.max(1, (int) Math.ceil(surplus * config.stepFraction()));
                next = UnitRemoval.remove(next, l, lowest(scores[l], k), stats.means(l));
            }
            Surrogate candidate = new Surrogate(next, current.normalisation());
            TrainingHistory retraining = null;
            if (config.retrain() != null) {
                int at = step;
                Trainer.Result r = Trainer.train(data, config.retrain(), candidate,
                        listener == null ? null : e -> listener.retrainingEpoch(at, e));
                candidate = r.model();
                retraining = r.history();
            }
            double rmse = validation == null ? Double.NaN : valueRmse(candidate, validation);
            if (rmse > config.tolerance()) {
                reason = "stopped before step " + step + ": validation RMSE " + rmse + " would exceed the tolerance "
                        + config.tolerance();
                break;
            }
            current = candidate;
            Step s = new Step(step, hiddenWidths(next), next.parameterCount(), rmse, (System.nanoTime() - t0) / 1e9,
                    candidate, Arrays.copyOfRange(scores, 1, hidden + 1), retraining);
            steps.add(s);
            if (listener != null) {
                listener.step(s);
            }
        }
        return new Result(current, steps, reason);
    }

    /**
     * Target widths for a parameter budget: every hidden layer cut to min(nₗ, w) with the largest w whose
     * network has at most {@code budget} parameters.
     *
     * @param net    the network
     * @param budget largest parameter count (≥ that of the network with one unit per hidden layer)
     */
    public static int[] widthsForBudget(Mlp net, int budget) {
        int[] widths = net.widths();
        int hidden = widths.length - 2;
        int widest = 0;
        for (int l = 1; l <= hidden; l++) {
            widest = Math.max(widest, widths[l]);
        }
        for (int w = widest; w >= 1; w--) {
            int[] cut = widths.clone();
            for (int l = 1; l <= hidden; l++) {
                cut[l] = Math.min(widths[l], w);
            }
            if (Mlp.parameterCount(cut) <= budget) {
                return Arrays.copyOfRange(cut, 1, hidden + 1);
            }
        }
        int[] one = widths.clone();
        Arrays.fill(one, 1, hidden + 1, 1);
        throw new InvalidParameterException("budget", "must be at least the " + Mlp.parameterCount(one)
                + " parameters of the network with one unit per hidden layer, got " + budget);
    }

    /**
     * The box in the network's units (x − μ)/σ, widened outward by one ulp per side: the box that
     * {@link Saliency#scores} takes for a box given in data units.
     *
     * @param box  a box in data units
     * @param norm the surrogate's scaling
     * @return the box in network units
     */
    public static InputBox normalised(InputBox box, Normalisation norm) {
        int d = box.dimension();
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            lo[j] = Math.nextDown((box.lower(j) - norm.xMean(j)) / norm.xStd(j));
            hi[j] = Math.nextUp((box.upper(j) - norm.xMean(j)) / norm.xStd(j));
        }
        return InputBox.of(lo, hi);
    }

    /** Root mean square error of output 0 over a data set, in data units. */
    public static double valueRmse(Surrogate model, TrainingData data) {
        int n = data.rows();
        int d = data.x().length / n;
        double[] x = new double[d];
        double s = 0;
        for (int r = 0; r < n; r++) {
            System.arraycopy(data.x(), r * d, x, 0, d);
            double e = model.value(x) - data.y()[r * (data.y().length / n)];
            s += e * e;
        }
        return Math.sqrt(s / n);
    }

    private static boolean atTarget(Mlp net, int[] target) {
        for (int l = 1; l < net.layers(); l++) {
            if (net.width(l) > target[l - 1]) {
                return false;
            }
        }
        return true;
    }

    private static int[] hiddenWidths(Mlp net) {
        return Arrays.copyOfRange(net.widths(), 1, net.layers());
    }

    /** Indices of the k smallest scores (ties broken by index, so the choice is deterministic). */
    static int[] lowest(double[] scores, int k) {
        Integer[] idx = new Integer[scores.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(scores[a], scores[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] r = new int[k];
        for (int i = 0; i < k; i++) {
            r[i] = idx[i];
        }
        return r;
    }
}
