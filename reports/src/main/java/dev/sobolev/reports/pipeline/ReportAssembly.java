package dev.sobolev.reports.pipeline;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.sobolev.core.Version;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.reports.html.ReportRenderer;
import dev.sobolev.reports.metrics.DatasetSummaries;
import dev.sobolev.reports.metrics.LearningCurves;
import dev.sobolev.reports.metrics.Machine;
import dev.sobolev.reports.metrics.SlideFigures;
import dev.sobolev.reports.metrics.ValidationMetrics;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.LearningCurve;
import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.PruningTrace;
import dev.sobolev.reports.model.RunProvenance;
import dev.sobolev.reports.model.SlideTable;
import dev.sobolev.reports.model.ValidationReport;
import dev.sobolev.surrogate.io.ModelFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The report stage's work: assembles the pipeline's {@link ValidationReport} from the earlier stages' artefacts
 * and results, renders it ({@link ReportRenderer}) and writes it with the learning curves and the pruning steps as
 * CSV.
 */
final class ReportAssembly {
    /** The slide's names of {@link Pipeline#MODELS}, in that order. */
    private static final List<String> SLIDE_ROWS = List.of(SlideFigures.OVERSIZED, SlideFigures.PRUNED,
            SlideFigures.FINETUNED_NN, SlideFigures.FINETUNED_BACHELIER);

    private ReportAssembly() {
    }

    /**
     * Writes the report and its CSV tables.
     *
     * @param out      the pipeline directory
     * @param protocol the protocol
     * @param threads  worker threads of the run
     * @param stages   the results of the stages before the report
     * @param html     the report file
     * @param curves   the learning curves' CSV file
     * @param steps    the pruning steps' CSV file
     * @throws IOException if a file cannot be written
     */
    static void write(Path out, Protocol protocol, int threads, List<Pipeline.StageResult> stages, Path html,
                      Path curves, Path steps) throws IOException {
        ValidationReport report = assemble(out, protocol, threads, stages);
        AtomicFiles.writeString(curves, LearningCurves.csv(report.learningCurves()));
        AtomicFiles.writeString(steps, stepsCsv(report.pruning().orElseThrow()));
        AtomicFiles.writeString(html, ReportRenderer.render(report));
    }

    /** The report of a finished run's artefacts ({@link #write} renders it). */
    static ValidationReport assemble(Path out, Protocol protocol, int threads, List<Pipeline.StageResult> stages) {
        Pipeline.DatasetStage data = find(stages, Pipeline.DatasetStage.class);
        Pipeline.PruneStage prune = find(stages, Pipeline.PruneStage.class);
        Dataset test = DatasetReader.read(data.test());
        List<ModelEvaluation> models = new ArrayList<>();
        List<MetricsRow> metrics = new ArrayList<>();
        List<SlideTable.Row> slide = new ArrayList<>();
        List<LearningCurve> curves = new ArrayList<>();
        for (int i = 0; i < SLIDE_ROWS.size(); i++) {
            String stage = Pipeline.MODELS.get(i).stage();
            Path file = out.resolve(Pipeline.MODELS.get(i).file());
            ModelFile.Loaded m = ModelFile.read(file);
            models.add(ValidationMetrics.evaluate(stage, file.toString(), m.model(), test, protocol.parityPoints()));
            List<MetricsRow> rows = ValidationMetrics.of(stage, m.model(), test);
            metrics.addAll(rows);
            slide.add(SlideFigures.row(SLIDE_ROWS.get(i), m.model().network().parameterCount(), rows));
            if (stage.equals("oversized")) {
                LearningCurves.fromProvenance("oversized", m.provenance()).ifPresent(curves::add);
                curves.addAll(prune.retraining());
            } else if (stage.startsWith("finetuned")) {
                LearningCurves.fromProvenance("fine-tuning " + stage.substring("finetuned-".length()),
                        m.provenance()).ifPresent(curves::add);
            }
        }
        Dataset training = DatasetReader.read(data.training());
        String title = String.format(Locale.ROOT, "Sobolev pipeline: Kichler recipe, d = %d, seed %d%s",
                protocol.dimension(), protocol.seed(), protocol.equals(Protocol.quick(protocol.seed())) ? " (quick)"
                        : "");
        return new ValidationReport(title, protocol.facts(), models, metrics, curves, Optional.of(prune.trace()),
                Optional.of(new SlideTable(SlideFigures.SOURCE, slide)),
                Optional.of(DatasetSummaries.of(data.training(), training, data.testRows())),
                Optional.of(find(stages, Pipeline.PriceCheck.class).summary()),
                Optional.of(find(stages, Pipeline.GarchStage.class).summary()),
                provenance(out, protocol, threads, stages));
    }

    private static <T extends Pipeline.StageResult> T find(List<Pipeline.StageResult> stages, Class<T> type) {
        return stages.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static RunProvenance provenance(Path out, Protocol protocol, int threads,
                                            List<Pipeline.StageResult> stages) {
        List<Fact> software = List.of(new Fact("sobolev", Version.get()),
                new Fact("java", System.getProperty("java.version")));
        List<Fact> seeds = List.of(new Fact("run (Monte Carlo, data set, training, pruning, fine-tuning)",
                Long.toString(protocol.seed())), new Fact("exact fine-tuning labels", Long.toString(protocol.exactSeed())));
        List<Fact> configuration = List.of(new Fact("output directory", out.toString()),
                new Fact("threads", Integer.toString(threads)));
        List<Fact> timings = new ArrayList<>();
        for (Pipeline.StageResult s : stages) {
            timings.add(new Fact(s.name(), String.format(Locale.ROOT, "%.1f s (%s)", s.seconds(), s.status().label())));
        }
        return new RunProvenance(software, seeds, commands(out, protocol), configuration, timings, Machine.facts());
    }

    /** The {@code sobolev} commands that write the same artefacts (the fine-tuned weights through {@code prune}). */
    static List<String> commands(Path out, Protocol p) {
        String d = out.toString();
        String tuning = String.format(Locale.ROOT, "--loss sobolev --alpha %s --no-lambda --optimizer adam --lr %s "
                + "--schedule cosine --epochs %d --batch %d --seed %d", num(p.alpha()), num(p.tuningLearningRate()),
                p.fineTuneEpochs(), p.tuningBatch(), p.seed());
        String prune = String.format(Locale.ROOT, "sobolev prune --model %s/%s --data %s/%s --test %s/%s/test "
                + "--width %d --method %s --step-fraction %s --retrain-epochs %d --retrain-loss sobolev "
                + "--bound-splits %d --bound-samples %d %s", d, Pipeline.OVERSIZED, d, Pipeline.DATASET, d,
                Pipeline.DATASET, p.targetWidth(), p.saliency().label(), num(p.stepFraction()), p.retrainEpochs(),
                p.boundSplits(), p.boundSamples(), tuning);
        return List.of(
                String.format(Locale.ROOT, "sobolev price bachelier --spots 100,95,105 --weights 0.5,0.3,0.2 "
                        + "--vols 20,15,25 --corr \"1,0.5,0.3;0.5,1,0.4;0.3,0.4,1\" --strike 100 --maturity 1 --paths %d "
                        + "--seed %d", p.pricePaths(), p.seed()),
                String.format(Locale.ROOT, "sobolev dataset bachelier --recipe kichler --dim %d --size %d "
                        + "--test-size %d --seed %d --out %s/%s", p.dimension(), p.rows(), p.testRows(), p.seed(), d,
                        Pipeline.DATASET),
                String.format(Locale.ROOT, "sobolev dataset bachelier --recipe kichler --dim %d --size 16 "
                        + "--test-size %d --seed %d --out %s/%s", p.dimension(), p.exactRows(), p.exactSeed(), d,
                        Pipeline.EXACT),
                String.format(Locale.ROOT, "sobolev train --data %s/%s --hidden %dx%d --activation %s "
                        + "--normalisation %s --batch %d --seed %d --loss sobolev --alpha %s --no-lambda --optimizer "
                        + "adam --lr %s --schedule cosine --epochs %d --out %s/%s", d, Pipeline.DATASET, p.width(),
                        p.depth(), p.activation().label(), p.normalisation().name().toLowerCase(Locale.ROOT),
                        p.batch(), p.seed(), num(p.alpha()), num(p.learningRate()), p.epochs(), d,
                        Pipeline.OVERSIZED),
                prune + " --finetune none --out " + d + "/" + Pipeline.PRUNED,
                prune + " --finetune nn --out " + d + "/" + Pipeline.FINETUNED_NN,
                prune + " --finetune data --finetune-data " + d + "/" + Pipeline.EXACT + "/test --out " + d + "/"
                        + Pipeline.FINETUNED_EXACT,
                "sobolev eval --model " + d + "/" + Pipeline.FINETUNED_EXACT + " --test " + d + "/" + Pipeline.DATASET
                        + "/test",
                "sobolev garch fit --data " + d + "/" + Pipeline.SERIES + " --horizon " + p.garchHorizon());
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The pruning steps as CSV: step, widths, parameters, test R² of value, delta and gamma, value RMSE. */
    static String stepsCsv(PruningTrace trace) {
        IntColumn step = IntColumn.create("step");
        StringColumn widths = StringColumn.create("widths");
        IntColumn parameters = IntColumn.create("parameters");
        DoubleColumn value = DoubleColumn.create("r2Value");
        DoubleColumn delta = DoubleColumn.create("r2Delta");
        DoubleColumn gamma = DoubleColumn.create("r2Gamma");
        DoubleColumn rmse = DoubleColumn.create("validationRmse");
        for (PruningTrace.Step s : trace.steps()) {
            step.append(s.step());
            widths.append(s.widths().toString());
            parameters.append(s.parameters());
            value.append(s.r2Value());
            delta.append(s.r2Delta());
            gamma.append(s.r2Gamma());
            rmse.append(s.validationRmse());
        }
        StringWriter w = new StringWriter();
        Table.create("pruning-steps", step, widths, parameters, value, delta, gamma, rmse).write().csv(w);
        return w.toString();
    }
}
