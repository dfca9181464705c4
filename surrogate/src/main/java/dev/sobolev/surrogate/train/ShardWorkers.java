package dev.sobolev.surrogate.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import dev.sobolev.core.InvalidParameterException;

/**
 * The threads that run a batch's shards: the calling thread and T − 1 daemon threads, each of which claims
 * the next unclaimed shard from an atomic counter until none is left. Which thread runs a shard does not
 * change its result, so the trainer's sums, taken in shard order afterwards, are those of one thread.
 *
 * <p>Why claiming rather than a fixed share per thread: on 2 vCPUs the JIT's compiler thread, and now and
 * then the host, takes a CPU from one of the workers for milliseconds at a time; with fixed shares the other
 * worker then finished its shards and waited, with claiming it takes the shards the stalled worker has not
 * begun. Measured alone it made no difference that stood out of the noise (docs/DESIGN.md "Determinism"): the
 * warm-up epochs still run at about one thread's speed, because there the compiler thread is busy throughout.
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
    /** The next shard to claim in the batch in progress. */
    private final AtomicInteger next = new AtomicInteger();
    /** The batch in progress; written before {@link #generation} is incremented, read after it is seen. */
    private IntConsumer work;
    private int shards;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * @param threads number of workers T ≥ 1, the calling thread included
     */
    ShardWorkers(int threads) {
        if (threads < 1) {
            throw new InvalidParameterException("threads", "must be >= 1, got " + threads);
        }
        owner = Thread.currentThread();
        helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(this::serve, "sobolev-train-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
    }

    /**
     * Runs work(0..shards) on the workers and returns when every shard is done, also after a failure (none may
     * still be writing a shard's buffers; shards not yet claimed when a shard fails are skipped); then
     * rethrows the first failure.
     *
     * @throws IllegalStateException if called from another thread than the one that made the workers
     */
    void run(int shards, IntConsumer work) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("shard workers are driven by the thread that made them");
        }
        this.work = work;
        this.shards = shards;
        failure = null;
        next.set(0);
        // every helper counts down, also one without a shard: the next batch's fields are written only after
        // each helper has read this batch's
        pending.set(helpers.length);
        generation++; // publishes work and shards to the helpers
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        claim(work, shards);
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

    /** Runs shards claimed from {@link #next} until none is left or one has failed. */
    private void claim(IntConsumer w, int n) {
        try {
            for (int s = next.getAndIncrement(); s < n && failure == null; s = next.getAndIncrement()) {
                w.accept(s);
            }
        } catch (RuntimeException | Error e) {
            record(e);
        }
    }

    private void record(Throwable e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** A helper's loop: waits for a new generation, claims shards, counts down. */
    private void serve() {
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
            try {
                claim(work, shards);
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
