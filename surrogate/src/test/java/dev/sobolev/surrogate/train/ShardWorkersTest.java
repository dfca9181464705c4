package dev.sobolev.surrogate.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.sobolev.core.InvalidParameterException;

/** The spinning hand-off of the trainer's shards: each shard once per batch, failures after all shards. */
class ShardWorkersTest {
    @Test
    void runsEveryShardExactlyOncePerBatchForAnyThreadAndShardCount() {
        for (int threads = 1; threads <= 4; threads++) {
            try (ShardWorkers w = new ShardWorkers(threads)) {
                for (int shards = 0; shards <= 9; shards++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, shards));
                    for (int batch = 0; batch < 200; batch++) {
                        w.run(shards, runs::incrementAndGet);
                    }
                    for (int s = 0; s < shards; s++) {
                        assertEquals(200, runs.get(s), threads + " threads, " + shards + " shards, shard " + s);
                    }
                }
            }
        }
    }

    @Test
    void aBatchAfterTheHelpersHaveParkedStillRuns() {
        try (ShardWorkers w = new ShardWorkers(2)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            w.run(2, runs::incrementAndGet);
            // well past the spin: the helper is parked and must be woken
            LockSupport.parkNanos(20 * ShardWorkers.SPIN_NANOS);
            w.run(2, runs::incrementAndGet);
            assertEquals(2, runs.get(0));
            assertEquals(2, runs.get(1));
        }
    }

    @Test
    void waitsForEveryShardThenRethrowsTheFailure() {
        try (ShardWorkers w = new ShardWorkers(2)) {
            AtomicIntegerArray started = new AtomicIntegerArray(6);
            AtomicIntegerArray done = new AtomicIntegerArray(6);
            IllegalArgumentException boom = new IllegalArgumentException("shard 3 failed");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> w.run(6, s -> {
                started.incrementAndGet(s);
                if (s == 3) {
                    throw boom;
                }
                LockSupport.parkNanos(1_000_000);
                done.incrementAndGet(s);
            }));
            assertSame(boom, thrown);
            // no shard is still running when run returns; shards 0..3 were claimed before the failure (each
            // worker claims its next shard only after finishing one, so at most shards 4 and 5 were skipped)
            assertEquals(1, started.get(3));
            for (int s = 0; s < 6; s++) {
                if (s != 3) {
                    assertEquals(started.get(s), done.get(s), "shard " + s);
                }
            }
            for (int s = 0; s < 3; s++) {
                assertEquals(1, done.get(s), "shard " + s);
            }
            // and the workers go on after a failure
            AtomicIntegerArray runs = new AtomicIntegerArray(6);
            w.run(6, runs::incrementAndGet);
            for (int s = 0; s < 6; s++) {
                assertEquals(1, runs.get(s));
            }
        }
    }

    @Test
    void aStalledWorkerLeavesItsShardsToTheOthers() throws Exception {
        try (ShardWorkers w = new ShardWorkers(2)) {
            CountDownLatch others = new CountDownLatch(7);
            boolean[] released = new boolean[1];
            // shard 0 waits until shards 1..7 are done: with fixed shares its worker would own some of them and
            // the wait would time out; by claiming, the other worker takes all seven
            w.run(8, s -> {
                if (s == 0) {
                    try {
                        released[0] = others.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    others.countDown();
                }
            });
            assertTrue(released[0], "shards 1..7 ran while shard 0 was stalled");
        }
    }

    @Test
    void onlyTheThreadThatMadeThemDrivesThem() throws Exception {
        try (ShardWorkers w = new ShardWorkers(2)) {
            Throwable t = CompletableFuture.runAsync(() -> w.run(2, s -> { })).handle((v, e) -> e).get();
            assertTrue(t.getCause() instanceof IllegalStateException, String.valueOf(t));
        }
        assertEquals("threads must be >= 1, got 0",
                assertThrows(InvalidParameterException.class, () -> new ShardWorkers(0)).getMessage());
    }
}
