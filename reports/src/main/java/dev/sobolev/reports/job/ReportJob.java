package dev.sobolev.reports.job;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Printable;
import dev.sobolev.core.Version;
import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.io.OutputGuard;
import dev.sobolev.pruning.Pruner;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.pruning.UnitStatistics;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.reports.metrics.DatasetSummaries;
import dev.sobolev.reports.metrics.LearningCurves;
import dev.sobolev.reports.metrics.Machine;
import dev.sobolev.reports.metrics.SlideFigures;
import dev.sobolev.reports.metrics.ValidationMetrics;
import dev.sobolev.reports.model.DatasetSummary;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.LearningCurve;
import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.PruningTrace;
import dev.sobolev.reports.model.RunProvenance;
import dev.sobolev.reports.model.SlideTable;
import dev.sobolev.reports.model.ValidationReport;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * The {@code report} library job: a {@link ValidationReport} of one model file (and optionally a model it was
 * derived from) on a test set with exact labels, assembled from what the files hold. A model file's provenance
 * holds a copy of its parent's, so a pruned and fine-tuned model carries its whole lineage (fine-tuning, pruning,
 * training). Metrics and parity plots of each model ({@link ValidationMetrics}); learning curves from a history
 * file, else from the losses the lineage records; for a pruned model the pruning trace (its steps, certified bound
 * and, with the network pruned as the parent, that network's unit significance over the pruning box); the table of Kichler, Afghan &amp; Naumann, "Towards
 * Sobolev Pruning", when the test set is that study's (Kichler recipe, d = 7); the training set's summary when the
 * provenance's data set can still be read; the configuration sections of the provenance as the protocol; versions,
 * seeds, the command and the machine.
 */
public final class ReportJob {
    /** At most this many rows are plotted per parity plot (every row is in the metrics). */
    public static final int PARITY_POINTS = 2000;
    /** Provenance records followed from a model to its ancestors (a pruned, fine-tuned model has three). */
    private static final int MAX_LINEAGE = 16;

    private ReportJob() {
    }

    /**
     * What to report on.
     *
     * @param model   the model file
     * @param test    the test set directory, with exact values and deltas (e.g. DIR/test of {@code dataset
     *                bachelier})
     * @param parent  the model file the model was pruned from (or another model of its lineage), or null
     * @param history a learning-curve CSV ({@link LearningCurves#read}), or null for the provenance's curves
     */
    public record Request(Path model, Path test, Path parent, Path history) {
        /** Checks that the model and the test set are given. */
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(test, "test");
        }

        /**
         * Checks, before any work, that the report may be written to {@code file}: it is none of the inputs and lies
         * in no input directory (the test set's), is not a directory, and does not exist unless {@code overwrite}.
         *
         * @param file      where the report is to be written
         * @param overwrite whether an existing file (not an input) may be replaced
         * @throws InvalidParameterException naming {@code out} otherwise
         */
        public void checkOutput(Path file, boolean overwrite) {
            OutputGuard.checkFile("out", file, overwrite, Arrays.asList(new OutputGuard.Input("model", model),
                    new OutputGuard.Input("test set", test),
                    parent == null ? null : new OutputGuard.Input("parent model", parent),
                    history == null ? null : new OutputGuard.Input("history", history)));
        }

        /** The equivalent command line, without its output. */
        public String command() {
            return "sobolev report --model " + model + " --test " + test + (parent == null ? "" : " --parent " + parent)
                    + (history == null ? "" : " --history " + history);
        }
    }

    /** A model file read, with its stage name and evaluation. */
    private record Stage(String name, Path file, ModelFile.Loaded loaded, List<MetricsRow> metrics,
                         ModelEvaluation evaluation, double seconds) {
        Surrogate model() {
            return loaded.model();
        }

        JsonNode provenance() {
            return loaded.provenance();
        }
    }

    /**
     * Reads, checks and evaluates.
     *
     * @param request the files
     * @return the report
     * @throws InvalidParameterException naming {@code model}, {@code test}, {@code parent} or {@code history} with
     *                                   the path: a file that cannot be read as what it should be, a test set that
     *                                   is a training set or lacks exact deltas or rows, or a model or parent whose
     *                                   inputs or outputs do not match the test set's, a parent that is not the
     *                                   model's parent by its parameter count
     */
    public static ValidationReport run(Request request) {
        ModelFile.Loaded model = read("model", request.model(), ModelFile::read);
        Dataset test = read("test", request.test(), DatasetReader::read);
        checkTest(request.test(), test);
        checkFits("model", request.model(), model, request.test(), test);
        ModelFile.Loaded parent = null;
        if (request.parent() != null) {
            parent = read("parent", request.parent(), ModelFile::read);
            checkFits("parent", request.parent(), parent, request.test(), test);
            checkParent(request.parent(), parent, lineage(model.provenance()));
        }
        List<LearningCurve> history = request.history() == null ? null : LearningCurves.read(request.history());

        String modelStage = stageName(model.provenance(), false);
        List<Stage> stages = new ArrayList<>();
        if (parent != null) {
            String name = stageName(parent.provenance(), true);
            stages.add(evaluate(name.equals(modelStage) ? "parent" : name, request.parent(), parent, test));
        }
        Stage main = evaluate(modelStage, request.model(), model, test);
        stages.add(main);
        Stage parentStage = parent == null ? null : stages.get(0);

        List<MetricsRow> metrics = new ArrayList<>();
        List<ModelEvaluation> models = new ArrayList<>();
        List<Fact> timings = new ArrayList<>();
        for (Stage s : stages) {
            metrics.addAll(s.metrics());
            models.add(s.evaluation());
            timings.add(new Fact("evaluation of " + s.name(), String.format(Locale.ROOT, "%.3f s", s.seconds())));
        }
        long t0 = System.nanoTime();
        Optional<PruningTrace> pruning = pruningTrace(main, parentStage, test);
        if (pruning.isPresent() && !pruning.get().significance().isEmpty()) {
            timings.add(new Fact("significance", String.format(Locale.ROOT, "%.3f s", (System.nanoTime() - t0) / 1e9)));
        }
        return new ValidationReport("Validation of " + request.model().getFileName(), protocol(request, stages, test),
                models, metrics, history != null ? history : curves(main), pruning,
                slide(stages, test), datasetSummary(lineage(model.provenance()), test), Optional.empty(),
                Optional.empty(), provenance(request, stages, test, timings));
    }

    /** Applies a reader; its refusal (or an I/O failure) becomes one naming the parameter and the path. */
    private static <T> T read(String parameter, Path path, Function<Path, T> reader) {
        try {
            return reader.apply(path);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidParameterException(parameter, path + ": " + Printable.oneLine(String.valueOf(e.getMessage())),
                    e);
        }
    }

    private static void checkTest(Path path, Dataset test) {
        JsonNode meta = test.meta().orElse(null);
        if (meta != null && "train".equals(meta.path("split").asText())) {
            throw new InvalidParameterException("test", path + ": is a training set (Monte Carlo labels), not a test "
                    + "set with exact labels; give its test/ directory");
        }
        if (test.rows() < 1) {
            throw new InvalidParameterException("test", path + ": has no rows");
        }
        if (!test.hasGradients()) {
            throw new InvalidParameterException("test", path + ": has no exact deltas (dYdX); a test set with exact "
                    + "values and deltas is needed, e.g. the test/ directory of dataset bachelier");
        }
    }

    /** The model file's inputs and outputs against the test set's: counts, and names when the file records them. */
    private static void checkFits(String parameter, Path file, ModelFile.Loaded loaded, Path testPath, Dataset test) {
        Surrogate m = loaded.model();
        if (m.inputs() != test.inputDim() || m.outputs() != test.outputs()) {
            throw new InvalidParameterException(parameter, file + ": takes " + count(m.inputs(), "input") + " and gives "
                    + count(m.outputs(), "output") + ", but the test set " + testPath + " has "
                    + count(test.inputDim(), "input") + " and " + count(test.outputs(), "output"));
        }
        List<String> names = loaded.schema().inputNames();
        List<String> testNames = Columns.of(test).inputNames();
        if (loaded.version() >= 2 && !names.equals(testNames)) {
            throw new InvalidParameterException(parameter, file + ": takes inputs " + names + ", but the test set "
                    + testPath + " has " + testNames);
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The provenance records of a model file and of the models it was derived from, as each file stores its
     * parent's: the model's own first, then its parent's, and so on (at most {@value #MAX_LINEAGE}).
     */
    private static List<JsonNode> lineage(JsonNode provenance) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p = provenance; p.isObject() && p.has("job") && out.size() < MAX_LINEAGE;
             p = p.path("parent").path("provenance")) {
            out.add(p);
        }
        return out;
    }

    /**
     * A parent given for a derived model must be one of the models it was derived from, by the parameter counts
     * the lineage records (a model that records no parent accepts any).
     */
    private static void checkParent(Path file, ModelFile.Loaded parent, List<JsonNode> lineage) {
        long params = parent.model().network().parameterCount();
        List<Long> recorded = new ArrayList<>();
        for (JsonNode p : lineage) {
            JsonNode n = p.path("parent").path("params");
            if (n.isIntegralNumber()) {
                recorded.add(n.asLong());
            }
        }
        if (!recorded.isEmpty() && !recorded.contains(params)) {
            throw new InvalidParameterException("parent", file + ": has " + params + " parameters, but the model was "
                    + "derived from models of " + recorded + " parameters ("
                    + lineage.get(0).path("parent").path("path").asText() + ")");
        }
    }

    /**
     * The stage of a model by its provenance record: {@code trained} (or {@code oversized} as the parent of another
     * model), {@code pruned}, {@code finetuned-nn} or {@code finetuned-data} by the fine-tuning a prune or
     * finetune job records; {@code model} without a record.
     */
    private static String stageName(JsonNode provenance, boolean asParent) {
        String tuning = switch (provenance.path("job").asText()) {
            case "train" -> asParent ? "oversized" : "trained";
            case "prune" -> provenance.path("pruning").path("finetune").asText("none");
            case "finetune" -> provenance.path("fineTuning").path("finetune").asText("none");
            default -> "model";
        };
        return switch (tuning) {
            case "nn" -> "finetuned-nn";
            case "data" -> "finetuned-data";
            case "none" -> "pruned";
            default -> tuning;
        };
    }

    private static Stage evaluate(String name, Path file, ModelFile.Loaded loaded, Dataset test) {
        long t0 = System.nanoTime();
        List<MetricsRow> rows = ValidationMetrics.of(name, loaded.model(), test);
        ModelEvaluation evaluation = ValidationMetrics.evaluate(name, file.toString(), loaded.model(), test,
                PARITY_POINTS);
        return new Stage(name, file, loaded, rows, evaluation, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The learning curves the provenance records ({@code result.trainLoss}): of each model in the lineage that
     * records them, the oldest first, named by its stage.
     */
    private static List<LearningCurve> curves(Stage main) {
        List<JsonNode> lineage = lineage(main.provenance());
        List<LearningCurve> curves = new ArrayList<>();
        for (int i = lineage.size() - 1; i >= 0; i--) {
            LearningCurves.fromProvenance(i == 0 ? main.name() : stageName(lineage.get(i), true), lineage.get(i))
                    .ifPresent(curves::add);
        }
        return curves;
    }

    /**
     * The pruning trace of a pruned model (or of one fine-tuned after pruning) from the prune record of its lineage
     * ({@code result.steps}, {@code result.bound}): the network pruned as step 0 (with its test R² when it is the
     * given parent, else with the widths its training records), the recorded steps (their test R² is not recorded:
     * NaN), the bound, and, when the given parent is the network pruned, its unit scores by the recorded saliency
     * over the recorded box with unit statistics on the test inputs.
     */
    private static Optional<PruningTrace> pruningTrace(Stage main, Stage parent, Dataset test) {
        JsonNode p = lineage(main.provenance()).stream().filter(r -> "prune".equals(r.path("job").asText()))
                .findFirst().orElse(null);
        JsonNode steps = p == null ? null : p.path("result").path("steps");
        JsonNode bound = p == null ? null : p.path("result").path("bound");
        if (p == null || !steps.isArray() || !bound.isObject()) {
            return Optional.empty();
        }
        String method = p.path("pruning").path("method").asText("");
        List<PruningTrace.Step> trace = new ArrayList<>();
        List<List<Double>> significance = List.of();
        PruningTrace.Bound b = new PruningTrace.Bound(bound.path("value").asDouble(Double.NaN),
                doubles(bound.path("delta")), bound.path("boxes").asInt(0), bound.path("sampledValue").asDouble(Double.NaN),
                doubles(bound.path("sampledDelta")), bound.path("samples").asInt(0), doubles(bound.path("boxLower")),
                doubles(bound.path("boxUpper")));
        JsonNode pruned = p.path("parent");
        if (parent != null && parent.model().network().parameterCount() == pruned.path("params").asLong(-1)) {
            Mlp net = parent.model().network();
            trace.add(new PruningTrace.Step(0, hiddenWidths(net.widths()), net.parameterCount(),
                    r2(parent, ValidationMetrics.VALUE), r2(parent, ValidationMetrics.DELTA),
                    r2(parent, ValidationMetrics.GAMMA), Double.NaN, Double.NaN));
            significance = significance(parent.model(), method, b, test);
        } else if (pruned.path("params").isIntegralNumber()) {
            trace.add(new PruningTrace.Step(0, widths(pruned.path("provenance").path("training").path("hidden")
                    .asText("")), pruned.path("params").asInt(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN));
        }
        for (JsonNode s : steps) {
            trace.add(new PruningTrace.Step(s.path("step").asInt(), widths(s.path("widths").asText("")),
                    s.path("params").asInt(), Double.NaN, Double.NaN, Double.NaN,
                    s.path("validationRmse").asDouble(Double.NaN), Double.NaN));
        }
        return Optional.of(new PruningTrace(method, trace, significance, b));
    }

    private static double r2(Stage s, String quantity) {
        return ValidationMetrics.r2(s.metrics(), s.name(), s.metrics().get(0).output(), quantity, ValidationMetrics.ALL);
    }

    /**
     * Each hidden unit's score under the saliency the model was pruned with, over the recorded box (in the
     * network's units, as the pruner takes it), with unit statistics on the test inputs; empty when the saliency
     * or the box is not recorded in a usable form.
     */
    private static List<List<Double>> significance(Surrogate parent, String method, PruningTrace.Bound bound,
                                                   Dataset test) {
        Saliency saliency = Arrays.stream(Saliency.values()).filter(v -> v.label().equals(method)).findFirst()
                .orElse(null);
        int d = parent.inputs();
        if (saliency == null || bound.lower().size() != d || bound.upper().size() != d) {
            return List.of();
        }
        InputBox box;
        try {
            box = InputBox.of(bound.lower().stream().mapToDouble(Double::doubleValue).toArray(),
                    bound.upper().stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Mlp net = parent.network();
        UnitStatistics stats = UnitStatistics.of(parent, test.xArray(), test.rows());
        double[][] scores = saliency.scores(net, Pruner.normalised(box, parent.normalisation()), stats);
        List<List<Double>> out = new ArrayList<>();
        for (int l = 1; l < scores.length; l++) {
            out.add(Arrays.stream(scores[l]).boxed().toList());
        }
        return out;
    }

    private static List<Integer> hiddenWidths(int[] widths) {
        return Arrays.stream(widths, 1, widths.length - 1).boxed().toList();
    }

    /** The widths as the provenance writes them, "[8, 8]"; empty if they do not parse. */
    private static List<Integer> widths(String text) {
        String inner = text.strip();
        if (!inner.startsWith("[") || !inner.endsWith("]")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String w : inner.substring(1, inner.length() - 1).split(",")) {
            try {
                out.add(Integer.parseInt(w.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        if (a.isArray()) {
            for (JsonNode v : a) {
                out.add(v.asDouble(Double.NaN));
            }
        }
        return out;
    }

    /**
     * The slide's table when the test set is the study's (Kichler recipe, d = 7): each evaluated model as the row
     * its stage names (trained or oversized: "Oversized"; pruned: "Pruned"; fine-tuned on the original network's
     * values and deltas: "NN data"; on data: "Bachelier data").
     */
    private static Optional<SlideTable> slide(List<Stage> stages, Dataset test) {
        JsonNode meta = test.meta().orElse(null);
        if (meta == null || !"kichler".equals(meta.path("recipe").asText()) || test.inputDim() != 7) {
            return Optional.empty();
        }
        List<SlideTable.Row> rows = new ArrayList<>();
        for (Stage s : stages) {
            String slideStage = switch (s.name()) {
                case "pruned" -> SlideFigures.PRUNED;
                case "finetuned-nn" -> SlideFigures.FINETUNED_NN;
                case "finetuned-data" -> SlideFigures.FINETUNED_BACHELIER;
                case "trained", "oversized" -> SlideFigures.OVERSIZED;
                default -> s.name();
            };
            rows.add(SlideFigures.row(slideStage, s.model().network().parameterCount(), s.metrics()));
        }
        return Optional.of(new SlideTable(SlideFigures.SOURCE, rows));
    }

    /**
     * The summary of the data set the first model of the lineage was trained on, when its recorded path still
     * holds a readable data set.
     */
    private static Optional<DatasetSummary> datasetSummary(List<JsonNode> lineage, Dataset test) {
        if (lineage.isEmpty()) {
            return Optional.empty();
        }
        JsonNode path = lineage.get(lineage.size() - 1).path("data").path("path");
        if (!path.isTextual()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of(path.asText());
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            Dataset training = DatasetReader.read(dir);
            if (training.rows() < 1) {
                return Optional.empty();
            }
            return Optional.of(DatasetSummaries.of(dir, training, test.rows()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // a data set moved, changed or damaged since training: the report goes on without its summary
            return Optional.empty();
        }
    }

    /**
     * The protocol: the test set, each evaluated network, and the configuration sections ({@code training},
     * {@code pruning}, {@code fineTuning}) of every provenance record of the model's lineage, oldest first, and of
     * the given parent when the model records no lineage.
     */
    private static List<Fact> protocol(Request request, List<Stage> stages, Dataset test) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("test set", request.test() + " (" + test.rows() + " rows, " + test.inputDim() + " inputs)"));
        test.meta().map(m -> m.path("labels")).filter(JsonNode::isTextual)
                .ifPresent(l -> facts.add(new Fact("test labels", l.asText())));
        for (Stage s : stages) {
            Mlp net = s.model().network();
            facts.add(new Fact(s.name() + " network", Arrays.toString(net.widths()) + ", "
                    + net.hiddenActivation().label() + ", " + net.parameterCount() + " parameters"));
        }
        for (Map.Entry<String, JsonNode> e : records(stages).entrySet()) {
            JsonNode p = e.getValue();
            JsonNode data = p.path("data").path("meta");
            if (data.isObject()) {
                facts.add(new Fact(e.getKey() + " data", data.path("recipe").asText("?") + ", "
                        + data.path("size").asText("?") + " rows, seed " + data.path("seed").asText("?")));
            }
            for (String section : List.of("training", "pruning", "fineTuning")) {
                flatten(facts, e.getKey() + " " + section, p.path(section));
            }
        }
        return facts;
    }

    /**
     * The provenance records to show, by stage name, oldest first: the model's lineage, and the given parent's
     * record when the lineage does not hold it.
     */
    private static Map<String, JsonNode> records(List<Stage> stages) {
        Stage main = stages.get(stages.size() - 1);
        List<JsonNode> lineage = lineage(main.provenance());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (stages.size() > 1 && lineage.size() <= 1) {
            out.put(stages.get(0).name(), stages.get(0).provenance());
        }
        for (int i = lineage.size() - 1; i >= 0; i--) {
            out.put(i == 0 ? main.name() : stageName(lineage.get(i), true), lineage.get(i));
        }
        return out;
    }

    /** One fact per value of a JSON object, nested objects by their keys in turn. */
    private static void flatten(List<Fact> facts, String prefix, JsonNode node) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                flatten(facts, prefix + " " + e.getKey(), e.getValue());
            } else {
                facts.add(new Fact(prefix + " " + e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                        : e.getValue().toString()));
            }
        }
    }

    /** Versions, seeds, the command, the files and data sets, timings and the machine. */
    private static RunProvenance provenance(Request request, List<Stage> stages, Dataset test, List<Fact> timings) {
        List<Fact> software = new ArrayList<>(List.of(new Fact("sobolev", Version.get()),
                new Fact("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"))));
        List<Fact> seeds = new ArrayList<>();
        List<Fact> configuration = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : records(stages).entrySet()) {
            JsonNode p = e.getValue();
            if (p.path("software").isTextual()) {
                software.add(new Fact(e.getKey() + " written by", p.path("software").asText()));
            }
            if (p.path("seed").isIntegralNumber()) {
                seeds.add(new Fact(e.getKey(), p.path("seed").asText()));
            }
            JsonNode dataSeed = p.path("data").path("meta").path("seed");
            if (dataSeed.isIntegralNumber()) {
                seeds.add(new Fact(e.getKey() + " data", dataSeed.asText()));
            }
            if (p.path("data").path("path").isTextual()) {
                configuration.add(new Fact(e.getKey() + " data set", p.path("data").path("path").asText()));
            }
        }
        test.meta().map(m -> m.path("seed")).filter(JsonNode::isIntegralNumber)
                .ifPresent(v -> seeds.add(new Fact("test set", v.asText())));
        for (Stage s : stages) {
            configuration.add(new Fact(s.name() + " file", s.file().toString()));
        }
        configuration.add(new Fact("test set", request.test().toString()));
        if (request.history() != null) {
            configuration.add(new Fact("history", request.history().toString()));
        }
        configuration.add(new Fact("evaluator", stages.get(0).model().evaluator()));
        configuration.add(new Fact("parity points", "at most " + PARITY_POINTS + " per plot"));
        return new RunProvenance(software, seeds, List.of(request.command()), configuration, timings,
                Machine.facts());
    }
}
