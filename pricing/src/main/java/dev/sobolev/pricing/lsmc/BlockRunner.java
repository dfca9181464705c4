package dev.sobolev.pricing.lsmc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.pricing.random.RandomStreams;

/**
 * Runs row blocks of {@value #BLOCK_ROWS} rows on a fixed pool, block b of the run always on random stream b,
 * so the rows do not depend on the thread count. One instance per generation run; close it to stop the pool.
 */
final class BlockRunner implements AutoCloseable {
    /** Rows per block (per random stream). */
    static final int BLOCK_ROWS = 4096;

    /** The work of one block. */
    interface BlockTask {
        void fill(UniformRandomProvider rng, int rows, int row0);
    }

    private final RandomStreams streams;
    private final ExecutorService pool;

    BlockRunner(RandomStreams streams, int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
        }
        this.streams = streams;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sobolev-lsmc");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Fills {@code rows} rows (row indices 0..rows−1 of the caller's arrays) with the next blocks of streams.
     * Every call but the last of a run must pass a multiple of {@link #BLOCK_ROWS}.
     */
    void run(int rows, BlockTask task) {
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int row0 = 0; row0 < rows; row0 += BLOCK_ROWS) {
            UniformRandomProvider rng = streams.next();
            int n = Math.min(BLOCK_ROWS, rows - row0);
            int start = row0;
            jobs.add(() -> {
                task.fill(rng, n, start);
                return null;
            });
        }
        if (pool == null) {
            jobs.forEach(BlockRunner::callUnchecked);
            return;
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("data set generation interrupted", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static void callUnchecked(Callable<Void> c) {
        try {
            c.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
