package dev.sobolev.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.reports.batch.BatchJob;
import dev.sobolev.reports.batch.BatchListener;
import dev.sobolev.reports.batch.BatchRequest;
import dev.sobolev.reports.batch.BatchResult;

/**
 * A whole batch revaluation as a trading system calls it in a running JVM ({@link BatchJob#run}): a scenario CSV
 * file of {@code rows} rows ({@link BatchKernelBenchmark#scenarios}) priced with the pipeline's 433-parameter
 * model, value and 7 deltas, on {@code threads} workers, the output, rejects and summary files written and forced
 * to the device, the journal committed after every chunk. One invocation is one run ({@code SingleShotTime}), so
 * the score is seconds per run and rows per second is rows over it; the warm-up runs let C2 compile the kernel,
 * which a fresh command pays on its first chunks. Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar BatchJobBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class BatchJobBenchmark {
    /** Scenario rows per run. */
    @Param({"1000000"})
    public int rows;

    /** Worker threads. */
    @Param({"2"})
    public int threads;

    private Path dir;
    private BatchRequest request;

    /** Writes the scenario file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path model = BatchKernelBenchmark.model();
        dir = Files.createTempDirectory("batch-job");
        Path in = Files.write(dir.resolve("scenarios.csv"), BatchKernelBenchmark.scenarios(model, rows));
        request = BatchRequest.builder().model(model).in(in).out(dir.resolve("priced.csv")).threads(threads)
                .force(true).build();
    }

    /** Removes the files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (String name : new String[] {"scenarios.csv", "priced.csv", "priced.csv.rejects.csv",
            "priced.csv.summary.csv"}) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.deleteIfExists(dir);
    }

    /** One run; checks that every row was priced. */
    @Benchmark
    public long run() {
        BatchResult r = BatchJob.run(request, BatchListener.NONE);
        if (r.rows() != rows) {
            throw new IllegalStateException("expected " + rows + " priced rows, got " + r.rows());
        }
        return r.rows();
    }
}
