package dev.sobolev.reports.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.core.io.DiskSpace;
import dev.sobolev.core.random.BlockTasks;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.core.text.ShortestDouble;
import dev.sobolev.pricing.lsmc.LabelKernel;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.InputSpec;

/**
 * Writes a scenario file for a model: a CSV {@code id,<input names>} with ids {@code s000001}, {@code s000002}, …
 * (zero-padded to at least six digits) and one row of model inputs per scenario, drawn
 * <ul>
 * <li>{@link Training}: from the model's training distribution: the input law of its data set's LSMC recipe when
 * the provenance's data meta names a Bachelier recipe (X = S(T₁) = S(0) + volMult·√T₁·diag(σ)·R·z, drawn by the
 * recipe's own sampler, {@link LabelKernel#fillTraining}), otherwise uniform on the model schema's training box;
 * or</li>
 * <li>{@link Shocks}: around a base point with independent relative normal shocks, xⱼ = baseⱼ·(1 + size·zⱼ).</li>
 * </ul>
 *
 * <p>Rows come in blocks of {@value #BLOCK_ROWS}; block b draws from stream b + 2 of the seed's auxiliary family
 * ({@link RandomStreams#AUXILIARY}; streams 0 and 1 are the random market and directions), so a scenario file is
 * never the training or test inputs of a data set with the same seed, and its bytes do not depend on the thread
 * count. Numbers are written as {@code Double.toString} spells them ({@link ShortestDouble}). Blocks are drawn and
 * formatted in parallel, {@value #BLOCKS_PER_CHUNK} at a time, and streamed in order to a staging file that is
 * renamed onto the target ({@link AtomicFiles}): memory is bounded (about {@value #BLOCKS_PER_CHUNK} formatted
 * blocks) whatever the size.
 */
public final class ScenarioJob {
    /** Rows per block (one random stream each). */
    public static final int BLOCK_ROWS = 4096;
    /** Most scenarios in one file. */
    public static final long MAX_SIZE = 1_000_000_000L;
    private static final int BLOCKS_PER_CHUNK = 16;
    /** Auxiliary streams used elsewhere: the random market (0) and random directions (1). */
    private static final int SKIPPED_STREAMS = 2;

    private ScenarioJob() {
    }

    /** How scenarios are drawn. */
    public sealed interface Mode permits Training, Shocks {
    }

    /** Draws from the model's training distribution (the recipe's input law, else uniform on the training box). */
    public record Training() implements Mode {
    }

    /**
     * Relative normal shocks around a base point: xⱼ = baseⱼ·(1 + size·zⱼ), zⱼ independent standard normals.
     *
     * @param base the base point in the model's input order (data units), finite
     * @param size the relative standard deviation of a shock, finite and ≥ 0
     */
    public record Shocks(List<Double> base, double size) implements Mode {
        /** Copies the base. */
        public Shocks {
            base = List.copyOf(base);
        }
    }

    /**
     * What to draw.
     *
     * @param model the model whose inputs are drawn
     * @param size  scenarios, 1 to {@value #MAX_SIZE}
     * @param seed  the run seed
     * @param mode  the law
     */
    public record Request(ModelFile.Loaded model, long size, long seed, Mode mode) {
        /**
         * Validates the request.
         *
         * @throws InvalidParameterException {@code size} out of range, a base of the wrong length or not finite,
         *                                   a shock size negative or not finite, or training draws for a model
         *                                   with neither a recipe nor a bounded training box ({@code model})
         */
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(mode, "mode");
            if (size < 1 || size > MAX_SIZE) {
                throw new InvalidParameterException("size", "must be in [1, " + MAX_SIZE + "], got " + size);
            }
            int d = model.model().inputs();
            if (mode instanceof Shocks s) {
                if (s.base().size() != d) {
                    throw new InvalidParameterException("base",
                            "must have " + d + " values (the model's inputs), got " + s.base().size());
                }
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(s.base().get(j))) {
                        throw new InvalidParameterException("base[" + j + "]", "must be finite, got " + s.base().get(j));
                    }
                }
                if (!(s.size() >= 0) || !Double.isFinite(s.size())) {
                    throw new InvalidParameterException("shock", "must be finite and >= 0, got " + s.size());
                }
            } else if (ExactPricer.recipe(model).isEmpty()) {
                for (InputSpec in : model.schema().inputs()) {
                    if (!in.bounded()) {
                        throw new InvalidParameterException("model", "has no training distribution: no Bachelier "
                                + "recipe in its provenance and input " + in.name() + " has no bounded training box");
                    }
                }
            }
        }
    }

    /**
     * What was written.
     *
     * @param rows    scenarios written
     * @param path    the file (absolute)
     * @param seconds wall-clock seconds
     * @param law     how the rows were drawn, in words
     */
    public record Result(long rows, Path path, double seconds, String law) {
    }

    /**
     * The default base point of {@link Shocks}: the recipe's spots S(0) when the model's data set names a Bachelier
     * recipe, else the means of the training inputs (the schema's); empty when neither is known.
     *
     * @param model the model
     * @return the base point in input order
     */
    public static Optional<List<Double>> center(ModelFile.Loaded model) {
        Optional<LsmcRecipe> recipe = ExactPricer.recipe(model);
        if (recipe.isPresent()) {
            List<Double> spots = new ArrayList<>();
            for (double s : recipe.get().option().spots()) {
                spots.add(s);
            }
            return Optional.of(spots);
        }
        List<Double> means = model.schema().inputs().stream().map(InputSpec::mean).toList();
        return means.stream().allMatch(Double::isFinite) ? Optional.of(means) : Optional.empty();
    }

    /** Fills {@code rows} rows (row-major, d per row) of one block. */
    private interface Sampler {
        void fill(UniformRandomProvider rng, int rows, double[] x);
    }

    /** A sampler and its law in words. */
    private record Law(String description, Sampler sampler) {
    }

    /**
     * Draws and writes the scenarios.
     *
     * @param request   what to draw
     * @param out       the CSV file to write
     * @param overwrite whether an existing {@code out} is replaced
     * @param threads   worker threads, 1 to 1024 (the bytes do not depend on it)
     * @return the rows, path and time
     * @throws InvalidParameterException ({@code out}) if it exists and {@code overwrite} is false, or cannot be
     *                                   written; ({@code size}) if even the shortest rows would not fit on its disk
     */
    public static Result run(Request request, Path out, boolean overwrite, int threads) {
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
        long t0 = System.nanoTime();
        ModelFile.Loaded model = request.model();
        int d = model.model().inputs();
        Law law = law(request);
        Sampler sampler = law.sampler();
        int idDigits = Math.max(6, Long.toString(request.size()).length());
        int rowBytes = 1 + idDigits + d * (1 + ShortestDouble.MAX_LENGTH) + 1;
        long blocks = (request.size() + BLOCK_ROWS - 1) / BLOCK_ROWS;
        // the shortest a row can be ("s000001,0.0,…" and the newline): refuse only files that cannot fit
        DiskSpace.require(out, (double) request.size() * (2 + idDigits + 4 * d), "size", request.size());
        RandomStreams streams = RandomStreams.of(request.seed(), RandomStreams.AUXILIARY);
        for (int i = 0; i < SKIPPED_STREAMS; i++) {
            streams.next();
        }
        Path written;
        try {
            written = AtomicFiles.write(out, overwrite, channel -> {
                write(channel, ByteBuffer.wrap(header(model).getBytes(StandardCharsets.UTF_8)));
                for (long b0 = 0; b0 < blocks; b0 += BLOCKS_PER_CHUNK) {
                    long first = b0;
                    int count = (int) Math.min(BLOCKS_PER_CHUNK, blocks - b0);
                    List<ByteBuffer> chunk = BlockTasks.run(streams, count, threads, (rng, index) -> {
                        long block = first + index;
                        long row0 = block * BLOCK_ROWS;
                        int rows = (int) Math.min(BLOCK_ROWS, request.size() - row0);
                        double[] x = new double[rows * d];
                        sampler.fill(rng, rows, x);
                        byte[] text = new byte[rows * rowBytes];
                        int pos = 0;
                        for (int r = 0; r < rows; r++) {
                            text[pos++] = 's';
                            pos = id(row0 + r + 1, idDigits, text, pos);
                            for (int j = 0; j < d; j++) {
                                text[pos++] = ',';
                                pos = ShortestDouble.write(x[r * d + j], text, pos);
                            }
                            text[pos++] = '\n';
                        }
                        return ByteBuffer.wrap(text, 0, pos);
                    });
                    for (ByteBuffer text : chunk) {
                        write(channel, text);
                    }
                }
            });
        } catch (FileAlreadyExistsException e) {
            throw new InvalidParameterException("out", "exists: " + out);
        } catch (IOException e) {
            throw new InvalidParameterException("out", "cannot be written: " + out + " (" + e.getMessage() + ")", e);
        }
        return new Result(request.size(), written, (System.nanoTime() - t0) / 1e9, law.description());
    }

    private static void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static Law law(Request request) {
        ModelFile.Loaded model = request.model();
        int d = model.model().inputs();
        if (request.mode() instanceof Shocks s) {
            double[] base = s.base().stream().mapToDouble(Double::doubleValue).toArray();
            double size = s.size();
            return new Law("relative normal shocks of size " + size + " around " + s.base(), (rng, rows, x) -> {
                ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
                for (int i = 0; i < rows * d; i++) {
                    x[i] = base[i % d] * (1 + size * normal.sample());
                }
            });
        }
        Optional<LsmcRecipe> recipe = ExactPricer.recipe(model);
        if (recipe.isPresent()) {
            LabelKernel kernel = new LabelKernel(recipe.get(), new double[0][]);
            return new Law("the input law of the " + recipe.get().name() + " recipe, X = S(T1)",
                    (rng, rows, x) -> kernel.fillTraining(rng, rows, 0, x, new double[rows], new double[rows * d],
                            null));
        }
        double[] lower = new double[d];
        double[] width = new double[d];
        for (int j = 0; j < d; j++) {
            InputSpec in = model.schema().input(j);
            lower[j] = in.lower();
            width[j] = in.upper() - in.lower();
        }
        return new Law("uniform on the training box", (rng, rows, x) -> {
            for (int i = 0; i < rows * d; i++) {
                x[i] = lower[i % d] + width[i % d] * rng.nextDouble();
            }
        });
    }

    /** {@code id,<input names>}, names quoted as CSV needs. */
    private static String header(ModelFile.Loaded model) {
        StringBuilder sb = new StringBuilder("id");
        for (String name : model.schema().inputNames()) {
            sb.append(',');
            if (name.indexOf(',') >= 0 || name.indexOf('"') >= 0 || name.indexOf('\n') >= 0
                    || name.indexOf('\r') >= 0) {
                sb.append('"').append(name.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(name);
            }
        }
        return sb.append('\n').toString();
    }

    /** Writes n (with at most {@code digits} digits) zero-padded to {@code digits}, returning the new offset. */
    private static int id(long n, int digits, byte[] dst, int off) {
        long v = n;
        for (int i = digits - 1; i >= 0; i--) {
            dst[off + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return off + digits;
    }
}
