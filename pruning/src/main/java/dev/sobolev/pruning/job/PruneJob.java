package dev.sobolev.pruning.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.io.OutputGuard;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.core.provenance.Provenance;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pruning.CertifiedBound;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Pruner;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * Prunes a surrogate (Kichler, Afghan &amp; Naumann, "Interval adjoint significance analysis for neural
 * networks", structured pruning of hidden units), fine-tunes it through {@link FineTuneJob}'s code path, then
 * certifies the change of values and deltas over the input box with interval arithmetic and checks the certificate against sampled differences. Every check of
 * the request against the model and the data lives here; the result carries the pruned and fine-tuned models,
 * the steps, the bound, test metrics, timings and the provenance that names the parent model.
 */
public final class PruneJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PruneJob() {
    }

    /** What to prune to: widths of the hidden layers, or a parameter budget. */
    public sealed interface Target permits Target.Widths, Target.Budget {
        /**
         * One width for every hidden layer, or one width per hidden layer.
         *
         * @param widths the widths (copied)
         * @return the target
         */
        static Target widths(int... widths) {
            return new Widths(widths);
        }

        /**
         * A parameter budget: every hidden layer cut to the largest common width that fits
         * ({@link Pruner#widthsForBudget}).
         *
         * @param parameters the largest parameter count
         * @return the target
         */
        static Target budget(int parameters) {
            return new Budget(parameters);
        }

        /** The target widths of the hidden layers of {@code net}. */
        int[] resolve(Mlp net);

        /**
         * Target widths.
         *
         * @param widths one width for every hidden layer, or one per hidden layer; their count against the model
         *               and their range are the pruner's to check
         */
        record Widths(int[] widths) implements Target {
            /** Copies the widths. */
            public Widths {
                widths = widths.clone();
            }

            /** A copy of the widths. */
            @Override
            public int[] widths() {
                return widths.clone();
            }

            @Override
            public int[] resolve(Mlp net) {
                int hidden = net.layers() - 1;
                if (widths.length == 1 && hidden > 1) {
                    int[] all = new int[hidden];
                    Arrays.fill(all, widths[0]);
                    return all;
                }
                return widths.clone();
            }
        }

        /**
         * A parameter budget.
         *
         * @param parameters the largest parameter count of the pruned network
         */
        record Budget(int parameters) implements Target {
            @Override
            public int[] resolve(Mlp net) {
                return Pruner.widthsForBudget(net, parameters);
            }
        }
    }

    /**
     * What to prune and how. Build with {@link #builder()}; the defaults are the {@code prune} command's.
     *
     * @param model          the surrogate to prune
     * @param schema         its inputs' and outputs' names, units and training domain (carried to the result)
     * @param parent         the parent's model file and its stored provenance (the parent of the result)
     * @param data           the pruning data: inputs for the unit statistics, labels for retraining and fine-tuning
     * @param dataRef        where the data came from
     * @param saliency       how units are ranked
     * @param target         widths or budget
     * @param box            the input box in data units, or null for the data's range ({@link InputBox#range})
     * @param stepFraction   share of each layer's surplus removed per step, in (0, 1]
     * @param retrainEpochs  epochs of retraining between steps, ≥ 0
     * @param retrainLoss    the loss of that retraining
     * @param tolerance      largest admissible value RMSE on the test set before a step, or +∞ for none
     * @param fineTuning     the fine-tuning strategy
     * @param tuning         the training run of fine-tuning and retraining (its architecture is the pruned
     *                       network's; its seed and threads are this request's)
     * @param tuningLoss     the loss of fine-tuning
     * @param fineTuneData   labels for {@link FineTuning#DATA}, or null for {@code data}
     * @param test           a test set with exact labels (metrics and the tolerance), or null
     * @param boundSplits    sub-boxes per input of the certified bound (splits^d ≤ 10⁶)
     * @param boundSamples   random points at which the bound is checked, ≥ 1
     * @param seed           seed of fine-tuning and of the sampled check
     * @param threads        worker threads in [1, 1024]; the result does not depend on it
     */
    public record Request(Surrogate model, ModelSchema schema, Provenance.Parent parent, Dataset data, DatasetRef dataRef,
                          Saliency saliency, Target target, InputBox box, double stepFraction, int retrainEpochs,
                          Loss retrainLoss, double tolerance, FineTuning fineTuning, TrainingConfig tuning,
                          Loss tuningLoss, Dataset fineTuneData, Dataset test, int boundSplits, int boundSamples,
                          long seed, int threads) {
        /**
         * Checks the settings that do not depend on the model or the data.
         *
         * @throws InvalidParameterException naming the setting ({@code retrainEpochs}, {@code tolerance},
         *                                   {@code fineTuneData}, {@code threads}, …)
         */
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(dataRef, "dataRef");
            Objects.requireNonNull(saliency, "saliency");
            Objects.requireNonNull(retrainLoss, "retrainLoss");
            Objects.requireNonNull(fineTuning, "fineTuning");
            Objects.requireNonNull(tuning, "tuning");
            Objects.requireNonNull(tuningLoss, "tuningLoss");
            if (target == null) {
                throw new InvalidParameterException("target", "is required: target widths or a parameter budget");
            }
            CertifiedBound.checkSamples(boundSamples);
            if (retrainEpochs < 0) {
                throw new InvalidParameterException("retrainEpochs", "must be >= 0, got " + retrainEpochs);
            }
            if (Double.isFinite(tolerance) && test == null) {
                throw new InvalidParameterException("tolerance", "needs a validation set (the test set), got none");
            }
            if (fineTuneData != null && fineTuning != FineTuning.DATA) {
                throw new InvalidParameterException("fineTuneData", "needs fine-tuning on data, got fine-tuning "
                        + fineTuning.label());
            }
            if (threads < 1 || threads > 1024) {
                throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
            }
        }

        /**
         * Checks, before pruning, that the pruned model may be written to {@code file}: it is not the parent
         * model, the data set (or a file inside its directory) or one of {@code otherInputs}, not a directory, and
         * does not exist unless {@code overwrite}.
         *
         * @param file        where the model file is to be written
         * @param overwrite   whether an existing file (not an input) may be replaced
         * @param otherInputs further inputs read for this request (fine-tuning data, test set), null entries
         *                    skipped
         * @throws InvalidParameterException naming {@code file} otherwise
         */
        public void checkOutput(Path file, boolean overwrite, OutputGuard.Input... otherInputs) {
            List<OutputGuard.Input> inputs = new ArrayList<>();
            inputs.add(new OutputGuard.Input("model", Path.of(parent.path())));
            inputs.add(new OutputGuard.Input("data set", Path.of(dataRef.path())));
            inputs.addAll(Arrays.asList(otherInputs));
            OutputGuard.checkFile("file", file, overwrite, inputs);
        }

        /** A builder with the {@code prune} command's defaults. */
        public static Builder builder() {
            return new Builder();
        }
    }

    /**
     * Builds a {@link Request}. Defaults: interval saliency, the data's range as the box, step fraction 0.5, no
     * retraining (value loss when enabled), no tolerance, no fine-tuning with {@link TrainingConfig#builder()}'s
     * run and the Sobolev loss, bound on 2 splits per input checked at 10,000 points, seed 42, all processors.
     * Required: {@link #model}, {@link #data} and {@link #target}.
     */
    public static final class Builder {
        private Surrogate model;
        private ModelSchema schema;
        private Provenance.Parent parent;
        private Dataset data;
        private DatasetRef dataRef;
        private Saliency saliency = Saliency.INTERVAL;
        private Target target;
        private InputBox box;
        private double stepFraction = 0.5;
        private int retrainEpochs = 0;
        private Loss retrainLoss = Loss.VALUE;
        private double tolerance = Double.POSITIVE_INFINITY;
        private FineTuning fineTuning = FineTuning.NONE;
        private TrainingConfig tuning = TrainingConfig.builder().build();
        private Loss tuningLoss = Loss.SOBOLEV;
        private Dataset fineTuneData;
        private Dataset test;
        private int boundSplits = 2;
        private int boundSamples = 10_000;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * The model to prune.
         *
         * @param surrogate   the model
         * @param modelSchema its inputs, outputs and training domain
         * @param path        its model file (absolute), named as the parent of the result
         * @param provenance  the provenance stored with it (may be null)
         */
        public Builder model(Surrogate surrogate, ModelSchema modelSchema, Path path, JsonNode provenance) {
            model = surrogate;
            schema = modelSchema;
            parent = new Provenance.Parent(path.toAbsolutePath().toString(), surrogate.network().parameterCount(),
                    provenance);
            return this;
        }

        /** @param file a model file, read with its provenance */
        public Builder modelFile(Path file) {
            ModelFile.Loaded loaded = ModelFile.read(file);
            return model(loaded.model(), loaded.schema(), file, loaded.provenance());
        }

        /**
         * @param dataset the pruning data
         * @param source  where it came from
         */
        public Builder data(Dataset dataset, DatasetRef source) {
            data = dataset;
            dataRef = source;
            return this;
        }

        /** @param directory a data set directory, read */
        public Builder data(Path directory) {
            Dataset ds = DatasetReader.read(directory);
            return data(ds, DatasetRef.of(directory, ds));
        }

        /** @param s the ranking of units */
        public Builder saliency(Saliency s) {
            saliency = s;
            return this;
        }

        /** @param t target widths or budget */
        public Builder target(Target t) {
            target = t;
            return this;
        }

        /** @param b the input box in data units, or null for the data's range */
        public Builder box(InputBox b) {
            box = b;
            return this;
        }

        /** @param f share of each layer's surplus removed per step, in (0, 1] */
        public Builder stepFraction(double f) {
            stepFraction = f;
            return this;
        }

        /**
         * @param epochs epochs of retraining between steps (0: none)
         * @param loss   their loss
         */
        public Builder retrain(int epochs, Loss loss) {
            retrainEpochs = epochs;
            retrainLoss = loss;
            return this;
        }

        /** @param rmse largest admissible value RMSE on the test set, &gt; 0 (needs {@link #test}) */
        public Builder tolerance(double rmse) {
            tolerance = rmse;
            return this;
        }

        /** @param strategy the fine-tuning strategy */
        public Builder fineTuning(FineTuning strategy) {
            fineTuning = strategy;
            return this;
        }

        /**
         * @param config the run of fine-tuning and retraining
         * @param loss   the loss of fine-tuning
         */
        public Builder tuning(TrainingConfig config, Loss loss) {
            tuning = config;
            tuningLoss = loss;
            return this;
        }

        /** @param dataset labels for fine-tuning on data (default: the pruning data) */
        public Builder fineTuneData(Dataset dataset) {
            fineTuneData = dataset;
            return this;
        }

        /** @param dataset a test set with exact labels */
        public Builder test(Dataset dataset) {
            test = dataset;
            return this;
        }

        /** @param splits sub-boxes per input of the certified bound */
        public Builder boundSplits(int splits) {
            boundSplits = splits;
            return this;
        }

        /** @param samples random points of the sampled check */
        public Builder boundSamples(int samples) {
            boundSamples = samples;
            return this;
        }

        /** @param s seed of fine-tuning and of the sampled check */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** @param n worker threads */
        public Builder threads(int n) {
            threads = n;
            return this;
        }

        /**
         * The request.
         *
         * @throws InvalidParameterException naming a setting outside its domain
         */
        public Request build() {
            return new Request(model, schema, parent, data, dataRef, saliency, target, box, stepFraction, retrainEpochs,
                    retrainLoss, tolerance, fineTuning, tuning, tuningLoss, fineTuneData, test, boundSplits,
                    boundSamples, seed, threads);
        }
    }

    /**
     * The pruning configuration as the provenance records it (section {@code pruning}).
     *
     * @param saliency      the ranking
     * @param targetWidths  the resolved target widths
     * @param stepFraction  share of the surplus per step
     * @param tolerance     the tolerance, or +∞ for none (then not recorded)
     * @param retrainEpochs epochs of retraining between steps
     * @param retrainLoss   their loss
     * @param fineTuning    the fine-tuning strategy
     * @param tuning        the fine-tuning run (recorded unless the strategy is {@link FineTuning#NONE})
     */
    public record Configuration(Saliency saliency, int[] targetWidths, double stepFraction, double tolerance,
                                int retrainEpochs, Loss retrainLoss, FineTuning fineTuning,
                                TrainJob.Configuration tuning) implements Provenance.Section {
        /** Copies the widths. */
        public Configuration {
            targetWidths = targetWidths.clone();
        }

        /** A copy of the target widths. */
        @Override
        public int[] targetWidths() {
            return targetWidths.clone();
        }

        @Override
        public String name() {
            return Provenance.Job.PRUNE.section();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode p = MAPPER.createObjectNode();
            p.put("method", saliency.label());
            p.put("targetWidths", Arrays.toString(targetWidths));
            p.put("stepFraction", stepFraction);
            if (Double.isFinite(tolerance)) {
                p.put("tolerance", tolerance);
            }
            p.put("retrainEpochs", retrainEpochs);
            p.put("retrainLoss", retrainLoss.label());
            p.put("finetune", fineTuning.label());
            if (fineTuning != FineTuning.NONE) {
                p.set("training", tuning.optimisationJson());
            }
            return p;
        }
    }

    /**
     * What pruning measured (section {@code result}): the steps, the bound and, when fine-tuning diverged and kept
     * its best weights, why.
     *
     * @param steps          the pruning steps
     * @param bound          the certified bound over the box
     * @param sampled        the largest sampled differences
     * @param box            the box, in data units
     * @param fineTuningStop the diverged fine-tuning's stop reason naming the epoch kept, or null if it did not
     *                       diverge
     */
    public record Outcome(List<Pruner.Step> steps, CertifiedBound bound, CertifiedBound sampled, InputBox box,
                          String fineTuningStop)
            implements Provenance.Section {
        /** Copies the steps. */
        public Outcome {
            steps = List.copyOf(steps);
        }

        @Override
        public String name() {
            return Provenance.OUTCOME;
        }

        /** {@code {"steps": stepsJson(), "bound": boundJson()}} and {@code fineTuningDiverged} with the reason. */
        @Override
        public ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.set("steps", stepsJson());
            o.set("bound", boundJson());
            if (fineTuningStop != null) {
                o.put("fineTuningDiverged", fineTuningStop);
            }
            return o;
        }

        /** One object per step: {@code step}, {@code widths}, {@code params} and, with a test set, {@code validationRmse}. */
        public ArrayNode stepsJson() {
            ArrayNode a = MAPPER.createArrayNode();
            for (Pruner.Step s : steps) {
                ObjectNode o = a.addObject();
                o.put("step", s.step());
                o.put("widths", Arrays.toString(s.widths()));
                o.put("params", s.parameters());
                if (!Double.isNaN(s.validationRmse())) {
                    o.put("validationRmse", s.validationRmse());
                }
            }
            return a;
        }

        /**
         * The bound: {@code value}, {@code delta} (per input), {@code boxes}, the sampled {@code sampledValue},
         * {@code sampledDelta} and {@code samples}, and the box {@code boxLower}, {@code boxUpper}.
         */
        public ObjectNode boundJson() {
            ObjectNode b = MAPPER.createObjectNode();
            b.put("value", bound.value());
            b.set("delta", array(bound.gradient()));
            b.put("boxes", bound.boxes());
            b.put("sampledValue", sampled.value());
            b.set("sampledDelta", array(sampled.gradient()));
            b.put("samples", sampled.boxes());
            b.set("boxLower", array(box.lower()));
            b.set("boxUpper", array(box.upper()));
            return b;
        }

        private static ArrayNode array(double[] v) {
            ArrayNode a = MAPPER.createArrayNode();
            for (double x : v) {
                a.add(x);
            }
            return a;
        }
    }

    /**
     * Metrics of output 0 on the test set.
     *
     * @param original  of the original model
     * @param pruned    of the pruned model before fine-tuning
     * @param finetuned of the fine-tuned model, or null without fine-tuning
     */
    public record TestMetrics(Metrics original, Metrics pruned, Metrics finetuned) {
    }

    /**
     * A pruned model.
     *
     * @param original     the model pruned
     * @param pruned       the pruned model before fine-tuning
     * @param model        the result: the fine-tuned model (the pruned one without fine-tuning)
     * @param schema       the parent's inputs, outputs and training domain, which the result keeps
     * @param stopReason   why pruning stopped
     * @param outcome      steps, certified and sampled bound, box
     * @param test         test metrics, or null without a test set
     * @param pruneSeconds wall time of pruning
     * @param seconds      wall time of pruning and fine-tuning
     * @param provenance   data set, configuration, seed, outcome and parent, for the model file
     */
    public record Result(Surrogate original, Surrogate pruned, Surrogate model, ModelSchema schema, String stopReason, Outcome outcome,
                         TestMetrics test, double pruneSeconds, double seconds, Provenance provenance) {
    }

    /**
     * Prunes, fine-tunes and certifies.
     *
     * @param request what to prune and how
     * @param listener receives each pruning step and retraining epoch as it finishes (may be null)
     * @return the models, steps, bound, metrics, timings and provenance
     * @throws InvalidParameterException if the request does not fit the model or the data ({@code data},
     *                                   {@code box}, {@code loss}, or the pruner's and the bound's settings)
     * @throws IllegalStateException     if a sampled difference exceeds the certified bound (a defect)
     */
    public static Result run(Request request, Pruner.Listener listener) {
        Surrogate original = request.model();
        Mlp net = original.network();
        int d = original.inputs();
        CertifiedBound.checkSplits(request.boundSplits(), d);
        int[] widths = request.target().resolve(net);
        Dataset ds = request.data();
        if (ds.inputDim() != d) {
            throw new InvalidParameterException("data", "has " + ds.inputDim() + " inputs, the model takes " + d);
        }
        InputBox box = request.box() == null ? InputBox.range(ds) : request.box();
        if (box.dimension() != d) {
            throw new InvalidParameterException("box", "has " + box.dimension() + " intervals, the model takes " + d
                    + " inputs");
        }
        boolean sobolev = request.tuningLoss().sobolev();
        FineTuning strategy = request.fineTuning();
        boolean retrainSobolev = request.retrainLoss().sobolev();
        boolean needsGradients = sobolev && (strategy == FineTuning.DATA
                || request.retrainEpochs() > 0 && retrainSobolev);
        if (needsGradients && !ds.hasGradients()) {
            throw new InvalidParameterException("loss", "sobolev needs dYdX in " + request.dataRef().path()
                    + "; use value");
        }
        TrainingConfig tuning = FineTuneJob.resolve(request.tuning().toBuilder().seed(request.seed())
                .threads(request.threads()).build(), request.tuningLoss(), d);
        TrainingConfig retrain = request.retrainEpochs() == 0 ? null : retrainSobolev
                ? tuning.withEpochs(request.retrainEpochs()) : tuning.withEpochs(request.retrainEpochs()).valuesOnly();
        TrainingData pruneData = TrainingData.of(ds, sobolev && ds.hasGradients(), false);
        TrainingData validation = request.test() == null ? null : TrainingData.of(request.test(), false, false);

        long t0 = System.nanoTime();
        Pruner.Result pruned = Pruner.prune(original, pruneData, box, new Pruner.Config(request.saliency(), widths,
                request.stepFraction(), request.tolerance(), retrain), validation, listener);
        double pruneSeconds = (System.nanoTime() - t0) / 1e9;
        FineTuning.Result tuned = FineTuneJob.tune(pruned.model(), original, strategy,
                strategy == FineTuning.DATA && request.fineTuneData() != null ? request.fineTuneData() : ds, tuning,
                request.tuningLoss(), null);
        Surrogate result = tuned.model();
        double seconds = (System.nanoTime() - t0) / 1e9;

        CertifiedBound bound = CertifiedBound.of(original, result, box, request.boundSplits());
        CertifiedBound sampled = CertifiedBound.sampled(original, result, box, request.boundSamples(),
                RandomStreams.of(request.seed(), RandomStreams.AUXILIARY).next());
        if (!bound.covers(sampled)) {
            throw new IllegalStateException("certified bound violated by sampling (a defect, please report): bound "
                    + bound + ", sampled " + sampled);
        }
        TestMetrics test = request.test() == null ? null : new TestMetrics(Metrics.of(original, request.test(), 0),
                Metrics.of(pruned.model(), request.test(), 0),
                strategy == FineTuning.NONE ? null : Metrics.of(result, request.test(), 0));
        Outcome outcome = new Outcome(pruned.steps(), bound, sampled, box,
                tuned.history() != null && tuned.history().diverged() ? tuned.history().stopReason() : null);
        Configuration configuration = new Configuration(request.saliency(), widths, request.stepFraction(),
                request.tolerance(), request.retrainEpochs(), request.retrainLoss(), strategy,
                new TrainJob.Configuration(tuning, request.tuningLoss()));
        Provenance provenance = Provenance.of(Provenance.Job.PRUNE, request.seed(), request.dataRef(), configuration,
                outcome, request.parent());
        return new Result(original, pruned.model(), result, request.schema(), pruned.stopReason(), outcome, test, pruneSeconds, seconds,
                provenance);
    }
}
