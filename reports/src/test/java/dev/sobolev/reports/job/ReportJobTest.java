package dev.sobolev.reports.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.dataset.DatasetWriter;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.job.PruneJob;
import dev.sobolev.reports.MetricsFixtures;
import dev.sobolev.reports.browser.Chromium;
import dev.sobolev.reports.html.ReportRenderer;
import dev.sobolev.reports.metrics.LearningCurves;
import dev.sobolev.reports.metrics.SlideFigures;
import dev.sobolev.reports.metrics.ValidationMetrics;
import dev.sobolev.reports.model.LearningCurve;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.PruningTrace;
import dev.sobolev.reports.model.SlideTable;
import dev.sobolev.reports.model.ValidationReport;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.TrainingConfig;

/** The report job on a tiny Kichler set: a 7 → 8×2 → 1 net trained for 3 epochs, pruned to 4×2, fine-tuned on NN data. */
class ReportJobTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path test;
    static Path parent;
    static Path pruned;

    @BeforeAll
    static void models() {
        data = MetricsFixtures.kichler(dir.resolve("ds"), 512, 200);
        test = data.resolve("test");
        TrainingConfig config = TrainingConfig.builder().hidden(8, 8).activation(Activation.SILU).epochs(3)
                .batchSize(64).seed(3).threads(2).build();
        TrainJob.Result trained = TrainJob.run(TrainJob.Request.read(data, config, Loss.SOBOLEV), null);
        parent = ModelFile.write(trained.model(), trained.schema(), trained.provenance().toJson(),
                dir.resolve("parent.json"));
        PruneJob.Result p = PruneJob.run(PruneJob.Request.builder().modelFile(parent).data(data)
                .target(PruneJob.Target.widths(4)).fineTuning(FineTuning.NN)
                .tuning(TrainingConfig.builder().epochs(2).batchSize(64).build(), Loss.SOBOLEV)
                .boundSamples(200).seed(9).threads(2).build(), null);
        pruned = ModelFile.write(p.model(), p.schema(), p.provenance().toJson(), dir.resolve("pruned.json"));
    }

    @Test
    void reportsAPrunedModelBesideItsParent() {
        ValidationReport r = ReportJob.run(new ReportJob.Request(pruned, test, parent, null));
        Dataset t = DatasetReader.read(test);
        assertEquals(List.of("oversized", "finetuned-nn"), r.models().stream().map(ModelEvaluation::stage).toList());
        // the pooled rows are eval's figures
        Metrics eval = Metrics.of(ModelFile.read(pruned).model(), t, 0);
        assertEquals(eval.r2Value(), ValidationMetrics.r2(r.metrics(), "finetuned-nn", "price", "value", "all"));
        assertEquals(eval.r2Gamma(), ValidationMetrics.r2(r.metrics(), "finetuned-nn", "price", "gamma", "all"));
        assertEquals(List.of(7, 8, 8, 1), r.models().get(0).widths());
        assertEquals(List.of(7, 4, 4, 1), r.models().get(1).widths());
        assertEquals(200, r.models().get(1).level().size());
        assertEquals("basket level", r.models().get(1).levelName());

        // learning curves: the parent's 3 epochs as its provenance records them (a pruned model's records none)
        assertEquals(List.of("oversized"), r.learningCurves().stream().map(LearningCurve::name).toList());
        assertEquals(3, r.learningCurves().get(0).trainLoss().size());

        PruningTrace trace = r.pruning().orElseThrow();
        assertEquals("interval", trace.method());
        assertEquals(0, trace.steps().get(0).step());
        assertEquals(List.of(8, 8), trace.steps().get(0).widths());
        assertEquals(List.of(4, 4), trace.steps().get(trace.steps().size() - 1).widths());
        assertTrue(Double.isNaN(trace.steps().get(1).r2Value()));
        assertEquals(2, trace.significance().size());
        assertEquals(8, trace.significance().get(1).size());
        assertTrue(trace.significance().get(0).stream().allMatch(v -> v >= 0));
        assertEquals(200, trace.bound().samples());
        assertTrue(trace.bound().sampledValue() <= trace.bound().value());
        assertEquals(7, trace.bound().lower().size());

        SlideTable slide = r.slide().orElseThrow();
        assertEquals(List.of(SlideFigures.OVERSIZED, SlideFigures.FINETUNED_NN),
                slide.rows().stream().map(SlideTable.Row::stage).toList());
        assertEquals(0.999805, slide.rows().get(1).slideValue());
        assertEquals(eval.r2Delta(), slide.rows().get(1).delta());

        assertEquals(512, r.dataset().orElseThrow().rows());
        assertEquals(200, r.dataset().orElseThrow().testRows());
        assertTrue(r.dataset().orElseThrow().noiseSd() > 0);
        assertFalse(r.priceCheck().isPresent() || r.garch().isPresent());
        assertTrue(r.protocol().stream().anyMatch(f -> f.name().equals("finetuned-nn pruning finetune")
                && f.value().equals("nn")), r.protocol().toString());
        assertTrue(r.protocol().stream().anyMatch(f -> f.name().equals("oversized training epochs")
                && f.value().equals("3")), r.protocol().toString());
        assertEquals(List.of("sobolev report --model " + pruned + " --test " + test + " --parent " + parent),
                r.provenance().commands());
        assertTrue(r.provenance().seeds().stream().anyMatch(f -> f.name().equals("finetuned-nn")
                && f.value().equals("9")));
        assertTrue(r.provenance().machine().stream().anyMatch(f -> f.name().equals("available processors")));
    }

    @Test
    void aTrainedModelAloneWithAHistoryFile() throws IOException {
        List<LearningCurve> curves = List.of(new LearningCurve("mine", List.of(1.0, 0.5), List.of(1.1, 0.6)));
        Path history = Files.writeString(dir.resolve("h.csv"), LearningCurves.csv(curves));
        ValidationReport r = ReportJob.run(new ReportJob.Request(parent, test, null, history));
        assertEquals(List.of("trained"), r.models().stream().map(ModelEvaluation::stage).toList());
        assertEquals(curves, r.learningCurves());
        assertTrue(r.pruning().isEmpty());
        assertEquals(List.of(SlideFigures.OVERSIZED),
                r.slide().orElseThrow().rows().stream().map(SlideTable.Row::stage).toList());
    }

    @Test
    void aModelFineTunedAfterPruningFindsThePruningInItsLineage() {
        // the provenance a separate fine-tuning job writes: job finetune, section fineTuning, its losses, and the
        // pruned model as its parent
        ModelFile.Loaded p = ModelFile.read(pruned);
        ObjectNode provenance = new ObjectMapper().createObjectNode();
        provenance.put("software", "sobolev test").put("job", "finetune").put("seed", 11);
        provenance.putObject("data").put("path", data.toAbsolutePath().toString());
        provenance.putObject("fineTuning").put("finetune", "data");
        provenance.putObject("result").putArray("trainLoss").add(0.02).add(0.01);
        provenance.putObject("parent").put("path", pruned.toAbsolutePath().toString())
                .put("params", p.model().network().parameterCount()).set("provenance", p.provenance());
        Path tuned = ModelFile.write(p.model(), p.schema(), provenance, dir.resolve("tuned.json"));
        ValidationReport r = ReportJob.run(new ReportJob.Request(tuned, test, parent, null));
        assertEquals(List.of("oversized", "finetuned-data"), r.models().stream().map(ModelEvaluation::stage).toList());
        assertEquals(List.of("oversized", "finetuned-data"),
                r.learningCurves().stream().map(LearningCurve::name).toList());
        assertEquals(List.of(0.02, 0.01), r.learningCurves().get(1).trainLoss());
        PruningTrace trace = r.pruning().orElseThrow();
        assertEquals(List.of(8, 8), trace.steps().get(0).widths());
        assertEquals(2, trace.significance().size());
        assertEquals(List.of(SlideFigures.OVERSIZED, SlideFigures.FINETUNED_BACHELIER),
                r.slide().orElseThrow().rows().stream().map(SlideTable.Row::stage).toList());
        assertTrue(r.protocol().stream().anyMatch(f -> f.name().equals("finetuned-nn pruning method")), r.protocol()
                .toString());

        // without the parent file, step 0 comes from the widths and parameter count the lineage records
        ValidationReport alone = ReportJob.run(new ReportJob.Request(tuned, test, null, null));
        PruningTrace t = alone.pruning().orElseThrow();
        assertEquals(List.of(8, 8), t.steps().get(0).widths());
        assertEquals(ModelFile.read(parent).model().network().parameterCount(), t.steps().get(0).parameters());
        assertTrue(t.significance().isEmpty());
        // the pruned model is in the lineage too, so it is an admissible parent (it was fine-tuned by the prune job)
        assertEquals(List.of("finetuned-nn", "finetuned-data"), ReportJob.run(new ReportJob.Request(tuned, test, pruned,
                null)).models().stream().map(ModelEvaluation::stage).toList());
    }

    /** The assembled report as a page: every plot draws in headless Chromium, offline, with a clean console. */
    @Test
    void theAssembledReportDrawsEveryPlotInABrowser() throws Exception {
        Chromium.assumeAvailable();
        ValidationReport r = ReportJob.run(new ReportJob.Request(pruned, test, parent, null));
        Path target = Files.createDirectories(Path.of("target"));
        Path html = Files.writeString(target.resolve("report-job.html"), ReportRenderer.render(r));
        Chromium.Page page = Chromium.open(html, target.resolve("report-job.png"));
        // parity of value, 7 deltas and gamma (both models in each); error against level per model; learning
        // curves; pruning trajectory and significance
        assertEquals(1 + 7 + 1 + 2 + 1 + 2, page.plots());
        assertEquals(page.plots(), page.drawnPlots());
        assertEquals(List.of(), page.consoleErrors());
        assertEquals(List.of(), page.externalRequests());
    }

    private static InvalidParameterException refused(ReportJob.Request request) {
        return assertThrows(InvalidParameterException.class, () -> ReportJob.run(request));
    }

    @Test
    void badInputsAreRefusedNamingTheParameterAndThePath() throws IOException {
        InvalidParameterException e = refused(new ReportJob.Request(pruned, dir.resolve("nope"), null, null));
        assertEquals("test", e.parameter());
        assertTrue(e.detail().startsWith(dir.resolve("nope") + ": "), e.getMessage());
        e = refused(new ReportJob.Request(dir.resolve("nope.json"), test, null, null));
        assertEquals("model", e.parameter());
        assertTrue(e.detail().startsWith(dir.resolve("nope.json") + ": "), e.getMessage());
        e = refused(new ReportJob.Request(pruned, data, null, null));
        assertEquals("test", e.parameter());
        assertTrue(e.detail().contains("is a training set"), e.getMessage());
        e = refused(new ReportJob.Request(pruned, dir, null, null));
        assertEquals("test", e.parameter());
        Dataset t = DatasetReader.read(test);
        Path valuesOnly = DatasetWriter.write(dir.resolve("values-only"), DatasetFormat.NPY,
                Dataset.builder(t.rows(), 7).x(t.xArray()).y(t.yArray()).meta(t.meta().orElseThrow()).build());
        e = refused(new ReportJob.Request(pruned, valuesOnly, null, null));
        assertEquals("test", e.parameter());
        assertTrue(e.detail().contains("has no exact deltas"), e.getMessage());
        Path three = MetricsFixtures.kichler(dir.resolve("three"), 64, 16, 3).resolve("test");
        e = refused(new ReportJob.Request(pruned, three, null, null));
        assertEquals("model", e.parameter());
        assertTrue(e.detail().contains("takes 7 inputs"), e.getMessage());
        // the parent of a pruned model must be the one it was pruned from
        e = refused(new ReportJob.Request(pruned, test, pruned, null));
        assertEquals("parent", e.parameter());
        assertTrue(e.detail().contains("parameters"), e.getMessage());
        e = refused(new ReportJob.Request(pruned, test, parent, dir.resolve("missing.csv")));
        assertEquals("history", e.parameter());
    }
}
