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

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
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
 *
 * <p>{@code kernel=float32} is {@link Float32Products}, the products of {@code --precision float32} training, on
 * float copies of the same rows (flops counted alike).
 *
 * <p>{@code kernel=netlib-java} and {@code kernel=netlib-native} are the candidate library of issue 28: the same
 * three products as one {@code dgemm} each of netlib BLAS ({@code dev.ludovic.netlib:blas}, the BLAS Spark
 * uses), on its pure-Java implementation ({@code JavaBLAS}: {@code VectorBLAS} on the Vector API when the JVM
 * resolves {@code jdk.incubator.vector}) and on the system's native BLAS through JNI ({@code NativeBLAS}:
 * Debian's {@code libblas.so.3}, OpenBLAS where installed). BLAS takes contiguous column-major matrices, so these
 * kernels read flat copies of the rows made once in the setup: the best case for the library, a training step
 * would have to copy its rows in and out as well. Neither gives {@link LayerProducts}' bits (their sums run in
 * another order, with fused multiply-adds).
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
     * --add-modules=jdk.incubator.vector}); netlib-java, netlib-native: netlib BLAS's {@code dgemm} on flat
     * copies (above); float32: {@link Float32Products} on float copies.
     */
    @Param({"main", "vector"})
    public String kernel;

    private static final int MAIN = 0;
    private static final int VECTOR = 1;
    private static final int BLAS_KERNEL = 2;
    private static final int FLOAT32 = 3;

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
    private BLAS blas;
    /** Row-major flat copies for BLAS: in and g (w×cols), out (w×cols), gw (w×w). */
    private double[] inFlat;
    private double[] outFlat;
    private double[] gFlat;
    private double[] gwFlat;
    private float[] theta32;
    private float[][] in32;
    private float[][] out32;
    private float[][] g32;
    private float[][] at32;
    private float[][] gw32;

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
            case "float32" -> {
                theta32 = new float[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    theta32[i] = (float) theta[i];
                }
                in32 = narrow(in);
                g32 = narrow(g);
                out32 = new float[w][cols];
                at32 = new float[cols][w];
                gw32 = new float[w][w];
                yield FLOAT32;
            }
            case "netlib-java", "netlib-native" -> {
                blas = kernel.equals("netlib-java") ? JavaBLAS.getInstance() : NativeBLAS.getInstance();
                System.err.println("netlib BLAS: " + blas.getClass().getName());
                inFlat = flat(in);
                gFlat = flat(g);
                outFlat = new double[w * cols];
                gwFlat = new double[w * w];
                yield BLAS_KERNEL;
            }
            default -> throw new IllegalArgumentException(
                    "kernel must be main, vector, float32, netlib-java or netlib-native, got " + kernel);
        };
    }

    private static float[][] narrow(double[][] rows) {
        float[][] f = new float[rows.length][rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                f[r][c] = (float) rows[r][c];
            }
        }
        return f;
    }

    private static double[] flat(double[][] rows) {
        int len = rows[0].length;
        double[] f = new double[rows.length * len];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, f, r * len, len);
        }
        return f;
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
    public Object multiply(Flops f) {
        f.flops += 2L * n * p * cols;
        if (kind == BLAS_KERNEL) {
            // row-major out (n×cols) = W (n×p)·in (p×cols), i.e. column-major outᵀ = inᵀ·Wᵀ
            blas.dgemm("N", "N", cols, n, p, 1.0, inFlat, 0, cols, theta, w0, p, 0.0, outFlat, 0, cols);
            return outFlat;
        }
        if (kind == FLOAT32) {
            Float32Products.multiply(mlp, theta32, 2, in32, out32, cols);
            return out32;
        }
        if (kind == VECTOR) {
            vector.multiply(theta, w0, n, p, in, out, cols);
        } else {
            LayerProducts.multiply(mlp, theta, 2, in, out, cols);
        }
        return out;
    }

    /** Wₗᵀ·G: out = Wᵀ·in over cols columns. */
    @Benchmark
    public Object multiplyTransposed(Flops f) {
        f.flops += 2L * n * p * cols;
        if (kind == BLAS_KERNEL) {
            // row-major out (p×cols) = Wᵀ·in (n×cols), i.e. column-major outᵀ = inᵀ·W
            blas.dgemm("N", "T", cols, p, n, 1.0, inFlat, 0, cols, theta, w0, p, 0.0, outFlat, 0, cols);
            return outFlat;
        }
        if (kind == FLOAT32) {
            Float32Products.multiplyTransposed(mlp, theta32, 2, in32, out32, cols);
            return out32;
        }
        if (kind == VECTOR) {
            vector.multiplyTransposed(theta, w0, n, p, in, out, cols);
        } else {
            LayerProducts.multiplyTransposed(mlp, theta, 2, in, out, cols);
        }
        return out;
    }

    /** W̄ₗ += G·Aᵀ over cols columns, the transposed copy of A included. */
    @Benchmark
    public Object weightGradient(Flops f) {
        f.flops += 2L * n * p * cols;
        if (kind == BLAS_KERNEL) {
            // row-major gw (n×p) += g (n×cols)·inᵀ, i.e. column-major gwᵀ += in·gᵀ
            blas.dgemm("T", "N", p, n, cols, 1.0, inFlat, 0, cols, gFlat, 0, cols, 1.0, gwFlat, 0, p);
            return gwFlat;
        }
        if (kind == FLOAT32) {
            Float32Products.weightGradient(g32, in32, n, p, cols, at32, gw32);
            return gw32;
        }
        if (kind == VECTOR) {
            LayerProducts.transpose(in, p, cols, at);
            vector.weightGradient(g, at, n, p, cols, gw);
        } else {
            LayerProducts.weightGradient(g, in, n, p, cols, at, gw);
        }
        return gw;
    }
}
