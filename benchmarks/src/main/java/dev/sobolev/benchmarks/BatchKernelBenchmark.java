package dev.sobolev.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.reports.batch.BatchRequest;
import dev.sobolev.reports.batch.SliceKernel;
import dev.sobolev.reports.batch.SliceOutput;
import dev.sobolev.surrogate.api.DomainPolicy;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.InputSpec;

/**
 * The batch engine's parse–price–format kernel ({@link SliceKernel#run}) on one slice of
 * {@link BatchRequest#SLICE_ROWS} = 4,096 scenario lines ({@code id} and the 7 inputs, the text
 * {@code Double.toString} writes) with the pipeline's 433-parameter model (7→8×6→1 SiLU): split the lines, parse
 * the fields (FastDoubleParser), price value and 7 deltas ({@code Pricer.priceBook}), write each line with its 8
 * new fields. One thread; the score is rows per second ({@code @OperationsPerInvocation} = rows of the slice), so
 * {@code gc.alloc.rate.norm} of {@code -prof gc} is bytes per row.
 *
 * <p>The scenarios are drawn uniformly on the model's training box (its inputs' lower and upper bounds, seed 26),
 * so every row is priced under the FLAG policy. The model is read from the system property
 * {@code sobolev.batch.model}, by default {@code sobolev-pipeline/finetuned-exact.json} under the working
 * directory (what {@code ./sobolev pipeline} writes). Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar BatchKernelBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BatchKernelBenchmark {
    private static final int ROWS = BatchRequest.SLICE_ROWS;

    private Path dir;
    private SliceKernel kernel;
    private SliceKernel.Workspace workspace;
    private final SliceOutput out = new SliceOutput();
    private byte[] slice;
    private int sliceStart;

    /** Writes the scenario file (the kernel's plan reads its header), builds the kernel and checks one slice. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path model = model();
        slice = scenarios(model, ROWS);
        int header = 0;
        while (slice[header] != '\n') {
            header++;
        }
        sliceStart = header + 1;
        dir = Files.createTempDirectory("batch-kernel");
        Path scenarios = Files.write(dir.resolve("scenarios.csv"), slice);
        kernel = SliceKernel.of(BatchRequest.builder().model(model).in(scenarios).out(dir.resolve("priced.csv"))
                .domain(DomainPolicy.FLAG).threads(1).build());
        workspace = kernel.newWorkspace();
        kernel.run(slice, sliceStart, slice.length, 2, workspace, out);
        if (out.rows() != ROWS || out.rejected() != 0) {
            throw new IllegalStateException("expected " + ROWS + " priced rows and no rejects, got " + out.rows()
                    + " and " + out.rejected());
        }
    }

    /**
     * The model of the batch benchmarks: the system property {@code sobolev.batch.model}, by default the
     * pipeline's {@code sobolev-pipeline/finetuned-exact.json} under the working directory.
     *
     * @throws IllegalStateException if the file is missing, saying how to make it
     */
    static Path model() {
        Path model = Path.of(System.getProperty("sobolev.batch.model", "sobolev-pipeline/finetuned-exact.json"));
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException(model.toAbsolutePath() + " not found: run ./sobolev pipeline from the "
                    + "repository root first, or set -Dsobolev.batch.model=<model file>");
        }
        return model;
    }

    /**
     * A scenario file's bytes: the header {@code id} and the model's input names, then rows 1..n drawn uniformly on
     * the model's training box (seed 26), each number as {@code Double.toString} writes it.
     */
    static byte[] scenarios(Path model, int rows) throws IOException {
        var inputs = ModelFile.read(model).schema().inputs();
        StringBuilder text = new StringBuilder("id");
        for (InputSpec in : inputs) {
            text.append(',').append(in.name());
        }
        text.append('\n');
        SplittableRandom rng = new SplittableRandom(26);
        for (int r = 0; r < rows; r++) {
            text.append(r + 1);
            for (InputSpec in : inputs) {
                text.append(',').append(rng.nextDouble(in.lower(), in.upper()));
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Removes the scenario file. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            Files.deleteIfExists(dir.resolve("scenarios.csv"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One slice: parse, price and format 4,096 rows into the reused output buffer. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int slice() {
        kernel.run(slice, sliceStart, slice.length, 2, workspace, out);
        return out.outputLength();
    }
}
