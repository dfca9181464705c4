package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent tasks on a fixed number of threads, results in task order. Each task owns its seed, so the results
 * do not depend on the thread count; only the start order (costliest first balances the load) does.
 */
final class ParallelTasks {
    private ParallelTasks() {
    }

    /**
     * Runs the tasks.
     *
     * @param tasks      the tasks
     * @param threads    tasks at a time ≥ 1
     * @param startOrder the order to start them in, over task indices
     * @param <T>        the result type
     * @return the results, in task order
     * @throws RuntimeException the first failing task's exception (in task order)
     */
    static <T> List<T> run(List<Callable<T>> tasks, int threads, Comparator<Integer> startOrder) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            indices.add(i);
        }
        indices.sort(startOrder);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                futures.add(null);
            }
            for (int i : indices) {
                futures.set(i, pool.submit(tasks.get(i)));
            }
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
