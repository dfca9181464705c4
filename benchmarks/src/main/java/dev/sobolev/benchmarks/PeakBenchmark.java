package dev.sobolev.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The double-precision floating-point peak of one core as HotSpot reaches it from plain Java: the roofline
 * denominator of issue 28, so that every layer-product and training figure can be read as a fraction of what
 * the core can do. Scores are GFLOP/s (ops/ns, {@code @OperationsPerInvocation} = flops per call, a fused
 * multiply-add or a multiply and an add counting 2).
 *
 * <ul>
 *   <li>{@link #scalarFma}: {@value #CHAINS} independent scalar {@code Math.fma} chains, enough to cover the
 *       FMA latency on two pipes; the scalar ceiling (one lane).</li>
 *   <li>{@link #vectorFma}: C2's superword form, a row of {@value #ROW} doubles (16 KiB, in L1), each element
 *       taken through {@value #DEPTH} dependent {@code Math.fma}s in a register between one load and one store.
 *       Adjacent elements are independent chains, which C2 packs into full-width vector FMAs (512-bit where
 *       {@code UseAVX=3}). This is the peak the layer products are measured against. The row is long because
 *       each pass over it pays C2's scalar pre- and post-loop: on machine A the same kernel measured about 95
 *       GFLOP/s over 2,048 doubles, 80 over 256 and 42 over 64 (two interleaved half-rows, or chains of 4 or
 *       12, measured no higher).</li>
 *   <li>{@link #vectorMulAdd}: the same with {@code v·m + b}, a multiply and a separate add (Java may not fuse
 *       them), the arithmetic {@code LayerProducts} actually does.</li>
 *   <li>{@link #axpyFma}: {@code acc[c] = fma(a, x[c], acc[c])} over the same row, one FMA per two loads and a
 *       store: the ceiling of a row update fed from L1, which is load- and store-bound, not FMA-bound.</li>
 *   <li>{@link #latencyFma}: one dependent chain, to read the clock: ns per FMA over its latency in cycles (4
 *       on AMD Zen 4 and Zen 5) gives the core's frequency under load.</li>
 * </ul>
 *
 * <p>The theoretical peak is GHz × lanes × FMA pipes × 2. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * PeakBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakBenchmark {
    /** Independent accumulators of the scalar form: 2 pipes × 4 cycles of latency need 8; 16 leave slack. */
    static final int CHAINS = 16;
    /** Steps of each scalar chain per call. */
    static final int STEPS = 1024;
    /** Doubles in the vector forms' row: 16 KiB, in L1. */
    static final int ROW = 2048;
    /** Dependent FMAs per element and pass in {@link #vectorFma} and {@link #vectorMulAdd}. */
    static final int DEPTH = 8;
    /** Passes over the row per call. */
    static final int PASSES = 2;

    /** Multiplier below 1 and increment: every chain tends to b/(1 − m) = 1, far from overflow and subnormals. */
    private double m = 0.999_999;
    private double b = 0.000_001;
    private double[] x;
    private double[] acc;

    /** The row starts at 0.5, the accumulators at 0. */
    @Setup
    public void setUp() {
        x = new double[ROW];
        acc = new double[ROW];
        Arrays.fill(x, 0.5);
    }

    /** {@value #CHAINS} independent scalar chains a ← fma(a, m, b), {@value #STEPS} steps each. */
    @Benchmark
    @OperationsPerInvocation(2 * CHAINS * STEPS)
    public double scalarFma() {
        double mm = m;
        double bb = b;
        double a0 = 0.1;
        double a1 = 0.2;
        double a2 = 0.3;
        double a3 = 0.4;
        double a4 = 0.5;
        double a5 = 0.6;
        double a6 = 0.7;
        double a7 = 0.8;
        double a8 = 0.9;
        double a9 = 1.0;
        double a10 = 1.1;
        double a11 = 1.2;
        double a12 = 1.3;
        double a13 = 1.4;
        double a14 = 1.5;
        double a15 = 1.6;
        for (int s = 0; s < STEPS; s++) {
            a0 = Math.fma(a0, mm, bb);
            a1 = Math.fma(a1, mm, bb);
            a2 = Math.fma(a2, mm, bb);
            a3 = Math.fma(a3, mm, bb);
            a4 = Math.fma(a4, mm, bb);
            a5 = Math.fma(a5, mm, bb);
            a6 = Math.fma(a6, mm, bb);
            a7 = Math.fma(a7, mm, bb);
            a8 = Math.fma(a8, mm, bb);
            a9 = Math.fma(a9, mm, bb);
            a10 = Math.fma(a10, mm, bb);
            a11 = Math.fma(a11, mm, bb);
            a12 = Math.fma(a12, mm, bb);
            a13 = Math.fma(a13, mm, bb);
            a14 = Math.fma(a14, mm, bb);
            a15 = Math.fma(a15, mm, bb);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
    }

    /** Each element of the row through {@value #DEPTH} dependent FMAs per pass, {@value #PASSES} passes. */
    @Benchmark
    @OperationsPerInvocation(2 * DEPTH * ROW * PASSES)
    public double[] vectorFma() {
        double mm = m;
        double bb = b;
        double[] r = x;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int c = 0; c < ROW; c++) {
                double v = r[c];
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                v = Math.fma(v, mm, bb);
                r[c] = v;
            }
        }
        return r;
    }

    /** As {@link #vectorFma} with a multiply and a separate add per step. */
    @Benchmark
    @OperationsPerInvocation(2 * DEPTH * ROW * PASSES)
    public double[] vectorMulAdd() {
        double mm = m;
        double bb = b;
        double[] r = x;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int c = 0; c < ROW; c++) {
                double v = r[c];
                v = v * mm + bb;
                v = v * mm + bb;
                v = v * mm + bb;
                v = v * mm + bb;
                v = v * mm + bb;
                v = v * mm + bb;
                v = v * mm + bb;
                v = v * mm + bb;
                r[c] = v;
            }
        }
        return r;
    }

    /** acc[c] = fma(b, x[c], acc[c]) over the row, {@value #PASSES} × {@value #DEPTH} passes. */
    @Benchmark
    @OperationsPerInvocation(2 * DEPTH * ROW * PASSES)
    public double[] axpyFma() {
        double bb = b;
        double[] xs = x;
        double[] a = acc;
        for (int pass = 0; pass < PASSES * DEPTH; pass++) {
            for (int c = 0; c < ROW; c++) {
                a[c] = Math.fma(bb, xs[c], a[c]);
            }
        }
        return a;
    }

    /** One dependent chain of {@value #STEPS} FMAs: its time per FMA is the FMA latency. */
    @Benchmark
    @OperationsPerInvocation(2 * STEPS)
    public double latencyFma() {
        double mm = m;
        double bb = b;
        double a = 0.1;
        for (int s = 0; s < STEPS; s++) {
            a = Math.fma(a, mm, bb);
        }
        return a;
    }
}
