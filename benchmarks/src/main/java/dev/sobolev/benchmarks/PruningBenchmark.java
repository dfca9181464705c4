package dev.sobolev.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.pruning.interval.IntervalMlp;
import dev.sobolev.pruning.significance.Significance;

/**
 * Interval-adjoint significance of every hidden unit of a 7→W×L→1 SiLU network over a 7-dimensional box
 * (issue 6, acceptance 5: ≤ 10 ms for the oversized 128×6 net): one interval forward pass, one interval
 * adjoint pass and the scores, as {@code Saliency.INTERVAL} computes them at each pruning step.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PruningBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PruningBenchmark {
    /** Hidden widths x layers. */
    @Param({"128x6", "8x6"})
    public String net;

    private IntervalMlp interval;
    private InputBox box;

    /** A random SiLU network ({@link BenchmarkNets}) and the box [−1, 1]⁷. */
    @Setup
    public void setUp() {
        interval = new IntervalMlp(BenchmarkNets.random(net));
        double[] lo = new double[7];
        double[] hi = new double[7];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        box = InputBox.of(lo, hi);
    }

    /** Significance of every hidden unit over the box. */
    @Benchmark
    public double significance() {
        Significance s = Significance.intervalAdjoint(interval.adjoint(box, 0));
        return s.layerSum(1);
    }
}
