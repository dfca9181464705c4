package dev.sobolev.surrogate.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Precision;
import dev.sobolev.surrogate.nn.SobolevLoss;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * Mini-batch training of an MLP surrogate with the Sobolev loss ({@link SobolevLoss}).
 *
 * <p>Determinism: initialisation, the validation split and each epoch's shuffle use separate streams of the
 * seed; every mini-batch is cut into shards of {@value #SHARD} samples whatever the thread count, shards run in
 * parallel with their own gradient buffers and are summed in shard order. So a seed gives bitwise-identical
 * weights for 1, 2 or more threads.
 *
 * <p>Look-back early stopping (Rojo, "Machine Learning for Physics and Astronomy"): with a validation share, the weights of the epoch with the
 * lowest validation loss are kept.
 *
 * <p>Divergence: the starting loss is the first mini-batch's loss at the starting weights. A run diverges when a
 * loss or a parameter becomes non-finite, or an epoch's training loss exceeds {@link #DIVERGENCE_FACTOR} times the
 * starting loss (training stops there), or the weights it would keep end with a training loss above
 * {@link #END_FACTOR} times the starting loss (training made the network worse than it started). A diverged run
 * throws {@link TrainingDivergedException} unless {@link TrainingConfig#keepBest()} asks for the weights of its
 * best finished epoch (lowest validation loss, or lowest training loss without validation), which the history
 * then names; with no finished epoch it throws either way.
 *
 * <p>Memory: before anything is allocated, the run's needs (network copies, shard buffers, per-thread workspaces,
 * the scaled data) are estimated and checked against the heap's free memory; a run that cannot fit is refused
 * naming {@code hidden} (or {@code model} for a given network) with the widest layers that would fit.
 */
public final class Trainer {
    /** Samples per shard of a mini-batch. */
    static final int SHARD = 64;
    /** An epoch whose training loss exceeds this multiple of the starting loss stops the run as diverged. */
    public static final double DIVERGENCE_FACTOR = 1e6;
    /**
     * Kept weights whose epoch training loss exceeds this multiple of the starting loss mark the run as diverged;
     * the margin over 1 absorbs the difference between one mini-batch's loss and an epoch's mean.
     */
    public static final double END_FACTOR = 10;

    private Trainer() {
    }

    /** The outcome: the model and its history. */
    public record Result(Surrogate model, TrainingHistory history) {
    }

    /**
     * Sees the parameters as training goes: once before the first step (epoch 0, the initial parameters) and
     * after each finished epoch. For per-epoch diagnostics such as McDonagh &amp; Chen's Figure 1 (the mean absolute
     * change of the parameters per epoch, train and test error per epoch); it cannot change the run.
     */
    @FunctionalInterface
    public interface EpochObserver {
        /**
         * One observation.
         *
         * @param epoch   0 for the initial parameters, then the 1-based epoch just finished
         * @param current the network with the parameters after that epoch and the run's normalisation, in data
         *                units: an immutable copy that training does not touch afterwards
         */
        void observe(int epoch, Surrogate current);
    }

    /**
     * Trains a surrogate.
     *
     * @param data     training arrays in data units
     * @param config   the run
     * @param progress receives each finished epoch (may be null)
     * @throws TrainingDivergedException if the run diverges and the configuration does not keep its best weights
     */
    public static Result train(TrainingData data, TrainingConfig config, Consumer<TrainingHistory.Epoch> progress) {
        return train(data, config, null, progress, null);
    }

    /**
     * Trains a surrogate as {@link #train(TrainingData, TrainingConfig, Consumer)} does, showing the parameters to
     * an observer before the first epoch and after each finished one. The weights, history and exceptions are
     * those of the run without the observer, bit for bit.
     *
     * @param data     training arrays in data units
     * @param config   the run
     * @param progress receives each finished epoch (may be null)
     * @param observer sees the initial parameters and those after each epoch
     * @throws TrainingDivergedException if the run diverges and the configuration does not keep its best weights
     */
    public static Result train(TrainingData data, TrainingConfig config, Consumer<TrainingHistory.Epoch> progress,
                               EpochObserver observer) {
        return train(data, config, null, progress, Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Continues training from a surrogate (fine-tuning, e.g. after pruning): its architecture, activations,
     * parameters and normalisation are kept, and the configuration's architecture, activation, normalisation
     * and initialiser are not used; everything else (loss, optimiser, schedule, epochs, batches, seed, threads)
     * is.
     *
     * @param data     training arrays in data units, of the surrogate's dimensions
     * @param requested the run (a default α becomes 1/(1 + d) for the data's d inputs)
     * @param start    the surrogate to start from, or null to initialise per {@code requested}
     * @param progress receives each finished epoch (may be null)
     * @throws TrainingDivergedException if the run diverges and the configuration does not keep its best weights
     * @throws InvalidParameterException  naming {@code hidden} (or {@code model}) if the run needs more memory than
     *                                    the heap has free
     */
    public static Result train(TrainingData data, TrainingConfig requested, Surrogate start,
                               Consumer<TrainingHistory.Epoch> progress) {
        return train(data, requested, start, progress, null);
    }

    private static Result train(TrainingData data, TrainingConfig requested, Surrogate start,
                                Consumer<TrainingHistory.Epoch> progress, EpochObserver observer) {
        double[] x = data.x();
        double[] y = data.y();
        double[] dydx = data.dydx();
        int n = data.rows();
        if (n < 2) {
            throw new IllegalArgumentException("training needs at least 2 rows, got " + n);
        }
        int d = x.length / n;
        int m = y.length / n;
        TrainingConfig config = requested.forInputs(d);
        if (start != null && (start.inputs() != d || start.outputs() != m)) {
            throw new IllegalArgumentException("the model takes " + start.inputs() + " inputs and " + start.outputs()
                    + " outputs, the data set has " + d + " and " + m);
        }
        if (config.alpha() < 1 && dydx == null) {
            throw new InvalidParameterException("data", "has no derivative labels (dYdX), which the Sobolev loss "
                    + "(alpha " + config.alpha() + " < 1) needs");
        }
        RandomStreams streams = RandomStreams.of(config.seed());
        UniformRandomProvider initRng = streams.next();
        UniformRandomProvider splitRng = streams.next();
        int[] perm = PermutationSampler.natural(n);
        PermutationSampler.shuffle(splitRng, perm);
        int nVal = (int) Math.floor(n * config.validationFraction());
        TrainingMemory.check(start == null ? "hidden" : "model", start == null ? config.widths(d, m)
                : start.network().widths(), n - nVal, nVal, Math.min(config.batchSize(), n - nVal),
                config.secondOrderWeight() > 0 ? data.directions().length : 0, config.threads(), config.keepBest(),
                (double) x.length + y.length + (dydx == null ? 0 : dydx.length) + (data.hv() == null ? 0 : data.hv().length));
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] trn = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(trn);
        double[] xTrain = rows(x, trn, d);
        double[] yTrain = rows(y, trn, m);
        Normalisation norm = start != null ? start.normalisation()
                : Normalisation.fit(config.normalisation(), xTrain, yTrain, trn.length);
        double[][] scaled = norm.scale(x, y, config.alpha() < 1 ? dydx : null, n);
        double[] xs = scaled[0];
        double[] ys = scaled[1];
        double[] gs = scaled[2];
        double[] lambda = config.derivativeScaling() && gs != null ? lambdas(gs, trn, m, d) : null;
        // second-order labels in network units: ṽ = v/σₓ, s̃ᵢ = sᵢ·σₓᵢ/σ_y
        boolean second = config.secondOrderWeight() > 0;
        if (second && data.directions().length == 0) {
            throw new InvalidParameterException("secondOrderWeight", "needs Hessian-vector labels (directions, hv) "
                    + "in the data set, got " + config.secondOrderWeight());
        }
        double[][] dirs = second ? new double[data.directions().length][d] : new double[0][];
        double[] hvs = second ? new double[data.hv().length] : null;
        if (second) {
            for (int q = 0; q < dirs.length; q++) {
                for (int j = 0; j < d; j++) {
                    dirs[q][j] = data.directions()[q][j] / norm.xStd(j);
                }
            }
            for (int i = 0; i < hvs.length; i++) {
                hvs[i] = data.hv()[i] * norm.xStd(i % d) / norm.yStd(0);
            }
        }
        if (config.precision() == Precision.FLOAT32 && m != 1) {
            throw new InvalidParameterException("precision", "float32 trains single-output networks, the data set has "
                    + m + " outputs");
        }
        SobolevLoss loss = new SobolevLoss(config.alpha(), lambda, d, config.secondOrderWeight(), dirs, config.dropout(),
                config.precision());
        RandomStreams dropoutStreams = RandomStreams.of(config.seed(), RandomStreams.AUXILIARY);
        UniformRandomProvider[] shardDropout = new UniformRandomProvider[(Math.min(config.batchSize(), n) + SHARD - 1) / SHARD];
        Mlp template = start != null ? start.network() : initial(config, d, m, initRng);
        double[] theta = template.parameters();
        Optimizer.State state = config.optimizer().newState(theta.length);
        int batch = Math.min(config.batchSize(), trn.length);
        int shards = (batch + SHARD - 1) / SHARD;
        double[][] shardGrad = new double[shards][theta.length];
        double[] shardLoss = new double[shards];
        loss.expectTraining(template, SHARD, (long) config.epochs() * trn.length);
        ThreadLocal<SobolevLoss.Scratch> scratch = ThreadLocal.withInitial(
                () -> new SobolevLoss.Scratch(template, SHARD, loss));
        double[] grad = new double[theta.length];
        double[] best = theta.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        String reason = "completed";
        boolean diverged = false;
        double startLoss = Double.NaN;
        // without validation the last epoch is kept, but a diverged run asked to keep its best weights keeps the
        // epoch of the lowest training loss
        double[] lowest = config.keepBest() && nVal == 0 ? theta.clone() : null;
        double lowestLoss = Double.POSITIVE_INFINITY;
        int lowestEpoch = 0;
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        int[] order = trn.clone();
        int batchesPerEpoch = (trn.length + batch - 1) / batch;
        if (observer != null) {
            observer.observe(0, new Surrogate(template.withParameters(theta), norm));
        }
        try (ShardWorkers workers = new ShardWorkers(config.threads())) {
            epochLoop:
            for (int e = 0; e < config.epochs(); e++) {
                long t0 = System.nanoTime();
                PermutationSampler.shuffle(streams.next(), order);
                double sum = 0;
                double lr = 0;
                for (int bi = 0; bi < batchesPerEpoch; bi++) {
                    int from = bi * batch;
                    int to = Math.min(trn.length, from + batch);
                    int size = to - from;
                    int used = (size + SHARD - 1) / SHARD;
                    if (config.dropout() > 0) {
                        for (int q = 0; q < used; q++) {
                            shardDropout[q] = dropoutStreams.next(); // one stream per shard, drawn in shard order
                        }
                    }
                    workers.run(used, s -> {
                        Arrays.fill(shardGrad[s], 0.0);
                        int f = from + s * SHARD;
                        SobolevLoss.Scratch sc = scratch.get();
                        sc.dropout(config.dropout() > 0 ? shardDropout[s] : null);
                        shardLoss[s] = loss.evaluate(template, theta, xs, ys, gs, hvs, order, f, Math.min(to, f + SHARD),
                                size, shardGrad[s], sc);
                    });
                    double batchLoss = sumShards(shardGrad, shardLoss, used, grad);
                    if (!Double.isFinite(batchLoss)) {
                        reason = "diverged in epoch " + (e + 1) + " (loss " + batchLoss + ")";
                        diverged = true;
                        break epochLoop;
                    }
                    if (e == 0 && bi == 0) {
                        startLoss = batchLoss;
                    }
                    if (config.l2() > 0) {
                        addL2(config.l2(), theta, grad);
                    }
                    lr = config.schedule().rate(e + (double) (bi + 1) / batchesPerEpoch, config.epochs());
                    config.optimizer().step(theta, grad, lr, state);
                    sum += batchLoss * size;
                }
                double trainLoss = sum / trn.length;
                double valLoss = nVal > 0
                        ? evaluate(template, theta, loss, xs, ys, gs, hvs, val, workers, scratch)
                        : trainLoss;
                if (!Double.isFinite(valLoss) || !Double.isFinite(trainLoss) || !allFinite(theta)) {
                    reason = "diverged in epoch " + (e + 1) + " (" + (allFinite(theta) ? "loss " + trainLoss
                            + ", validation loss " + valLoss : "non-finite weights") + ")";
                    diverged = true;
                    break;
                }
                TrainingHistory.Epoch ep = new TrainingHistory.Epoch(e + 1, trainLoss, valLoss, lr,
                        (System.nanoTime() - t0) / 1e9);
                epochs.add(ep);
                if (trainLoss > DIVERGENCE_FACTOR * startLoss) {
                    reason = String.format(Locale.ROOT, "diverged in epoch %d (loss %.4e, more than %.0e times the "
                            + "starting loss %.4e)", e + 1, trainLoss, DIVERGENCE_FACTOR, startLoss);
                    diverged = true;
                    break;
                }
                if (lowest != null && trainLoss < lowestLoss) {
                    lowestLoss = trainLoss;
                    lowestEpoch = e + 1;
                    System.arraycopy(theta, 0, lowest, 0, theta.length);
                }
                if (nVal == 0 || valLoss < bestLoss) {
                    bestLoss = valLoss;
                    bestEpoch = e + 1;
                    System.arraycopy(theta, 0, best, 0, theta.length);
                }
                if (progress != null) {
                    progress.accept(ep);
                }
                if (observer != null) {
                    observer.observe(e + 1, new Surrogate(template.withParameters(theta), norm));
                }
            }
        }
        if (!diverged && bestEpoch > 0) {
            double kept = epochs.get(bestEpoch - 1).trainLoss();
            if (kept > END_FACTOR * startLoss) {
                reason = String.format(Locale.ROOT, "diverged: the weights of epoch %d, which it would keep, have loss "
                        + "%.4e, more than %.0f times the starting loss %.4e", bestEpoch, kept, END_FACTOR, startLoss);
                diverged = true;
            }
        }
        if (diverged) {
            int keptEpoch = lowest != null ? lowestEpoch : bestEpoch;
            if (!config.keepBest() || keptEpoch == 0) {
                throw new TrainingDivergedException(new TrainingHistory(epochs, 0, reason + (config.keepBest()
                        ? "; no finished epoch to keep" : ""), true), config.keepBest());
            }
            reason += "; kept the weights of epoch " + keptEpoch + ", the best finished epoch";
            Mlp kept = template.withParameters(lowest != null ? lowest : best);
            return new Result(new Surrogate(kept, norm), new TrainingHistory(epochs, keptEpoch, reason, true));
        }
        Mlp trained = template.withParameters(best);
        return new Result(new Surrogate(trained, norm), new TrainingHistory(epochs, bestEpoch, reason, false));
    }

    /**
     * grad = Σₛ shardGrad[s] and the batch loss Σₛ shardLoss[s] over the first {@code used} shards, in shard
     * order (so the same bits for any thread count). A method of its own, like the L2 term below, so that
     * C2 compiles these loops within the first epoch instead of the whole training loop by on-stack
     * replacement (docs/DESIGN.md "Warm-up").
     */
    private static double sumShards(double[][] shardGrad, double[] shardLoss, int used, double[] grad) {
        Arrays.fill(grad, 0.0);
        double batchLoss = 0;
        for (int s = 0; s < used; s++) {
            batchLoss += shardLoss[s];
            double[] g = shardGrad[s];
            for (int i = 0; i < grad.length; i++) {
                grad[i] += g[i];
            }
        }
        return batchLoss;
    }

    /** grad += λ·θ: the gradient of the L2 penalty (λ/2)·|θ|². */
    private static void addL2(double l2, double[] theta, double[] grad) {
        for (int i = 0; i < grad.length; i++) {
            grad[i] += l2 * theta[i];
        }
    }

    /** θ has no infinite or NaN entry (an optimiser step from a finite loss can still overflow). */
    private static boolean allFinite(double[] theta) {
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                return false;
            }
        }
        return true;
    }

    private static double evaluate(Mlp net, double[] theta, SobolevLoss loss, double[] xs, double[] ys, double[] gs,
                                   double[] hvs, int[] rows, ShardWorkers workers,
                                   ThreadLocal<SobolevLoss.Scratch> scratch) {
        int shards = (rows.length + SHARD - 1) / SHARD;
        double[] parts = new double[shards];
        double[][] sink = new double[shards][theta.length];
        workers.run(shards, s -> {
            int f = s * SHARD;
            scratch.get().dropout(null);
            parts[s] = loss.evaluate(net, theta, xs, ys, gs, hvs, rows, f, Math.min(rows.length, f + SHARD), rows.length,
                    sink[s], scratch.get());
        });
        double total = 0;
        for (double p : parts) {
            total += p;
        }
        return total;
    }

    private static Mlp initial(TrainingConfig config, int d, int m, UniformRandomProvider rng) {
        int[] widths = config.widths(d, m);
        return new Mlp(widths, config.activation(), config.outputActivation(), config.initializer().initialise(widths, rng));
    }

    private static double[] rows(double[] a, int[] idx, int w) {
        double[] out = new double[idx.length * w];
        for (int r = 0; r < idx.length; r++) {
            System.arraycopy(a, idx[r] * w, out, r * w, w);
        }
        return out;
    }

    /** λⱼ = 1/RMS over rows and outputs of the scaled derivative labels dỹ/dx̃ⱼ (Huge–Savine). */
    private static double[] lambdas(double[] gs, int[] rows, int m, int d) {
        double[] ss = new double[d];
        for (int r : rows) {
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < d; j++) {
                    double g = gs[(r * m + k) * d + j];
                    ss[j] += g * g;
                }
            }
        }
        double[] l = new double[d];
        for (int j = 0; j < d; j++) {
            double rms = Math.sqrt(ss[j] / ((double) rows.length * m));
            l[j] = rms > 0 ? 1 / rms : 1.0;
        }
        return l;
    }
}
