package dev.sobolev.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.pricing.lsmc.LabelKernel;
import dev.sobolev.pricing.lsmc.LsmcGenerator;
import dev.sobolev.pricing.lsmc.LsmcRecipe;

/**
 * Throughput of in-memory LSMC training-row generation ({@link LsmcGenerator#training}): inputs, labels and
 * pathwise label gradients of N = 2²⁰ rows into preallocated arrays per invocation. With
 * {@code @OperationsPerInvocation(N)} the score is the average time per sample (row); samples/s = 10⁹ / score
 * in ns/op. The {@code threads} parameter is the generator's own worker count (the JMH benchmark itself runs
 * on one thread).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class LabelGenerationBenchmark {
    /** Rows per invocation. */
    public static final int N = 1 << 20;

    /** Number of assets: 7 = published Kichler market, 20 = random Huge–Savine market (market seed 42). */
    @Param({"7", "20"})
    public int dim;

    /** Generator worker threads. */
    @Param({"1", "2"})
    public int threads;

    /** Training payoff; only the smoothed call (K = 1.10, w = 0.005) is wired. */
    @Param({"smoothed-call"})
    public String payoff;

    private LabelKernel kernel;
    private double[] x;
    private double[] y;
    private double[] dydx;
    private long seed;

    /** Builds the recipe's kernel and preallocates the N-row arrays (touching every page once). */
    @Setup(Level.Trial)
    public void setUp() {
        if (!"smoothed-call".equals(payoff)) {
            throw new IllegalArgumentException("unsupported payoff " + payoff);
        }
        // Kind.KICHLER with a null payoff = the recipe's smoothed call f̃ with K = 1.10, w = 0.005
        LsmcRecipe recipe = dim == 7
                ? LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, 0, null, true)
                : LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, dim, 42, null, false);
        kernel = new LabelKernel(recipe, new double[0][]);
        x = new double[N * dim];
        y = new double[N];
        dydx = new double[N * dim];
        LsmcGenerator.training(kernel, 1, threads, x, y, dydx, null);
    }

    /**
     * Generates N training rows with a fresh run seed (so every invocation draws new numbers).
     *
     * @return a label of the last row, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double training() {
        LsmcGenerator.training(kernel, ++seed, threads, x, y, dydx, null);
        return y[N - 1] + dydx[N * dim - 1] + x[N * dim - 1];
    }
}
