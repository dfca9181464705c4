package dev.sobolev.reports.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Version;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.dataset.SeriesReader;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.core.io.Staging;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.pricing.garch.Garch11;
import dev.sobolev.pricing.garch.GarchFit;
import dev.sobolev.pricing.garch.GarchFitter;
import dev.sobolev.pricing.garch.GarchForecast;
import dev.sobolev.pricing.garch.GarchLikelihood;
import dev.sobolev.pricing.lsmc.LsmcDatasetWriter;
import dev.sobolev.pricing.lsmc.LsmcJob;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.montecarlo.MonteCarloEngine;
import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.sensitivities.Sensitivities;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Pruner;
import dev.sobolev.pruning.job.FineTuneJob;
import dev.sobolev.pruning.job.PruneJob;
import dev.sobolev.reports.model.GarchSummary;
import dev.sobolev.reports.metrics.MetricsTables;
import dev.sobolev.reports.metrics.ValidationMetrics;
import dev.sobolev.reports.model.LearningCurve;
import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.PriceCheckSummary;
import dev.sobolev.reports.model.PruningTrace;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.EvalJob;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.TrainingHistory;

/**
 * The main job on the embedded default (docs/DESIGN.md "Pipeline and reports"): the stages of
 * {@code experiments/pruning.sh} and the validation around them, each a library call returning a typed
 * {@link StageResult}, in this order: {@code price-check} (REFERENCES.md §1 golden basket, Monte Carlo against the
 * closed form), {@code dataset} (Kichler LSMC training set with its exact test set, and the exact fine-tuning
 * labels), {@code train} (the oversized network), {@code prune}, {@code finetune} (on the oversized network's
 * values and deltas, and on the exact labels: the final model), {@code eval} (metrics of every stage's model on the
 * exact test set), {@code garch} (fit of the shipped DEM/GBP series with forecasts) and {@code report}; then the
 * summary {@code pipeline.json}.
 *
 * <p>Resumable: each stage writes its outputs atomically, then a {@link StageManifest} with its settings and the
 * size and SHA-256 of its input and output files. A rerun reuses a stage whose manifest matches and whose files
 * verify; otherwise it runs the stage again ({@link Status#REDONE}, saying why) and every stage that reads its
 * artefacts, directly or through others (the report reads all). Model
 * files hold no timings, so a run killed anywhere and rerun writes the same model files byte for byte. A non-empty
 * directory holding no pipeline output is refused.
 */
public final class Pipeline {
    /** The file names of the stages' artefacts, relative to the output directory. */
    public static final String DATASET = "dataset";
    /** The exact fine-tuning labels' data set (its {@code test/} part is used). */
    public static final String EXACT = "exact";
    /** The oversized model. */
    public static final String OVERSIZED = "oversized.json";
    /** The pruned model. */
    public static final String PRUNED = "pruned.json";
    /** The model fine-tuned on the oversized network's values and deltas. */
    public static final String FINETUNED_NN = "finetuned-nn.json";
    /** The model fine-tuned on the exact labels: the final model. */
    public static final String FINETUNED_EXACT = "finetuned-exact.json";
    /** The summary, written last. */
    public static final String SUMMARY = "pipeline.json";
    static final String PRICE_CHECK = "price-check.json";
    static final String TRACE = "pruning-trace.json";
    static final String METRICS = "metrics.csv";
    static final String SERIES = "dem2gbp.csv";
    static final String GARCH = "garch.json";
    static final String REPORT = "report.html";
    static final String CURVES = "learning-curves.csv";
    static final String STEPS = "pruning-steps.csv";
    /** Training rows of the exact-label data set, which only its test part serves. */
    private static final long EXACT_TRAINING_ROWS = 16;
    private static final String SERIES_RESOURCE = "dem2gbp.csv";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Settings of a run.
     *
     * @param out      output directory
     * @param protocol sizes, epochs, rates and seeds
     * @param threads  worker threads (no artefact depends on them)
     */
    public record Settings(Path out, Protocol protocol, int threads) {
        /** Checks for missing parts. */
        public Settings {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** Whether a stage computed its output or found it from an earlier run. */
    public enum Status {
        /** Computed in this run (nothing was there). */
        DONE,
        /** Found in the output directory, written by an earlier run with the same settings and inputs, verified. */
        REUSED,
        /** Found but not reusable (changed settings, inputs or files, or an upstream stage ran), so computed again. */
        REDONE;

        /** The lower-case name in {@code pipeline.json} ({@code done}, {@code reused}, {@code redone}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How a stage ran.
     *
     * @param status        done, reused or redone
     * @param seconds       wall time in this run
     * @param redoneBecause why an earlier output was not reused ({@link Status#REDONE}), otherwise null
     */
    public record Run(Status status, double seconds, String redoneBecause) {
    }

    /** The typed outcome of one stage, and its JSON form in {@code pipeline.json}. */
    public sealed interface StageResult permits PriceCheck, DatasetStage, TrainStage, PruneStage, FineTuneStage,
            EvalStage, GarchStage, ReportStage {
        /** The stage name. */
        String name();

        /** How it ran. */
        Run run();

        /** The stage's key figures as a JSON object. */
        ObjectNode metrics();

        /** Done, reused or redone. */
        default Status status() {
            return run().status();
        }

        /** Wall time in this run. */
        default double seconds() {
            return run().seconds();
        }

        /** {@code {"name", "status", "seconds", "metrics"}}, and {@code redoneBecause} for a redone stage. */
        default ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("name", name());
            o.put("status", status().label());
            o.put("seconds", seconds());
            if (run().redoneBecause() != null) {
                o.put("redoneBecause", run().redoneBecause());
            }
            o.set("metrics", metrics());
            return o;
        }
    }

    /**
     * The golden-basket check.
     *
     * @param run     how it ran
     * @param summary closed form, Monte Carlo estimate, standard error, z-score, paths
     */
    public record PriceCheck(Run run, PriceCheckSummary summary) implements StageResult {
        @Override
        public String name() {
            return "price-check";
        }

        @Override
        public ObjectNode metrics() {
            return MAPPER.valueToTree(summary);
        }
    }

    /**
     * The training set, its exact test set and the exact fine-tuning labels.
     *
     * @param run        how it ran
     * @param training   the training set directory
     * @param test       its exact test set
     * @param exact      the exact fine-tuning labels (a test set)
     * @param rows       training rows
     * @param testRows   test rows
     * @param exactRows  exact fine-tuning rows
     */
    public record DatasetStage(Run run, Path training, Path test, Path exact, long rows, long testRows, long exactRows)
            implements StageResult {
        @Override
        public String name() {
            return "dataset";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("path", training.toString());
            m.put("rows", rows);
            m.put("testRows", testRows);
            m.put("exactRows", exactRows);
            return m;
        }
    }

    /**
     * The oversized network.
     *
     * @param run        how it ran
     * @param model      its file
     * @param parameters parameter count
     * @param epochs     epochs trained
     * @param finalLoss  last epoch's training loss (normalised units)
     */
    public record TrainStage(Run run, Path model, int parameters, int epochs, double finalLoss) implements StageResult {
        @Override
        public String name() {
            return "train";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("model", model.toString());
            m.put("parameters", parameters);
            m.put("epochs", epochs);
            m.put("finalLoss", finalLoss);
            return m;
        }
    }

    /**
     * The pruned network, before fine-tuning.
     *
     * @param run        how it ran
     * @param model      its file
     * @param parameters parameter count
     * @param trace      the steps with test R², the significance before the first step and the certified bound
     * @param retraining the loss curve of each step's retraining
     */
    public record PruneStage(Run run, Path model, int parameters, PruningTrace trace, List<LearningCurve> retraining)
            implements StageResult {
        /** Copies the list. */
        public PruneStage {
            retraining = List.copyOf(retraining);
        }

        @Override
        public String name() {
            return "prune";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("model", model.toString());
            m.put("parameters", parameters);
            m.put("steps", trace.steps().size() - 1);
            PruningTrace.Step last = trace.steps().get(trace.steps().size() - 1);
            m.put("r2Value", last.r2Value());
            m.put("r2Delta", last.r2Delta());
            m.put("r2Gamma", last.r2Gamma());
            m.put("boundValue", trace.bound().value());
            return m;
        }
    }

    /**
     * The two fine-tuned networks.
     *
     * @param run        how it ran
     * @param nn         the model fine-tuned on the oversized network's values and deltas
     * @param exact      the model fine-tuned on the exact labels (the final model)
     * @param nnLoss     the former's final training loss
     * @param exactLoss  the latter's
     */
    public record FineTuneStage(Run run, Path nn, Path exact, double nnLoss, double exactLoss) implements StageResult {
        @Override
        public String name() {
            return "finetune";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("nn", nn.toString());
            m.put("exact", exact.toString());
            m.put("nnFinalLoss", nnLoss);
            m.put("exactFinalLoss", exactLoss);
            return m;
        }
    }

    /**
     * One stage's model on the exact test set.
     *
     * @param stage   {@code oversized}, {@code pruned}, {@code finetuned-nn}, {@code finetuned-exact}
     * @param file    the model file
     * @param metrics R² and RMSE of value, deltas and gamma (output 0), as {@code sobolev eval} computes them
     * @param parameters parameter count
     */
    public record ModelScore(String stage, Path file, int parameters, Metrics metrics) {
    }

    /**
     * Metrics of every stage's model on the exact test set.
     *
     * @param run    how it ran
     * @param csv    the metrics table (per stage, output, quantity and region)
     * @param models every model's R² and RMSE, in stage order
     */
    public record EvalStage(Run run, Path csv, List<ModelScore> models) implements StageResult {
        /** Copies the list. */
        public EvalStage {
            models = List.copyOf(models);
        }

        @Override
        public String name() {
            return "eval";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("csv", csv.toString());
            for (ModelScore s : models) {
                ObjectNode o = m.putObject(s.stage());
                o.put("parameters", s.parameters());
                o.put("r2Value", s.metrics().r2Value());
                o.put("r2Delta", s.metrics().r2Delta());
                o.put("r2Gamma", s.metrics().r2Gamma());
            }
            return m;
        }
    }

    /**
     * The GARCH(1,1) fit of the DEM/GBP series.
     *
     * @param run     how it ran
     * @param file    {@code garch.json}
     * @param summary coefficients, standard errors, conditional variance and forecasts
     */
    public record GarchStage(Run run, Path file, GarchSummary summary) implements StageResult {
        @Override
        public String name() {
            return "garch";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            for (int i = 0; i < summary.names().size(); i++) {
                m.put(summary.names().get(i), summary.estimate().get(i));
            }
            m.put("logLikelihood", summary.logLikelihood());
            m.put("converged", summary.converged());
            return m;
        }
    }

    /**
     * The validation report.
     *
     * @param run    how it ran
     * @param html   the report
     * @param curves the learning curves as CSV
     * @param steps  the pruning steps as CSV
     */
    public record ReportStage(Run run, Path html, Path curves, Path steps) implements StageResult {
        @Override
        public String name() {
            return "report";
        }

        @Override
        public ObjectNode metrics() {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("report", html.toString());
            m.put("learningCurves", curves.toString());
            m.put("pruningSteps", steps.toString());
            return m;
        }
    }

    /**
     * The final model on the exact test set.
     *
     * @param model   the final model's file
     * @param test    the test set directory
     * @param metrics its metrics, as {@code sobolev eval --model MODEL --test TEST} computes them
     */
    public record Final(Path model, Path test, Metrics metrics) {
    }

    /**
     * The outcome of a run.
     *
     * @param summary  {@code pipeline.json}
     * @param protocol the protocol run
     * @param stages   the stages in order
     * @param result   the final model and its metrics
     * @param report   the HTML report
     */
    public record Result(Path summary, Protocol protocol, List<StageResult> stages, Final result, Path report) {
        /** Copies the list. */
        public Result {
            stages = List.copyOf(stages);
        }
    }

    private final Path out;
    private final Protocol protocol;
    private final int threads;
    private final PipelineListener listener;
    /** The artefacts written in this run, and the stage that wrote each: a stage reading one runs again. */
    private final Map<String, String> written = new HashMap<>();

    private Pipeline(Settings s, PipelineListener listener) {
        this.out = s.out();
        this.protocol = s.protocol();
        this.threads = s.threads();
        this.listener = listener == null ? PipelineListener.NONE : listener;
    }

    /**
     * Runs the pipeline.
     *
     * @param settings directory, protocol and threads
     * @param listener receives progress (may be null)
     * @return the stages' results, the final model's metrics and the report
     * @throws InvalidParameterException naming {@code out} if the directory cannot be created or is a non-empty
     *                                   directory holding no pipeline output
     * @throws dev.sobolev.surrogate.train.TrainingDivergedException if a training diverges
     */
    public static Result run(Settings settings, PipelineListener listener) {
        checkDirectory(settings.out());
        try {
            Files.createDirectories(settings.out());
        } catch (IOException e) {
            throw new InvalidParameterException("out", settings.out() + " cannot be created: " + e.getMessage(), e);
        }
        return new Pipeline(settings, listener).run();
    }

    private Result run() {
        List<StageResult> stages = new ArrayList<>();
        PriceCheck check = priceCheck();
        stages.add(finished(check));
        DatasetStage data = dataset();
        stages.add(finished(data));
        TrainStage train = train(data);
        stages.add(finished(train));
        PruneStage prune = prune(data, train);
        stages.add(finished(prune));
        FineTuneStage tune = fineTune(data);
        stages.add(finished(tune));
        EvalStage eval = eval(data);
        stages.add(finished(eval));
        GarchStage garch = garch();
        stages.add(finished(garch));
        ReportStage report = report(stages);
        stages.add(finished(report));
        Final result = finalModel(data.test());
        Path summary = out.resolve(SUMMARY);
        writeJson(summary, summaryJson(stages, result, report.html()));
        return new Result(summary, protocol, stages, result, report.html());
    }

    private <T extends StageResult> T finished(T result) {
        listener.stageFinished(result);
        return result;
    }

    /** The work of a stage: writes its outputs. */
    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Reuses a stage whose manifest matches and none of whose inputs was written in this run, or runs it: removes
     * its manifest and outputs, runs the work, records the manifest.
     *
     * @param stage    the stage name
     * @param settings its parameters
     * @param inputs   its input artefacts
     * @param outputs  its output artefacts
     * @param units    units of work it reports when run
     * @param work     writes the outputs
     * @return how it ran (the wall time so far)
     */
    private Run stage(String stage, ObjectNode settings, List<String> inputs, List<String> outputs, long units,
                      Work work) {
        long t0 = System.nanoTime();
        // a stage written by another release is redone: its code may compute other figures
        settings.put("software", Version.get());
        Path manifestFile = StageManifest.fileOf(out, stage);
        Optional<StageManifest> manifest = StageManifest.read(manifestFile);
        boolean existed = manifest.isPresent() || outputs.stream().anyMatch(o -> Files.exists(out.resolve(o)));
        String reason = null;
        if (manifest.isPresent()) {
            reason = inputs.stream().filter(written::containsKey).findFirst()
                    .map(i -> "its input " + i + " was written again (stage " + written.get(i) + ")")
                    .orElseGet(() -> manifest.get().verify(out, settings, inputs).orElse(null));
            if (reason == null) {
                listener.stageStarted(stage, 0);
                return new Run(Status.REUSED, seconds(t0), null);
            }
        } else if (existed) {
            reason = "no checksums were recorded for " + out.resolve(outputs.get(0));
        }
        listener.stageStarted(stage, units);
        try {
            Files.deleteIfExists(manifestFile);
            for (String o : outputs) {
                Path p = out.resolve(o);
                if (Files.isDirectory(p)) {
                    Staging.deleteRecursively(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
            work.run();
        } catch (IOException e) {
            throw new UncheckedIOException("stage " + stage + " cannot write to " + out + ": " + e.getMessage(), e);
        }
        StageManifest.record(out, stage, settings, inputs, outputs).write(manifestFile);
        outputs.forEach(o -> written.put(o, stage));
        return new Run(existed ? Status.REDONE : Status.DONE, seconds(t0), reason);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Stage {@code price-check}: the REFERENCES.md §1 golden basket by Monte Carlo against the closed form. */
    private PriceCheck priceCheck() {
        Path file = out.resolve(PRICE_CHECK);
        Run run = stage("price-check", protocol.settings("seed", "pricePaths"), List.of(), List.of(PRICE_CHECK), 0,
                () -> {
                    // REFERENCES.md §1 golden case: price 5.9110438145
                    BachelierBasket golden = new BachelierBasket(new double[] {100, 95, 105},
                            new double[] {0.5, 0.3, 0.2}, new double[] {20, 15, 25},
                            new double[][] {{1, 0.5, 0.3}, {0.5, 1, 0.4}, {0.3, 0.4, 1}}, 100, 1);
                    Sensitivities exact = BachelierFormulas.call(golden, 100);
                    McResult mc = MonteCarloEngine.price(golden, new Call(100),
                            new McConfig(protocol.pricePaths(), protocol.seed(), threads, true));
                    double z = (mc.estimate().value() - exact.value()) / mc.standardError().value();
                    if (Math.abs(z) > 4) {
                        throw new IllegalStateException("pricing check failed: Monte Carlo is " + z
                                + " standard errors from the closed form");
                    }
                    writeJson(file, MAPPER.valueToTree(new PriceCheckSummary(exact.value(), mc.estimate().value(),
                            mc.standardError().value(), z, mc.paths())));
                });
        return new PriceCheck(run, readJson(file, PriceCheckSummary.class));
    }

    /**
     * Stage {@code dataset}: the Kichler training set with its exact test set ({@code experiments/pruning.sh}'s
     * {@code dataset bachelier --recipe kichler --dim 7 --size 8192 --test-size 4096 --seed 42}) and the exact
     * fine-tuning labels, the test part of the data set of {@link Protocol#exactSeed}.
     */
    private DatasetStage dataset() {
        Path dir = out.resolve(DATASET);
        Path exact = out.resolve(EXACT);
        long total = protocol.rows() + protocol.testRows() + EXACT_TRAINING_ROWS + protocol.exactRows();
        Run run = stage("dataset", protocol.settings("dimension", "rows", "testRows", "seed", "exactSeed",
                "exactRows"), List.of(), List.of(DATASET, EXACT), total, () -> {
                    long first = protocol.rows() + protocol.testRows();
                    LsmcDatasetWriter.write(lsmc(protocol.seed(), protocol.rows(), protocol.testRows()), dir,
                            rows -> listener.progress("dataset", rows, "rows"));
                    LsmcDatasetWriter.write(lsmc(protocol.exactSeed(), EXACT_TRAINING_ROWS, protocol.exactRows()),
                            exact, rows -> listener.progress("dataset", first + rows, "rows"));
                });
        return new DatasetStage(run, dir, dir.resolve("test"), exact.resolve("test"), protocol.rows(),
                protocol.testRows(), protocol.exactRows());
    }

    private LsmcJob lsmc(long seed, long rows, long testRows) {
        LsmcRecipe recipe = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, protocol.dimension(), seed, null,
                protocol.dimension() == 7);
        return new LsmcJob(recipe, rows, seed, threads, null, testRows, DatasetFormat.NPY);
    }

    /** Stage {@code train}: the oversized network, Sobolev-trained ({@link TrainJob}). */
    private TrainStage train(DatasetStage data) {
        Path file = out.resolve(OVERSIZED);
        int epochs = protocol.epochs();
        Run run = stage("train", protocol.settings("seed", "width", "depth", "activation", "normalisation", "batch",
                "alpha", "learningRate", "epochs"), List.of(DATASET), List.of(OVERSIZED), epochs, () -> {
                    TrainJob.Result r = TrainJob.run(TrainJob.Request.read(data.training(),
                            protocol.training(threads), Loss.SOBOLEV), e -> listener.progress("train", e.epoch(),
                            epochMessage("epoch", e, epochs)));
                    ModelFile.write(r.model(), r.schema(), r.provenance().toJson(), file, true);
                });
        ModelFile.Loaded m = ModelFile.read(file);
        JsonNode result = m.provenance().path("result");
        return new TrainStage(run, file, m.model().network().parameterCount(), result.path("trainLoss").size(),
                result.path("finalLoss").asDouble(Double.NaN));
    }

    private static String epochMessage(String what, TrainingHistory.Epoch e, int of) {
        return String.format(Locale.ROOT, "%s %d/%d loss %.4e", what, e.epoch(), of, e.trainLoss());
    }

    /** The widths after each step of pruning from {@code width} to {@code target} (as {@link Pruner} steps). */
    static List<Integer> stepWidths(int width, int target, double fraction) {
        List<Integer> widths = new ArrayList<>();
        for (int w = width; w > target; ) {
            w -= Math.max(1, (int) Math.ceil((w - target) * fraction));
            widths.add(w);
        }
        return widths;
    }

    /**
     * The stored part of the prune stage beside the pruned model: the trace (step timings NaN, so that the file
     * does not depend on the run) and the retraining curves.
     *
     * @param trace      the pruning trace
     * @param retraining each step's retraining losses
     */
    record PruneArtefact(PruningTrace trace, List<LearningCurve> retraining) {
    }

    /**
     * Stage {@code prune}: interval significance pruning with Sobolev retraining between steps ({@link PruneJob},
     * no fine-tuning), the test R² after every step and the significance before the first.
     */
    private PruneStage prune(DatasetStage data, TrainStage train) {
        Path file = out.resolve(PRUNED);
        Path traceFile = out.resolve(TRACE);
        int steps = stepWidths(protocol.width(), protocol.targetWidth(), protocol.stepFraction()).size();
        int retrain = protocol.retrainEpochs();
        Run run = stage("prune", protocol.settings("seed", "saliency", "targetWidth", "stepFraction",
                "retrainEpochs", "tuningLearningRate", "tuningBatch", "alpha", "fineTuneEpochs", "boundSplits",
                "boundSamples"), List.of(OVERSIZED, DATASET), List.of(PRUNED, TRACE), (long) steps * (retrain + 1),
                () -> {
                    Dataset test = DatasetReader.read(data.test());
                    PruneJob.Request request = PruneJob.Request.builder().modelFile(train.model()).data(data.training())
                            .saliency(protocol.saliency()).target(PruneJob.Target.widths(protocol.targetWidth()))
                            .stepFraction(protocol.stepFraction()).retrain(retrain, Loss.SOBOLEV)
                            .fineTuning(FineTuning.NONE).tuning(protocol.tuning(threads), Loss.SOBOLEV).test(test)
                            .boundSplits(protocol.boundSplits()).boundSamples(protocol.boundSamples())
                            .seed(protocol.seed()).threads(threads).build();
                    PruneJob.Result r = PruneJob.run(request, new Pruner.Listener() {
                        @Override
                        public void step(Pruner.Step s) {
                            listener.progress("prune", (long) s.step() * (retrain + 1), "step " + s.step() + "/"
                                    + steps + ": widths " + Arrays.toString(s.widths()) + ", " + s.parameters()
                                    + " parameters");
                        }

                        @Override
                        public void retrainingEpoch(int step, TrainingHistory.Epoch e) {
                            listener.progress("prune", (long) (step - 1) * (retrain + 1) + e.epoch(),
                                    epochMessage("step " + step + "/" + steps + " retraining epoch", e, retrain));
                        }
                    });
                    ModelFile.write(r.model(), r.schema(), r.provenance().toJson(), file, true);
                    writeJson(traceFile, MAPPER.valueToTree(artefact(r, test)));
                });
        PruneArtefact a = readJson(traceFile, PruneArtefact.class);
        return new PruneStage(run, file, ModelFile.read(file).model().network().parameterCount(), a.trace(),
                a.retraining());
    }

    private PruneArtefact artefact(PruneJob.Result r, Dataset test) {
        List<PruningTrace.Step> steps = new ArrayList<>();
        Surrogate original = r.original();
        steps.add(traceStep(0, original, test));
        List<LearningCurve> curves = new ArrayList<>();
        for (Pruner.Step s : r.outcome().steps()) {
            steps.add(traceStep(s.step(), s.model(), test));
            if (s.retraining() != null) {
                curves.add(new LearningCurve("retraining step " + s.step(), s.retraining().epochs().stream()
                        .map(TrainingHistory.Epoch::trainLoss).toList(), List.of()));
            }
        }
        List<List<Double>> significance = new ArrayList<>();
        double[][] scores = r.outcome().steps().isEmpty() ? new double[0][] : r.outcome().steps().get(0).scores();
        for (double[] layer : scores) {
            significance.add(Arrays.stream(layer).boxed().toList());
        }
        var b = r.outcome();
        PruningTrace.Bound bound = new PruningTrace.Bound(b.bound().value(), boxed(b.bound().gradient()),
                b.bound().boxes(), b.sampled().value(), boxed(b.sampled().gradient()), b.sampled().boxes(),
                boxed(b.box().lower()), boxed(b.box().upper()));
        return new PruneArtefact(new PruningTrace(protocol.saliency().label(), steps, significance, bound), curves);
    }

    private static PruningTrace.Step traceStep(int step, Surrogate model, Dataset test) {
        int[] w = model.network().widths();
        Metrics m = Metrics.of(model, test, 0);
        return new PruningTrace.Step(step, Arrays.stream(w, 1, w.length - 1).boxed().toList(),
                model.network().parameterCount(), m.r2Value(), m.r2Delta(), m.r2Gamma(), m.rmseValue(), Double.NaN);
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /**
     * Stage {@code finetune}: the pruned model fine-tuned ({@link FineTuneJob}) on the oversized network's values
     * and deltas at the training inputs, and on the exact labels.
     */
    private FineTuneStage fineTune(DatasetStage data) {
        Path nn = out.resolve(FINETUNED_NN);
        Path exact = out.resolve(FINETUNED_EXACT);
        int epochs = protocol.fineTuneEpochs();
        Run run = stage("finetune", protocol.settings("seed", "tuningLearningRate", "tuningBatch", "alpha",
                "fineTuneEpochs"), List.of(PRUNED, OVERSIZED, DATASET, EXACT), List.of(FINETUNED_NN, FINETUNED_EXACT),
                2L * epochs, () -> {
                    Dataset training = DatasetReader.read(data.training());
                    tune(FineTuning.NN, training, DatasetRef.of(data.training(), training), nn, 0);
                    Dataset labels = DatasetReader.read(data.exact());
                    tune(FineTuning.DATA, labels, DatasetRef.of(data.exact(), labels), exact, epochs);
                });
        return new FineTuneStage(run, nn, exact, finalLoss(nn), finalLoss(exact));
    }

    private void tune(FineTuning strategy, Dataset data, DatasetRef ref, Path target, int offset) {
        int epochs = protocol.fineTuneEpochs();
        FineTuneJob.Result r = FineTuneJob.run(FineTuneJob.Request.of(out.resolve(PRUNED), out.resolve(OVERSIZED),
                strategy, data, ref, protocol.tuning(threads), Loss.SOBOLEV), e -> listener.progress("finetune",
                offset + e.epoch(), epochMessage("fine-tuning " + strategy.label() + " epoch", e, epochs)));
        ModelFile.write(r.model(), r.schema(), r.provenance().toJson(), target, true);
    }

    private static double finalLoss(Path model) {
        return ModelFile.read(model).provenance().path("result").path("finalLoss").asDouble(Double.NaN);
    }

    /**
     * A stage's model.
     *
     * @param stage its name in the metrics and the report
     * @param file  its file, relative to the output directory
     */
    record StageModel(String stage, String file) {
    }

    /** The stages' models in order. */
    static final List<StageModel> MODELS = List.of(new StageModel("oversized", OVERSIZED),
            new StageModel("pruned", PRUNED), new StageModel("finetuned-nn", FINETUNED_NN),
            new StageModel("finetuned-exact", FINETUNED_EXACT));

    /** Stage {@code eval}: the metrics table of every stage's model on the exact test set. */
    private EvalStage eval(DatasetStage data) {
        Path csv = out.resolve(METRICS);
        Dataset test = DatasetReader.read(data.test());
        List<String> inputs = new ArrayList<>();
        MODELS.forEach(m -> inputs.add(m.file()));
        inputs.add(DATASET);
        Run run = stage("eval", protocol.settings("testRows"), inputs, List.of(METRICS), 0,
                () -> AtomicFiles.writeString(csv, MetricsTables.csv(metricsRows(test))));
        List<ModelScore> scores = new ArrayList<>();
        for (StageModel m : MODELS) {
            Path f = out.resolve(m.file());
            Surrogate s = ModelFile.read(f).model();
            scores.add(new ModelScore(m.stage(), f, s.network().parameterCount(), Metrics.of(s, test, 0)));
        }
        return new EvalStage(run, csv, scores);
    }

    /** The metrics rows of every stage's model, in stage order ({@link ValidationMetrics#of}). */
    private List<MetricsRow> metricsRows(Dataset test) {
        List<MetricsRow> rows = new ArrayList<>();
        for (StageModel m : MODELS) {
            rows.addAll(ValidationMetrics.of(m.stage(), ModelFile.read(out.resolve(m.file())).model(), test));
        }
        return rows;
    }

    /**
     * Stage {@code garch}: the embedded DEM/GBP series (written beside the results, so that {@code sobolev garch
     * fit --data OUT/dem2gbp.csv} repeats the fit) fitted by maximum likelihood, with standard errors, the
     * conditional variance over the sample and forecasts with their gradients.
     */
    private GarchStage garch() {
        Path series = out.resolve(SERIES);
        Path file = out.resolve(GARCH);
        byte[] bytes = seriesResource();
        ObjectNode settings = protocol.settings("garchHorizon");
        settings.put("seriesSha256", sha256(bytes));
        Run run = stage("garch", settings, List.of(), List.of(SERIES, GARCH), 0, () -> {
            AtomicFiles.write(series, true, ch -> {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            });
            writeJson(file, MAPPER.valueToTree(garchSummary(series)));
        });
        return new GarchStage(run, file, readJson(file, GarchSummary.class));
    }

    private GarchSummary garchSummary(Path series) {
        GarchLikelihood l = new GarchLikelihood(SeriesReader.read(series, null));
        GarchFit fit = GarchFitter.fit(l);
        if (!fit.converged()) {
            throw new IllegalStateException("the GARCH fit of " + series + " did not converge: " + fit.message());
        }
        List<GarchSummary.Forecast> forecasts = new ArrayList<>();
        List<Sensitivities> f = GarchForecast.forecast(l, fit.estimate(), protocol.garchHorizon());
        for (int k = 0; k < f.size(); k++) {
            double[] g = f.get(k).delta();
            forecasts.add(new GarchSummary.Forecast(k + 1, f.get(k).value(),
                    boxed(Arrays.copyOf(g, GarchForecast.LAST_OBSERVATION))));
        }
        return new GarchSummary(SERIES, l.size(), Garch11.NAMES,
                boxed(fit.estimate().toArray()), fit.seHessian(), fit.seOpg(), fit.seSandwich(), fit.logLikelihood(),
                fit.iterations(), fit.converged(), boxed(l.conditionalVariances(fit.estimate())), forecasts);
    }

    private static byte[] seriesResource() {
        try (InputStream in = Pipeline.class.getResourceAsStream(SERIES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded series " + SERIES_RESOURCE + " is missing from the "
                        + "build (reports/pom.xml copies it from data/)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded series " + SERIES_RESOURCE, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Stage {@code report}: the validation report of everything above, with its CSV tables. */
    private ReportStage report(List<StageResult> before) {
        Path html = out.resolve(REPORT);
        Path curves = out.resolve(CURVES);
        Path steps = out.resolve(STEPS);
        List<String> inputs = List.of(PRICE_CHECK, DATASET, EXACT, OVERSIZED, PRUNED, TRACE, FINETUNED_NN,
                FINETUNED_EXACT, METRICS, GARCH);
        Run run = stage("report", protocol.settings("parityPoints"), inputs, List.of(REPORT, CURVES, STEPS), 0,
                () -> ReportAssembly.write(out, protocol, threads, before, html, curves, steps));
        return new ReportStage(run, html, curves, steps);
    }

    /** The final model's metrics, by {@link EvalJob} as {@code sobolev eval} computes them. */
    private Final finalModel(Path test) {
        Path model = out.resolve(FINETUNED_EXACT);
        EvalJob.Result r = EvalJob.run(new EvalJob.Request(ModelFile.read(model).model(), DatasetReader.read(test)));
        return new Final(model, test, r.outputs().get(0));
    }

    private ObjectNode summaryJson(List<StageResult> stages, Final result, Path report) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pipeline", "sobolev " + Version.get());
        o.put("seed", protocol.seed());
        o.put("threads", threads);
        o.set("protocol", protocol.toJson());
        var arr = o.putArray("stages");
        stages.forEach(s -> arr.add(s.toJson()));
        o.set("final", finalJson(result));
        o.put("report", report.toString());
        return o;
    }

    /**
     * {@code {"model", "test", "r2": {"value", "delta", "gamma"}, "rmse": {…}}} of the final model.
     *
     * @param f the final model's metrics
     * @return the JSON object (the figures are {@code sobolev eval --json}'s)
     */
    public static ObjectNode finalJson(Final f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", f.model().toString());
        o.put("test", f.test().toString());
        Metrics m = f.metrics();
        o.putObject("r2").put("value", m.r2Value()).put("delta", m.r2Delta()).put("gamma", m.r2Gamma());
        o.putObject("rmse").put("value", m.rmseValue()).put("delta", m.rmseDelta()).put("gamma", m.rmseGamma());
        return o;
    }

    /**
     * Refuses a directory that exists and is neither empty nor a pipeline's: one holding a {@code pipeline.json}
     * of this format, a stage manifest, or (from a run stopped before its first manifest) only stage outputs.
     * Hidden entries (staging leftovers) are ignored.
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
        JsonNode summary = readJsonOrNull(out.resolve(SUMMARY));
        boolean ours = summary != null && summary.path("pipeline").asText().startsWith("sobolev ")
                || visible.stream().anyMatch(n -> n.endsWith(".manifest.json")
                        && StageManifest.read(out.resolve(n)).isPresent())
                || visible.equals(List.of(PRICE_CHECK)) || visible.equals(List.of(DATASET))
                && isDataSet(out.resolve(DATASET));
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

    static void writeJson(Path target, JsonNode node) {
        try {
            AtomicFiles.writeString(target, MAPPER.writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static <T> T readJson(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
