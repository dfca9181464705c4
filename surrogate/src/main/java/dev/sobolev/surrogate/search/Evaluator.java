package dev.sobolev.surrogate.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.random.RandomStreams;

/**
 * The trainings of one search run: a cache (a candidate is trained once; later evaluations reuse its error), the
 * seeds (the k-th distinct training takes the k-th number of an auxiliary stream of the run seed; a values-only twin
 * takes its candidate's seed, so that a δ_min pair differs only in α), the count of distinct trainings and the record
 * of evaluations and δ_min pairs. A twin is cached under its gradient candidate, apart from the searched candidates:
 * an α = 1 candidate of the search, trained with a seed of its own, is never taken for a twin, nor a twin for it.
 * A batch's new trainings are numbered in batch order before they run, over
 * {@code threads} threads, so the record is the same for any thread count. Not thread-safe: one search drives it.
 */
final class Evaluator implements AutoCloseable {
    private final Fitness fitness;
    private final UniformRandomProvider seeds;
    private final ExecutorService pool;
    private final Map<Training, Double> errors = new HashMap<>();
    private final Map<Candidate, Long> seedOf = new HashMap<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final List<BoundStep.Pair> pairs = new ArrayList<>();

    /**
     * @param fitness what a training returns
     * @param seed    the run seed
     * @param threads trainings run at once, ≥ 1
     */
    Evaluator(Fitness fitness, long seed, int threads) {
        this.fitness = fitness;
        this.seeds = RandomStreams.stream(seed, RandomStreams.AUXILIARY, 1);
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sobolev-search");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Evaluates a batch (a generation), training what has not been trained.
     *
     * @param batch      the candidates, in order
     * @param generation the generation recorded with them
     * @param twins      whether to train each gradient candidate's values-only twin too (the δ_min step)
     * @return the validation errors, in batch order
     */
    List<Double> evaluate(List<Candidate> batch, int generation, boolean twins) {
        Map<Training, Long> fresh = new LinkedHashMap<>();
        int[] trainingsAfter = new int[batch.size()];
        int count = errors.size();
        for (int i = 0; i < batch.size(); i++) {
            Candidate c = batch.get(i);
            count += schedule(new Training(c, false), fresh);
            if (twins && c.gradients()) {
                count += schedule(new Training(c, true), fresh);
            }
            trainingsAfter[i] = count;
        }
        run(fresh);
        List<Double> out = new ArrayList<>(batch.size());
        Set<Candidate> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Candidate c = batch.get(i);
            double rmse = errors.get(new Training(c, false));
            boolean cached = !fresh.containsKey(new Training(c, false)) || !seen.add(c);
            evaluations.add(new Evaluation(generation, c, rmse, seedOf.get(c), cached, trainingsAfter[i]));
            if (twins && c.gradients() && pairs.stream().noneMatch(p -> p.candidate().equals(c))) {
                pairs.add(new BoundStep.Pair(c, rmse, errors.get(new Training(c, true))));
            }
            out.add(rmse);
        }
        return out;
    }

    /** @return the evaluations so far */
    List<Evaluation> evaluations() {
        return List.copyOf(evaluations);
    }

    /** @return the δ_min pairs so far */
    List<BoundStep.Pair> pairs() {
        return List.copyOf(pairs);
    }

    /** @return the distinct trainings so far */
    int trainings() {
        return errors.size();
    }

    /**
     * The best evaluation within a complexity bound: the lowest error, the first on a tie. A search asks only for a
     * bound that some evaluation meets: ηmax, or the complexity of a probe candidate that set it.
     *
     * @param bound the largest complexity considered
     * @return the evaluation
     */
    Evaluation best(int bound) {
        return evaluations.stream().filter(e -> e.candidate().eta() <= bound)
                .min(Comparator.comparingDouble(Evaluation::rmse)).orElseThrow();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * One training: a searched candidate, or the values-only twin of a gradient candidate (trained with its seed).
     *
     * @param candidate the searched candidate
     * @param twin      whether this is its values-only twin
     */
    private record Training(Candidate candidate, boolean twin) {
    }

    /**
     * Queues a training unless cached or queued; returns 1 when queued. The seed: the candidate's for a twin (its
     * candidate is queued first), else the next one.
     */
    private int schedule(Training t, Map<Training, Long> fresh) {
        if (errors.containsKey(t) || fresh.containsKey(t)) {
            return 0;
        }
        long seed = t.twin() ? seedOf.get(t.candidate()) : seeds.nextLong();
        seedOf.putIfAbsent(t.candidate(), seed);
        fresh.put(t, seed);
        return 1;
    }

    private void run(Map<Training, Long> fresh) {
        List<Training> order = new ArrayList<>(fresh.keySet());
        List<Callable<Double>> tasks = new ArrayList<>(order.size());
        for (Training t : order) {
            long seed = fresh.get(t);
            Candidate c = t.candidate();
            tasks.add(() -> t.twin() || !c.gradients() ? fitness.valuesOnly(c, seed) : fitness.evaluate(c, seed));
        }
        List<Double> results = new ArrayList<>(order.size());
        if (pool == null) {
            for (Callable<Double> task : tasks) {
                results.add(call(task));
            }
        } else {
            List<Future<Double>> futures = new ArrayList<>(tasks.size());
            for (Callable<Double> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Double> f : futures) {
                results.add(get(f));
            }
        }
        for (int i = 0; i < order.size(); i++) {
            double rmse = results.get(i);
            if (Double.isNaN(rmse) || rmse < 0) {
                throw new IllegalStateException("the fitness returned " + rmse + " for " + order.get(i).candidate()
                        + (order.get(i).twin() ? "'s values-only twin" : "")
                        + "; it must be >= 0 or +Infinity");
            }
            errors.put(order.get(i), rmse);
        }
    }

    private static double call(Callable<Double> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double get(Future<Double> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a training ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
