package dev.sobolev.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.montecarlo.MonteCarloEngine;
import dev.sobolev.pricing.payoff.Call;

/**
 * Throughput of {@link MonteCarloEngine#price} on the three-asset golden basket (REFERENCES.md §1: spots
 * 100/95/105, weights 0.5/0.3/0.2, vols 20/15/25, T = 1) with a call struck at 100, 10⁶ antithetic paths
 * per invocation. With {@code @OperationsPerInvocation(PATHS)} the score is the time per path; paths/s =
 * 10⁹ / score in ns/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2)
@State(Scope.Benchmark)
public class MonteCarloBenchmark {
    /** Paths per invocation. */
    public static final int PATHS = 1_000_000;

    /** Engine worker threads. */
    @Param({"1", "2"})
    public int threads;

    private final BachelierBasket basket = new BachelierBasket(new double[] {100, 95, 105},
            new double[] {0.5, 0.3, 0.2}, new double[] {20, 15, 25},
            new double[][] {{1, 0.5, 0.3}, {0.5, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1);
    private final Call call = new Call(100);

    /**
     * Prices the call with 10⁶ antithetic paths, seed 7.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation(PATHS)
    public McResult price() {
        return MonteCarloEngine.price(basket, call, new McConfig(PATHS, 7, threads, true));
    }
}
