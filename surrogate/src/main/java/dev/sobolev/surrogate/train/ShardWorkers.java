package dev.sobolev.surrogate.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads that run a batch's shards: the calling thread is worker 0 and T − 1 daemon threads the
 * others; worker t of T takes shards t, t + T, t + 2T, … Which thread runs a shard does not change its
 * result, so the trainer's sums, taken in shard order afterwards, are those of one thread.
 *
 * <p>The hand-off spins before it parks (docs/DESIGN.md "Warm-up and hand-off"): a batch of the 4×20 recipe is
 * about 0.6 ms of work per thread and the caller's serial part between batches (the shard sum and the
 * optimiser step) a few tens of µs, while waking a parked thread on this VM takes tens of µs and now and
 * then much longer. So a helper spins ({@link Thread#onSpinWait()}) for up to {@link #SPIN_NANOS} waiting
 * for the next batch and the caller for up to the same time waiting for the helpers, and each parks only
 * after that; a parked thread is woken by {@link LockSupport#unpark}. An idle pool (between epochs, or a
 * long validation pass) therefore costs no CPU beyond the spin.
 */
final class ShardWorkers implements AutoCloseable {
    /** How long a waiting thread spins before it parks. */
    static final long SPIN_NANOS = 50_000;

    private final Thread[] helpers;
    private final Thread owner;
    private final AtomicInteger pending = new AtomicInteger();
    /** The batch in progress; written before {@link #generation} is incremented, read after it is seen. */
    private IntConsumer work;
    private int shards;
    private int workers;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * @param threads number of workers T ≥ 1, the calling thread included
     */
    ShardWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        owner = Thread.currentThread();
        helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            int index = t + 1;
            helpers[t] = new Thread(() -> serve(index), "sobolev-train-" + index);
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
    }

    /**
     * Runs work(0..shards) on the workers and returns when every shard is done, also after a failure (none may
     * still be writing a shard's buffers); then rethrows the first failure.
     *
     * @throws IllegalStateException if called from another thread than the one that made the workers
     */
    void run(int shards, IntConsumer work) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("shard workers are driven by the thread that made them");
        }
        int used = Math.max(0, Math.min(helpers.length, shards - 1));
        this.work = work;
        this.shards = shards;
        this.workers = used + 1;
        failure = null;
        // every helper counts down, also one without a shard: the next batch's fields are written only after
        // each helper has read this batch's
        pending.set(helpers.length);
        generation++; // publishes work, shards and workers to the helpers
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        try {
            for (int s = 0; s < shards; s += used + 1) {
                work.accept(s);
            }
        } catch (RuntimeException | Error e) {
            record(e);
        }
        boolean interrupted = false;
        long start = System.nanoTime();
        while (pending.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted");
        }
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }

    private void record(Throwable e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** A helper's loop: waits for a new generation, runs its shards, counts down. */
    private void serve(int index) {
        int seen = 0;
        while (true) {
            long start = System.nanoTime();
            while (generation == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            int n = shards;
            int stride = workers;
            IntConsumer w = work;
            try {
                for (int s = index; s < n; s += stride) {
                    w.accept(s);
                }
            } catch (RuntimeException | Error e) {
                record(e);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(owner);
                }
            }
        }
    }

    /** Stops the helpers (they exit at their next wait). */
    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
