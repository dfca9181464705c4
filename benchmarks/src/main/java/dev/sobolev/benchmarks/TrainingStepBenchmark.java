package dev.sobolev.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
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

import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.SobolevLoss;
import dev.sobolev.surrogate.train.Optimizer;

/**
 * One Sobolev training step on one thread (issue 5, acceptance 5): the first-order Sobolev loss (α = 1/8, seven
 * derivative labels; Huge &amp; Savine 2020, Kichler et al.) and its parameter gradient over a mini-batch of 256
 * or 512 rows by double backpropagation, then the Adam update of θ. This is what the trainer does per
 * mini-batch, there cut into 64-row shards over its threads; the time per step gives the training throughput
 * as batch/time samples per second per thread. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * TrainingStepBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {
    /** Architecture: hidden widths x layers and activation (the Huge–Savine and the oversized Kichler net). */
    @Param({"20x4-softplus", "128x6-silu"})
    public String net;

    /** Mini-batch size. */
    @Param({"256", "512"})
    public int batch;

    private Mlp mlp;
    private double[] theta;
    private double[] grad;
    private SobolevLoss loss;
    private SobolevLoss.Scratch scratch;
    private Optimizer adam;
    private Optimizer.State state;
    private double[] xs;
    private double[] ys;
    private double[] gs;
    private int[] rows;

    /** A random network, a random batch with value and derivative labels, fresh Adam moments. */
    @Setup
    public void setUp() {
        mlp = BenchmarkNets.random(net);
        theta = mlp.parameters();
        grad = new double[theta.length];
        loss = new SobolevLoss(0.125, null, 7);
        scratch = new SobolevLoss.Scratch(mlp, batch, loss);
        adam = Optimizer.Adam.defaults();
        state = adam.newState(theta.length);
        SplittableRandom r = new SplittableRandom(1);
        xs = new double[batch * 7];
        ys = new double[batch];
        gs = new double[batch * 7];
        rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = i;
            ys[i] = r.nextDouble();
            for (int j = 0; j < 7; j++) {
                xs[i * 7 + j] = r.nextDouble(-1, 1);
                gs[i * 7 + j] = r.nextDouble(-1, 1);
            }
        }
    }

    /** Loss and ∂L/∂θ over the batch, then one Adam step (learning rate 10⁻⁴, so θ stays near its start). */
    @Benchmark
    public double step() {
        Arrays.fill(grad, 0.0);
        double l = loss.evaluate(mlp, theta, xs, ys, gs, null, rows, 0, batch, batch, grad, scratch);
        adam.step(theta, grad, 1e-4, state);
        return l;
    }
}
