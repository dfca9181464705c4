package dev.sobolev.reports.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.io.AtomicFiles;
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
 * The main job on the embedded default (the Kichler recipe of REFERENCES.md §2). Today it runs the pricing
 * stages only: (1) a pricing check of the REFERENCES.md §1 golden basket, closed form against Monte Carlo;
 * (2) the LSMC training set (65,536 rows, 8192 with {@code quick}; 7 PCA Hessian–vector directions) with its
 * exact 4096-row test set. Training and pruning exist as the {@code train} and {@code prune} commands
 * (experiments/pruning.sh runs them on this recipe); they and the HTML report are not pipeline stages yet.
 *
 * <p>Resumable: each stage writes atomically, and a stage whose output already exists with the same
 * parameters is reused instead of recomputed; different parameters in an existing directory are an error.
 * The summary {@code pipeline.json} is written last, atomically.
 */
public final class Pipeline {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    /**
     * One stage's outcome.
     *
     * @param name    stage name
     * @param status  "done" or "reused"
     * @param seconds wall time
     * @param metrics stage metrics
     */
    public record Stage(String name, String status, double seconds, JsonNode metrics) {
    }

    /**
     * The outcome of a run.
     *
     * @param report  the summary file
     * @param stages  the stages in order
     */
    public record Result(Path report, List<Stage> stages) {
    }

    private Pipeline() {
    }

    /**
     * Runs the pipeline.
     *
     * @param s   settings
     * @param log receives one line per stage (for standard error)
     */
    public static Result run(Settings s, Consumer<String> log) {
        try {
            Files.createDirectories(s.out());
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + s.out() + " cannot be created: " + e.getMessage(), e);
        }
        List<Stage> stages = new ArrayList<>();
        stages.add(priceCheck(s));
        log.accept(describe(stages.get(stages.size() - 1)));
        stages.add(dataset(s));
        log.accept(describe(stages.get(stages.size() - 1)));
        log.accept("pipeline: pricing stages only; training and pruning are the train and prune commands "
                + "(experiments/pruning.sh), not pipeline stages yet; the HTML report is not built yet");
        ObjectNode summary = MAPPER.createObjectNode();
        summary.put("pipeline", "sobolev " + dev.sobolev.core.Version.get());
        summary.put("seed", s.seed());
        summary.put("quick", s.quick());
        summary.put("scope", "pricing stages only (training and pruning are not pipeline stages yet; no HTML report)");
        var arr = summary.putArray("stages");
        for (Stage st : stages) {
            arr.add(stageJson(st));
        }
        Path report = s.out().resolve("pipeline.json");
        writeAtomically(report, summary);
        return new Result(report, stages);
    }

    /** The JSON form of a stage. */
    public static ObjectNode stageJson(Stage st) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", st.name());
        o.put("status", st.status());
        o.put("seconds", st.seconds());
        o.set("metrics", st.metrics());
        return o;
    }

    private static String describe(Stage st) {
        return String.format(java.util.Locale.ROOT, "pipeline: stage %-12s %-6s %6.2f s  %s", st.name(), st.status(),
                st.seconds(), st.metrics());
    }

    private static Stage priceCheck(Settings s) {
        long t0 = System.nanoTime();
        // REFERENCES.md §1 golden case: price 5.9110438145
        BachelierBasket golden = new BachelierBasket(new double[] {100, 95, 105}, new double[] {0.5, 0.3, 0.2},
                new double[] {20, 15, 25}, new double[][] {{1, 0.5, 0.3}, {0.5, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1);
        Sensitivities exact = BachelierFormulas.call(golden, 100);
        McResult mc = MonteCarloEngine.price(golden, new Call(100),
                new McConfig(s.quick() ? 200_000 : 2_000_000, s.seed(), s.threads(), true));
        double z = (mc.estimate().value() - exact.value()) / mc.standardError().value();
        ObjectNode m = MAPPER.createObjectNode();
        m.put("closedForm", exact.value());
        m.put("monteCarlo", mc.estimate().value());
        m.put("stderr", mc.standardError().value());
        m.put("zScore", z);
        m.put("paths", mc.paths());
        if (Math.abs(z) > 4) {
            throw new IllegalStateException("pricing check failed: Monte Carlo is " + z + " standard errors from the "
                    + "closed form");
        }
        return new Stage("price-check", "done", (System.nanoTime() - t0) / 1e9, m);
    }

    private static Stage dataset(Settings s) {
        long t0 = System.nanoTime();
        LsmcRecipe recipe = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, s.seed(), null, true);
        long size = s.quick() ? 8192 : 65_536;
        long testSize = 4096;
        LsmcJob job = new LsmcJob(recipe, size, s.seed(), s.threads(), new SecondOrder(SecondOrder.Kind.PCA, 7),
                testSize, DatasetFormat.NPY);
        Path dir = s.out().resolve("dataset");
        ObjectNode m = MAPPER.createObjectNode();
        m.put("path", dir.toString());
        m.put("recipe", recipe.name());
        m.put("size", size);
        m.put("testSize", testSize);
        String status;
        if (Files.exists(dir.resolve("meta.json"))) {
            JsonNode meta = readJson(dir.resolve("meta.json"));
            boolean same = meta.path("recipe").asText().equals(recipe.name()) && meta.path("size").asLong() == size
                    && meta.path("seed").asLong() == s.seed() && Files.exists(dir.resolve("test/meta.json"));
            if (!same) {
                throw new IllegalArgumentException("--out " + s.out() + " holds a data set from other settings ("
                        + dir.resolve("meta.json") + "); choose another --out");
            }
            status = "reused";
        } else {
            LsmcDatasetWriter.write(job, dir, null);
            status = "done";
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        if ("done".equals(status)) {
            m.put("samplesPerSecond", (size + testSize) / sec);
        }
        return new Stage("dataset", status, sec, m);
    }

    private static JsonNode readJson(Path p) {
        try {
            return MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static void writeAtomically(Path target, JsonNode node) {
        try {
            AtomicFiles.writeString(target, MAPPER.writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
