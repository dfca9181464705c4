package dev.sobolev.benchmarks;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

import dev.sobolev.core.text.ShortestDouble;

/**
 * Time per double written as text: {@link ShortestDouble#write} into a reused byte buffer against the JDK's
 * {@link Double#toString(double)} (on Java 17 the pre-Schubfach algorithm, sometimes one digit longer) and
 * jackson-core's Schubfach port {@code DoubleToDecimal.toString} (the same digits as ours, as a String). Each
 * invocation writes a block of 1,024 values, reported per value; run with {@code -prof gc} to see that ours
 * allocates nothing.
 *
 * <p>{@code values=pricer}: what a pricing batch writes (values of order 0.01–10 and deltas of order ±1, random
 * 53-bit fractions, so mostly 16–17 digits); {@code values=bits}: uniformly random bit patterns (mostly
 * scientific notation with large exponents). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar ShortestDoubleBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ShortestDoubleBenchmark {
    private static final int BLOCK = 1024;

    /** Which values are written: {@code pricer} or {@code bits}. */
    @Param({"pricer", "bits"})
    public String values;

    private final double[] xs = new double[BLOCK];
    private final byte[] buffer = new byte[BLOCK * ShortestDouble.MAX_LENGTH];

    /** Draws the block (seeded). */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < BLOCK; i++) {
            xs[i] = switch (values) {
                case "pricer" -> i % 8 == 0 ? rng.nextDouble(0.01, 10.0) : rng.nextDouble(-1.0, 1.0);
                case "bits" -> {
                    double x;
                    do {
                        x = Double.longBitsToDouble(rng.nextLong());
                    } while (!Double.isFinite(x));
                    yield x;
                }
                default -> throw new IllegalArgumentException("values must be pricer or bits, got " + values);
            };
        }
    }

    /** Ours: the block written back to back into one buffer, as a CSV writer would. */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public int shortestDouble() {
        int pos = 0;
        for (double x : xs) {
            pos = ShortestDouble.write(x, buffer, pos);
        }
        return pos;
    }

    /** The JDK's {@code Double.toString}, one String per value. */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void jdkToString(Blackhole bh) {
        for (double x : xs) {
            bh.consume(Double.toString(x));
        }
    }

    /** jackson-core's Schubfach port, one String per value. */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void jacksonToString(Blackhole bh) {
        for (double x : xs) {
            bh.consume(DoubleToDecimal.toString(x));
        }
    }
}
