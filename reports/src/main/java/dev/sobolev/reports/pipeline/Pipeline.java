package dev.sobolev.reports.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.core.io.Staging;
import dev.sobolev.pricing.lsmc.LsmcDatasetWriter;
import dev.sobolev.pricing.lsmc.LsmcJob;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.pricing.lsmc.SecondOrder;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.montecarlo.MonteCarloEngine;
import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * The pipeline library job on the embedded default (the Kichler recipe of REFERENCES.md §2). Each stage is a
 * library call returning a typed result ({@link PriceCheck}, {@link DatasetStage}). Today it runs the pricing
 * stages only: (1) a pricing check of the REFERENCES.md §1 golden basket, closed form against Monte Carlo;
 * (2) the LSMC training set (65,536 rows, 8192 with {@code quick}; 7 PCA Hessian–vector directions) with its
 * exact 4096-row test set. Training and pruning exist as the {@code train} and {@code prune} commands
 * (experiments/pruning.sh runs them on this recipe); they and the HTML report are not pipeline stages yet.
 *
 * <p>Resumable: each stage writes atomically and then records the size and SHA-256 of each of its files in a
 * {@link StageManifest} ({@code dataset.manifest.json}). A rerun reuses a stage whose output exists with the same
 * parameters and still matches its manifest; one whose files were truncated, changed or deleted, or that has no
 * manifest (a run stopped between the two writes), is run again and says why. Different parameters in an
 * existing directory are an error, and so is a non-empty directory that holds no pipeline output. The summary
 * {@code pipeline.json} is written last, atomically.
 */
public final class Pipeline {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Rows of the exact test set. */
    private static final long TEST_SIZE = 4096;

    /**
     * Settings of a run.
     *
     * @param out     output directory
     * @param quick   smaller sizes (for smoke tests)
     * @param seed    run seed
     * @param threads worker threads
     */
    public record Settings(Path out, boolean quick, long seed, int threads) {
    }

    /** Whether a stage computed its output or found it from an earlier run with the same settings. */
    public enum Status {
        /** Computed in this run. */
        DONE,
        /** Found in the output directory, written by an earlier run with the same settings, and verified. */
        REUSED,
        /** Found in the output directory but not as it was written (or not verifiable), so computed again. */
        REDONE;

        /** The lower-case name in {@code pipeline.json} ({@code done}, {@code reused}, {@code redone}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The typed outcome of one stage, and its JSON form in {@code pipeline.json}. */
    public sealed interface StageResult permits PriceCheck, DatasetStage {
        /** The stage name in {@code pipeline.json}. */
        String name();

        /** Done or reused. */
        Status status();

        /** Wall time of the stage. */
        double seconds();

        /** The stage's figures as a JSON object. */
        ObjectNode metrics();

        /** {@code {"name": …, "status": …, "seconds": …, "metrics": {…}}}. */
        default ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("name", name());
            o.put("status", status().label());
            o.put("seconds", seconds());
            o.set("metrics", metrics());
            return o;
        }
    }

    /**
     * The pricing check of the REFERENCES.md §1 golden basket: Monte Carlo against the closed form.
     *
     * @param closedForm the exact price
     * @param monteCarlo the Monte Carlo estimate
     * @param stderr     its standard error
     * @param zScore     (Monte Carlo − closed form)/stderr, at most 4 in absolute value
     * @param paths      Monte Carlo paths
     * @param seconds    wall time
     */
    public record PriceCheck(double closedForm, double monteCarlo, double stderr, double zScore, long paths,
                             double seconds) implements StageResult {
        @Override
        public String name() {
            return "price-check";
        }

        @Override
        public Status status() {
            return Status.DONE;
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("closedForm", closedForm);
            m.put("monteCarlo", monteCarlo);
            m.put("stderr", stderr);
            m.put("zScore", zScore);
            m.put("paths", paths);
            return m;
        }
    }

    /**
     * The LSMC training set with its test set.
     *
     * @param path     the data set directory
     * @param recipe   the recipe's name
     * @param size     training rows
     * @param testSize test rows
     * @param status   written now, reused or redone
     * @param seconds  wall time
     * @param redoneBecause why an earlier output was not reused ({@link Status#REDONE}), otherwise null
     */
    public record DatasetStage(Path path, String recipe, long size, long testSize, Status status, double seconds,
                               String redoneBecause) implements StageResult {
        @Override
        public String name() {
            return "dataset";
        }

        /** Rows per second, when the data set was written in this run. */
        public OptionalDouble samplesPerSecond() {
            return status != Status.REUSED ? OptionalDouble.of((size + testSize) / seconds) : OptionalDouble.empty();
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("path", path.toString());
            m.put("recipe", recipe);
            m.put("size", size);
            m.put("testSize", testSize);
            samplesPerSecond().ifPresent(v -> m.put("samplesPerSecond", v));
            if (redoneBecause != null) {
                m.put("redoneBecause", redoneBecause);
            }
            return m;
        }
    }

    /**
     * The outcome of a run.
     *
     * @param report     the summary file
     * @param priceCheck the pricing check
     * @param dataset    the data set stage
     */
    public record Result(Path report, PriceCheck priceCheck, DatasetStage dataset) {
        /** The stages in order. */
        public List<StageResult> stages() {
            return List.of(priceCheck, dataset);
        }
    }

    private Pipeline() {
    }

    /**
     * Runs the pipeline: {@link #priceCheck}, then {@link #dataset}, then the summary {@code pipeline.json}.
     *
     * @param s   settings
     * @param log receives one line per stage (for standard error)
     * @return the summary file and the typed stage results
     * @throws InvalidParameterException naming {@code out} if the directory cannot be created, is a non-empty
     *                                   directory holding no pipeline output, or holds a data set from other
     *                                   settings
     */
    public static Result run(Settings s, Consumer<String> log) {
        checkDirectory(s.out());
        checkDatasetSettings(s);
        try {
            Files.createDirectories(s.out());
        } catch (IOException e) {
            throw new InvalidParameterException("out", s.out() + " cannot be created: " + e.getMessage(), e);
        }
        PriceCheck check = priceCheck(s);
        log.accept(describe(check));
        DatasetStage dataset = dataset(s);
        log.accept(describe(dataset));
        log.accept("pipeline: pricing stages only; training and pruning are the train and prune commands "
                + "(experiments/pruning.sh), not pipeline stages yet; the HTML report is not built yet");
        ObjectNode summary = MAPPER.createObjectNode();
        summary.put("pipeline", "sobolev " + dev.sobolev.core.Version.get());
        summary.put("seed", s.seed());
        summary.put("quick", s.quick());
        summary.put("scope", "pricing stages only (training and pruning are not pipeline stages yet; no HTML report)");
        var arr = summary.putArray("stages");
        Result result = new Result(s.out().resolve("pipeline.json"), check, dataset);
        for (StageResult st : result.stages()) {
            arr.add(st.toJson());
        }
        writeAtomically(result.report(), summary);
        return result;
    }

    /**
     * Refuses a directory that exists and is neither empty nor a pipeline's: one holding a {@code pipeline.json}
     * of this format, a stage manifest, or (from a run stopped before its manifest) only a {@code dataset}
     * directory written by the data set writer. Hidden entries (staging leftovers) are ignored.
     */
    static void checkDirectory(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new InvalidParameterException("out", out + " is a file; the pipeline needs a directory");
        }
        List<String> visible;
        try (var entries = Files.list(out)) {
            visible = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidParameterException("out", out + " cannot be listed: " + e.getMessage(), e);
        }
        if (visible.isEmpty()) {
            return;
        }
        JsonNode summary = readJsonOrNull(out.resolve("pipeline.json"));
        boolean ours = summary != null && summary.path("pipeline").asText().startsWith("sobolev ")
                || StageManifest.read(StageManifest.fileOf(out.resolve("dataset"))).isPresent()
                || visible.equals(List.of("dataset")) && isDataSet(out.resolve("dataset"));
        if (!ours) {
            throw new InvalidParameterException("out", out + " is not empty and holds no pipeline output (no "
                    + "pipeline.json or stage manifest); choose a new or empty directory");
        }
    }

    private static boolean isDataSet(Path dir) {
        JsonNode meta = readJsonOrNull(dir.resolve("meta.json"));
        return meta != null && "sobolev-dataset".equals(meta.path("format").asText());
    }

    private static JsonNode readJsonOrNull(Path p) {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(StageResult st) {
        return String.format(Locale.ROOT, "pipeline: stage %-12s %-6s %6.2f s  %s", st.name(), st.status().label(),
                st.seconds(), st.metrics());
    }

    /**
     * Stage 1: prices the REFERENCES.md §1 golden basket by Monte Carlo (2·10⁶ paths, 2·10⁵ with {@code quick})
     * and compares it with the closed form.
     *
     * @param s settings (seed, threads, quick)
     * @return the check
     * @throws IllegalStateException if Monte Carlo lies more than 4 standard errors from the closed form
     */
    public static PriceCheck priceCheck(Settings s) {
        long t0 = System.nanoTime();
        // REFERENCES.md §1 golden case: price 5.9110438145
        BachelierBasket golden = new BachelierBasket(new double[] {100, 95, 105}, new double[] {0.5, 0.3, 0.2},
                new double[] {20, 15, 25}, new double[][] {{1, 0.5, 0.3}, {0.5, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1);
        Sensitivities exact = BachelierFormulas.call(golden, 100);
        McResult mc = MonteCarloEngine.price(golden, new Call(100),
                new McConfig(s.quick() ? 200_000 : 2_000_000, s.seed(), s.threads(), true));
        double z = (mc.estimate().value() - exact.value()) / mc.standardError().value();
        if (Math.abs(z) > 4) {
            throw new IllegalStateException("pricing check failed: Monte Carlo is " + z + " standard errors from the "
                    + "closed form");
        }
        return new PriceCheck(exact.value(), mc.estimate().value(), mc.standardError().value(), z, mc.paths(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Stage 2: the Kichler LSMC training set (65,536 rows, 8192 with {@code quick}; 7 PCA Hessian–vector
     * directions) and its exact 4096-row test set in {@code out/dataset}, with its {@link StageManifest}. Reused when
     * an earlier run with the same settings wrote it and every file still has the recorded size and SHA-256;
     * written again ({@link Status#REDONE}, saying why) when a file differs or no manifest was recorded.
     *
     * @param s settings
     * @return the stage's outcome
     * @throws InvalidParameterException naming {@code out} if it holds a data set from other settings
     */
    public static DatasetStage dataset(Settings s) {
        long t0 = System.nanoTime();
        LsmcRecipe recipe = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, s.seed(), null, true);
        long size = datasetSize(s);
        LsmcJob job = new LsmcJob(recipe, size, s.seed(), s.threads(), new SecondOrder(SecondOrder.Kind.PCA, 7),
                TEST_SIZE, DatasetFormat.NPY);
        Path dir = s.out().resolve("dataset");
        Path manifestFile = StageManifest.fileOf(dir);
        String redo = null;
        if (Files.exists(dir)) {
            Optional<StageManifest> manifest = checkDatasetSettings(s);
            redo = manifest.isPresent() ? manifest.get().verify(dir).orElse(null)
                    : "no checksums were recorded for " + dir;
            if (redo == null) {
                return new DatasetStage(dir, recipe.name(), size, TEST_SIZE, Status.REUSED,
                        (System.nanoTime() - t0) / 1e9, null);
            }
            Staging.deleteRecursively(dir);
        }
        try {
            Files.deleteIfExists(manifestFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + manifestFile, e);
        }
        LsmcDatasetWriter.write(job, dir, null);
        StageManifest.record("dataset", datasetSettings(s), dir).write(manifestFile);
        return new DatasetStage(dir, recipe.name(), size, TEST_SIZE, redo == null ? Status.DONE : Status.REDONE,
                (System.nanoTime() - t0) / 1e9, redo);
    }

    private static long datasetSize(Settings s) {
        return s.quick() ? 8192 : 65_536;
    }

    /** The data set stage's parameters as its manifest records them. */
    private static ObjectNode datasetSettings(Settings s) {
        ObjectNode settings = MAPPER.createObjectNode();
        settings.put("recipe", LsmcRecipe.Kind.KICHLER.label());
        settings.put("size", datasetSize(s));
        settings.put("testSize", TEST_SIZE);
        settings.put("seed", s.seed());
        return settings;
    }

    /**
     * Refuses a data set stage output of other settings, judged by its manifest or, without one, its
     * {@code meta.json}.
     *
     * @return the manifest, if there is one
     */
    private static Optional<StageManifest> checkDatasetSettings(Settings s) {
        Path dir = s.out().resolve("dataset");
        Path manifestFile = StageManifest.fileOf(dir);
        Optional<StageManifest> manifest = StageManifest.read(manifestFile);
        if (manifest.isPresent()) {
            if (!manifest.get().settings().toString().equals(datasetSettings(s).toString())) {
                throw otherSettings(s, manifestFile);
            }
        } else if (Files.exists(dir)) {
            JsonNode meta = readJsonOrNull(dir.resolve("meta.json"));
            ObjectNode want = datasetSettings(s);
            if (meta != null && !(meta.path("recipe").asText().equals(want.get("recipe").asText())
                    && meta.path("size").asLong() == want.get("size").asLong()
                    && meta.path("seed").asLong() == s.seed())) {
                throw otherSettings(s, dir.resolve("meta.json"));
            }
        }
        return manifest;
    }

    private static InvalidParameterException otherSettings(Settings s, Path evidence) {
        return new InvalidParameterException("out", s.out() + " holds a data set from other settings (" + evidence
                + "); choose another directory");
    }

    private static void writeAtomically(Path target, JsonNode node) {
        try {
            AtomicFiles.writeString(target, MAPPER.writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
