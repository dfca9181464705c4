package dev.sobolev.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.surrogate.api.DomainPolicy;
import dev.sobolev.surrogate.api.Pricer;
import dev.sobolev.surrogate.api.Quote;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.PointEvaluator;
import dev.sobolev.surrogate.nn.PointEvaluatorProvider;
import dev.sobolev.surrogate.nn.PointEvaluators;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

/**
 * Surrogate single-point inference (issue 5): value + input gradient, the trading-system call, of the
 * pruned-size 7→8×6→1 net (433 parameters), the Huge–Savine 7→20×4→1 net and the oversized 7→128×6→1 net on
 * the scalar passes and on the SIMD evaluator of {@code sobolev-simd}, one thread. Training steps are
 * {@link TrainingStepBenchmark}.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SurrogateBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SurrogateBenchmark {
    /** Positions in the book of {@link #bookValuesAndGradients}. */
    static final int BOOK = 64;

    /** A scaling like a data set's (not the identity, not powers of two): μₓ = 1, σₓ = 0.2, μ_y = 0.3, σ_y = 0.15. */
    private static final Normalisation SCALING = new Normalisation(filled(1.0), filled(0.2), new double[] {0.3},
            new double[] {0.15});

    private static double[] filled(double v) {
        double[] a = new double[7];
        Arrays.fill(a, v);
        return a;
    }

    /** Architecture: hidden widths x layers and activation. */
    @Param({"8x6-silu", "20x4-softplus", "128x6-silu"})
    public String net;

    private Mlp mlp;

    /** Builds the network. */
    @Setup
    public void setUp() {
        mlp = BenchmarkNets.random(net);
    }

    /** The single-point call's surrogate on one evaluator. */
    @State(Scope.Thread)
    public static class Point {
        /** {@code scalar} ({@link Mlp}'s passes) or {@code vector} (the SIMD evaluator). */
        @Param({"scalar", "vector"})
        public String evaluator;

        private Surrogate model;
        private PointEvaluator kernel;
        private Pricer pricer;
        private Quote quote;
        private final double[] x = {1.0, 0.9, 1.1, 1.05, 0.95, 1.2, 0.8};
        private final double[] grad = new double[7];
        private final double[] book = new double[BOOK * 7];
        private final double[] bookValues = new double[BOOK];
        private final double[] bookGrads = new double[BOOK * 7];

        /** Wraps the benchmark's network with the chosen evaluator. */
        @Setup
        public void setUp(SurrogateBenchmark b) {
            PointEvaluatorProvider p = "scalar".equals(evaluator) ? PointEvaluators.scalar() : PointEvaluators.preferred();
            if (!p.name().startsWith(evaluator)) {
                throw new IllegalStateException("evaluator " + evaluator + " is not available, got " + p.name());
            }
            model = new Surrogate(b.mlp, SCALING, p);
            for (int q = 0; q < BOOK; q++) {
                for (int j = 0; j < 7; j++) {
                    book[q * 7 + j] = x[j] + 0.01 * (q - j);
                }
            }
            kernel = p.create(b.mlp);
            List<InputSpec> inputs = new ArrayList<>();
            for (int j = 1; j <= 7; j++) {
                inputs.add(new InputSpec("S" + j, "price", 0.5, 1.5, 1.0, 0.2));
            }
            pricer = Pricer.of(model, new ModelSchema(inputs, List.of(new OutputSpec("price", "price"))),
                    DomainPolicy.FLAG);
            quote = pricer.newQuote();
        }
    }

    /** Value and the 7 deltas at one point through the thread-safe library call. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double valueAndGradient(Point pt) {
        return pt.model.valueAndGradient(pt.x, pt.grad) + pt.grad[0];
    }

    /**
     * The same point through the public pricing API: {@link Pricer#price} checks the input's length and
     * finiteness and the training domain (policy FLAG, the point inside), then makes the library call into a
     * caller-owned {@link Quote}.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double pricerPrice(Point pt) {
        return pt.pricer.price(pt.x, pt.quote) + pt.quote.delta(0);
    }

    /** The evaluator's own call, without the library call's thread-local lookup, checks and scaling. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double kernelValueAndGradient(Point pt) {
        return pt.kernel.valueAndGradient(pt.x, 0, pt.grad) + pt.grad[0];
    }

    /**
     * Value and the 7 deltas of each of a book of {@value #BOOK} positions in one library call, reported per
     * position (the SIMD evaluator takes V positions in its lanes).
     */
    @Benchmark
    @OperationsPerInvocation(BOOK)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double bookValuesAndGradients(Point pt) {
        pt.model.valuesAndGradients(pt.book, 0, pt.bookValues, pt.bookGrads);
        return pt.bookValues[BOOK - 1] + pt.bookGrads[0];
    }

    /** The value alone at one point (the forward sweep of {@link #valueAndGradient}). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double value(Point pt) {
        return pt.model.value(pt.x);
    }
}
