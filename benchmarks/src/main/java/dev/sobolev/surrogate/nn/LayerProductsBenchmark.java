package dev.sobolev.surrogate.nn;

import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.benchmarks.BenchmarkNets;

/**
 * The three layer products of training ({@link LayerProducts}: Wₗ·A, Wₗᵀ·G and the weight gradient G·Aᵀ with
 * its transposed copy of A) on one thread, in GFLOP/s (2·n·p·len flops per product, the secondary result
 * {@code flops} in ops/ns), so that each reads as a fraction of {@code PeakBenchmark}'s figure (issue 28,
 * acceptance 2). Layers: the 128×128 hidden layer of the oversized 7→128×6→1 net and the 20×20 layer of the
 * 7→20×4→1 net; columns: a 64-row training shard and longer rows.
 *
 * <p>{@code kernel=main} is {@link LayerProducts}; {@code kernel=vector} is simd's {@code VectorLayerProducts}, reached
 * through its {@link LayerProductsProvider} service (simd is a runtime dependency only, so that this module
 * compiles where simd is skipped). This class sits in {@code dev.sobolev.surrogate.nn} of the benchmarks
 * module, not in {@code dev.sobolev.benchmarks}, because the products and {@code Mlp.weightOffset} are
 * package-private: a split package on the class path (there is no module-info) reaches them without widening
 * surrogate's public API for a benchmark. JMH runs the kernel parameter fastest, so the kernels alternate per
 * size. Run: {@code java -jar benchmarks/target/benchmarks.jar LayerProductsBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * -p kernel=main,vector -jvmArgsAppend --add-modules=jdk.incubator.vector}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerProductsBenchmark {
    /** The layer: 128×128 of the oversized 7→128×6→1 net, 20×20 of the 7→20×4→1 net (its second layer). */
    @Param({"128x128", "20x20"})
    public String layer;

    /** Batch columns per row: a 64-row training shard, and longer rows. */
    @Param({"64", "256", "512"})
    public int cols;

    /**
     * main: {@link LayerProducts}; vector:
     * the {@link LayerProductsProvider} of the simd module, {@code VectorLayerProducts} (needs {@code -jvmArgsAppend
     * --add-modules=jdk.incubator.vector}).
     */
    @Param({"main", "vector"})
    public String kernel;

    private static final int MAIN = 0;
    private static final int VECTOR = 1;

    private Mlp mlp;
    private double[] theta;
    private int n;
    private int p;
    private int kind;
    private int w0;
    private LayerProductsProvider vector;
    private double[][] in;
    private double[][] out;
    private double[][] g;
    private double[][] at;
    private double[][] gw;

    /** Flops counted per call, reported by JMH as a rate: flops/ns = GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** 2·n·p·len per product. */
        public long flops;

        /** Counts restart each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    /** A 7 → w×L → 1 SiLU net ({@link BenchmarkNets}) and rows uniform in ±1 (seed 2). */
    @Setup
    public void setUp() {
        int w = Integer.parseInt(layer.substring(0, layer.indexOf('x')));
        mlp = BenchmarkNets.random(w + "x" + (w >= 128 ? 6 : 4));
        theta = mlp.parameters();
        n = w;
        p = w;
        SplittableRandom s = new SplittableRandom(2);
        in = ProductsWarmUp.random(s, w, cols);
        out = new double[w][cols];
        g = ProductsWarmUp.random(s, w, cols);
        at = new double[cols][w];
        gw = new double[w][w];
        w0 = mlp.weightOffset(2);
        kind = switch (kernel) {
            case "main" -> MAIN;
            case "vector" -> {
                vector = vectorProducts();
                yield VECTOR;
            }
            default -> throw new IllegalArgumentException("kernel must be main or vector, got " + kernel);
        };
    }

    private static LayerProductsProvider vectorProducts() {
        for (LayerProductsProvider provider : ServiceLoader.load(LayerProductsProvider.class)) {
            if (provider.available()) {
                return provider;
            }
        }
        throw new IllegalStateException("kernel=vector needs the simd module and -jvmArgsAppend "
                + "--add-modules=jdk.incubator.vector");
    }

    /** Wₗ·A: out = W·in over cols columns. */
    @Benchmark
    public double[][] multiply(Flops f) {
        if (kind == VECTOR) {
            vector.multiply(theta, w0, n, p, in, out, cols);
        } else {
            LayerProducts.multiply(mlp, theta, 2, in, out, cols);
        }
        f.flops += 2L * n * p * cols;
        return out;
    }

    /** Wₗᵀ·G: out = Wᵀ·in over cols columns. */
    @Benchmark
    public double[][] multiplyTransposed(Flops f) {
        if (kind == VECTOR) {
            vector.multiplyTransposed(theta, w0, n, p, in, out, cols);
        } else {
            LayerProducts.multiplyTransposed(mlp, theta, 2, in, out, cols);
        }
        f.flops += 2L * n * p * cols;
        return out;
    }

    /** W̄ₗ += G·Aᵀ over cols columns, the transposed copy of A included. */
    @Benchmark
    public double[][] weightGradient(Flops f) {
        if (kind == VECTOR) {
            LayerProducts.transpose(in, p, cols, at);
            vector.weightGradient(g, at, n, p, cols, gw);
        } else {
            LayerProducts.weightGradient(g, in, n, p, cols, at, gw);
        }
        f.flops += 2L * n * p * cols;
        return gw;
    }
}
