package dev.sobolev.core.random;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.InvalidParameterException;

/**
 * Runs numbered blocks of work in parallel, block b always with the b-th stream handed out by a
 * {@link RandomStreams}, and returns the blocks' results in block order: whatever the thread count, the
 * same blocks see the same random numbers and results are combined in the same order, so the outcome is
 * bitwise identical for 1, 2 or 64 threads.
 */
public final class BlockTasks {
    private BlockTasks() {
    }

    /** The work of one block. */
    @FunctionalInterface
    public interface Block<R> {
        /**
         * @param rng   this block's stream
         * @param index block index 0..blocks−1
         * @return the block's result
         */
        R run(UniformRandomProvider rng, int index);
    }

    /**
     * Runs {@code blocks} blocks on {@code threads} threads.
     *
     * @param streams where the blocks' streams come from (the next {@code blocks} streams are consumed)
     * @param blocks  number of blocks ≥ 0
     * @param threads worker threads, 1 to 1024
     * @param block   the work
     * @return results in block order
     */
    public static <R> List<R> run(RandomStreams streams, int blocks, int threads, Block<R> block) {
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
        List<Callable<R>> jobs = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            UniformRandomProvider rng = streams.next();
            int index = b;
            jobs.add(() -> block.run(rng, index));
        }
        List<R> out = new ArrayList<>(blocks);
        if (threads == 1 || blocks <= 1) {
            for (Callable<R> j : jobs) {
                try {
                    out.add(j.call());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, blocks), r -> {
            Thread t = new Thread(r, "sobolev-block");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<R> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
