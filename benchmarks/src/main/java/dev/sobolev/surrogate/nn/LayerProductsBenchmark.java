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

    private Products products;
    private long flopsPerCall;

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
        Mlp mlp = BenchmarkNets.random(w + "x" + (w >= 128 ? 6 : 4));
        SplittableRandom s = new SplittableRandom(2);
        double[][] in = ProductsWarmUp.random(s, w, cols);
        double[][] g = ProductsWarmUp.random(s, w, cols);
        flopsPerCall = 2L * w * w * cols;
        products = switch (kernel) {
            case "main" -> new Rows(mlp, in, g, cols, null);
            case "vector" -> new Rows(mlp, in, g, cols, vectorProducts());
            case "float32" -> new FloatRows(mlp, in, g, cols);
            case "netlib-java" -> new Blas(JavaBLAS.getInstance(), mlp, in, g, cols);
            case "netlib-native" -> new Blas(NativeBLAS.getInstance(), mlp, in, g, cols);
            default -> throw new IllegalArgumentException(
                    "kernel must be main, vector, float32, netlib-java or netlib-native, got " + kernel);
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
    public Object multiply(Flops f) {
        f.flops += flopsPerCall;
        return products.multiply();
    }

    /** Wₗᵀ·G: out = Wᵀ·in over cols columns. */
    @Benchmark
    public Object multiplyTransposed(Flops f) {
        f.flops += flopsPerCall;
        return products.multiplyTransposed();
    }

    /** W̄ₗ += G·Aᵀ over cols columns, the transposed copy of A included. */
    @Benchmark
    public Object weightGradient(Flops f) {
        f.flops += flopsPerCall;
        return products.weightGradient();
    }

    /** One kernel's three products of the second weight layer over its own copies of the rows; each returns its output. */
    private interface Products {
        Object multiply();

        Object multiplyTransposed();

        Object weightGradient();
    }

    /** {@link LayerProducts}, or the simd provider's kernels when one is given (the same rows). */
    private static final class Rows implements Products {
        private final Mlp mlp;
        private final double[] theta;
        private final int w;
        private final int w0;
        private final int cols;
        private final LayerProductsProvider vector;
        private final double[][] in;
        private final double[][] g;
        private final double[][] out;
        private final double[][] at;
        private final double[][] gw;

        Rows(Mlp mlp, double[][] in, double[][] g, int cols, LayerProductsProvider vector) {
            this.mlp = mlp;
            this.theta = mlp.parameters();
            this.w = in.length;
            this.w0 = mlp.weightOffset(2);
            this.cols = cols;
            this.vector = vector;
            this.in = in;
            this.g = g;
            out = new double[w][cols];
            at = new double[cols][w];
            gw = new double[w][w];
        }

        @Override
        public Object multiply() {
            if (vector != null) {
                vector.multiply(theta, w0, w, w, in, out, cols);
            } else {
                LayerProducts.multiply(mlp, theta, 2, in, out, cols);
            }
            return out;
        }

        @Override
        public Object multiplyTransposed() {
            if (vector != null) {
                vector.multiplyTransposed(theta, w0, w, w, in, out, cols);
            } else {
                LayerProducts.multiplyTransposed(mlp, theta, 2, in, out, cols);
            }
            return out;
        }

        @Override
        public Object weightGradient() {
            if (vector != null) {
                LayerProducts.transpose(in, w, cols, at);
                vector.weightGradient(g, at, w, w, cols, gw);
            } else {
                LayerProducts.weightGradient(g, in, w, w, cols, at, gw);
            }
            return gw;
        }
    }

    /** {@link Float32Products} on float copies of the rows and of θ. */
    private static final class FloatRows implements Products {
        private final Mlp mlp;
        private final float[] theta;
        private final int w;
        private final int cols;
        private final float[][] in;
        private final float[][] g;
        private final float[][] out;
        private final float[][] at;
        private final float[][] gw;

        FloatRows(Mlp mlp, double[][] in, double[][] g, int cols) {
            this.mlp = mlp;
            double[] t = mlp.parameters();
            theta = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                theta[i] = (float) t[i];
            }
            this.w = in.length;
            this.cols = cols;
            this.in = narrow(in);
            this.g = narrow(g);
            out = new float[w][cols];
            at = new float[cols][w];
            gw = new float[w][w];
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

        @Override
        public Object multiply() {
            Float32Products.multiply(mlp, theta, 2, in, out, cols);
            return out;
        }

        @Override
        public Object multiplyTransposed() {
            Float32Products.multiplyTransposed(mlp, theta, 2, in, out, cols);
            return out;
        }

        @Override
        public Object weightGradient() {
            Float32Products.weightGradient(g, in, w, w, cols, at, gw);
            return gw;
        }
    }

    /** netlib BLAS's dgemm on row-major flat copies, read by BLAS as column-major transposes. */
    private static final class Blas implements Products {
        private final BLAS blas;
        private final double[] theta;
        private final int w;
        private final int w0;
        private final int cols;
        private final double[] in;
        private final double[] g;
        private final double[] out;
        private final double[] gw;

        Blas(BLAS blas, Mlp mlp, double[][] in, double[][] g, int cols) {
            System.err.println("netlib BLAS: " + blas.getClass().getName());
            this.blas = blas;
            this.theta = mlp.parameters();
            this.w = in.length;
            this.w0 = mlp.weightOffset(2);
            this.cols = cols;
            this.in = flat(in);
            this.g = flat(g);
            out = new double[w * cols];
            gw = new double[w * w];
        }

        private static double[] flat(double[][] rows) {
            int len = rows[0].length;
            double[] f = new double[rows.length * len];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, f, r * len, len);
            }
            return f;
        }

        /** Row-major out (w×cols) = W·in, i.e. column-major outᵀ = inᵀ·Wᵀ. */
        @Override
        public Object multiply() {
            blas.dgemm("N", "N", cols, w, w, 1.0, in, 0, cols, theta, w0, w, 0.0, out, 0, cols);
            return out;
        }

        /** Row-major out = Wᵀ·in, i.e. column-major outᵀ = inᵀ·W. */
        @Override
        public Object multiplyTransposed() {
            blas.dgemm("N", "T", cols, w, w, 1.0, in, 0, cols, theta, w0, w, 0.0, out, 0, cols);
            return out;
        }

        /** Row-major gw += g·inᵀ, i.e. column-major gwᵀ += in·gᵀ. */
        @Override
        public Object weightGradient() {
            blas.dgemm("T", "N", w, w, cols, 1.0, in, 0, cols, g, 0, cols, 1.0, gw, 0, w);
            return gw;
        }
    }
}
