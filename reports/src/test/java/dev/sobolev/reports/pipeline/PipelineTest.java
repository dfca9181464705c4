package dev.sobolev.reports.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.reports.browser.Chromium;
import dev.sobolev.reports.model.LearningCurve;
import dev.sobolev.reports.model.PruningTrace;
import dev.sobolev.reports.model.ValidationReport;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.train.TrainingDivergedException;

/** The pipeline library job on a tiny protocol (a few seconds): progress, typed results and the report's parts. */
class PipelineTest {
    @TempDir
    Path out;

    /** 7 → 16×2 → 1 pruned to 4 per layer: 16 → 10 → 7 → 5 → 4, four steps. */
    private static Protocol tiny() {
        return tiny(3e-3);
    }

    private static Protocol tiny(double learningRate) {
        Protocol f = Protocol.full(11);
        return new Protocol(11, 20_000, 7, 512, 256, Protocol.EXACT_SEED, 256, 16, 2, f.activation(),
                f.normalisation(), 128, 0.125, learningRate, 3, f.saliency(), 4, 0.5, 1, 0.003, 128, 2, 2, 100, 5,
                50);
    }

    /**
     * A diverging training (Adam at a rate of 10⁸) stops the run with the trainer's exception (the command's exit
     * code 4) and writes nothing for the train stage; a rerun with a sane rate reuses the stages before it.
     */
    @Test
    void aDivergingTrainingStopsTheRunAndWritesNothingForItsStage() {
        assertThrows(TrainingDivergedException.class, () -> Pipeline.run(new Pipeline.Settings(out, tiny(1e8), 2),
                null));
        assertFalse(Files.exists(out.resolve(Pipeline.OVERSIZED)));
        assertFalse(Files.exists(out.resolve("train.manifest.json")));
        Pipeline.Result r = Pipeline.run(new Pipeline.Settings(out, tiny(), 2), null);
        assertEquals(Pipeline.Status.REUSED, r.stages().get(1).status());
        assertEquals(Pipeline.Status.DONE, r.stages().get(2).status());
    }

    @Test
    void everyStageReportsItsUnitsAndTheReportHasEveryPart() {
        Map<String, Long> units = new LinkedHashMap<>();
        Map<String, Long> done = new LinkedHashMap<>();
        List<String> finished = new ArrayList<>();
        Pipeline.Result r = Pipeline.run(new Pipeline.Settings(out, tiny(), 2), new PipelineListener() {
            @Override
            public void stageStarted(String stage, long n) {
                units.put(stage, n);
            }

            @Override
            public void progress(String stage, long d, String message) {
                assertTrue(d <= units.get(stage), stage + " " + d + " " + message);
                done.put(stage, d);
            }

            @Override
            public void stageFinished(Pipeline.StageResult result) {
                finished.add(result.name());
            }
        });
        assertEquals(List.of("price-check", "dataset", "train", "prune", "finetune", "eval", "garch", "report"),
                finished);
        // rows of both data sets (the exact one has 16 training rows), epochs, 4 steps of 1 epoch and the step,
        // both fine-tunings
        assertEquals(Map.of("price-check", 0L, "dataset", 512 + 256 + 16 + 256L, "train", 3L, "prune", 8L,
                "finetune", 4L, "eval", 0L, "garch", 0L, "report", 0L), units);
        assertEquals(Map.of("dataset", 512 + 256 + 16 + 256L, "train", 3L, "prune", 8L, "finetune", 4L), done);
        Pipeline.PruneStage prune = (Pipeline.PruneStage) r.stages().get(3);
        List<PruningTrace.Step> steps = prune.trace().steps();
        assertEquals(List.of(16, 10, 7, 5, 4), steps.stream().map(s -> s.widths().get(0)).toList());
        Pipeline.EvalStage eval = (Pipeline.EvalStage) r.stages().get(5);
        Metrics oversized = eval.models().get(0).metrics();
        assertEquals(oversized.r2Value(), steps.get(0).r2Value(), 0.0, "step 0 is the oversized model");
        assertEquals(eval.models().get(1).metrics().r2Gamma(), steps.get(4).r2Gamma(), 0.0, "the last step is pruned");
        assertEquals(2, prune.trace().significance().size());
        assertEquals(16, prune.trace().significance().get(0).size());
        assertEquals(r.result().metrics().r2Value(), eval.models().get(3).metrics().r2Value(), 0.0);

        ValidationReport report = ReportAssembly.assemble(out, tiny(), 2, r.stages());
        assertEquals(4, report.models().size());
        assertEquals(List.of("oversized", "retraining step 1", "retraining step 2", "retraining step 3",
                "retraining step 4", "fine-tuning nn", "fine-tuning exact"), report.learningCurves().stream()
                .map(LearningCurve::name).toList());
        assertEquals(4, report.slide().orElseThrow().rows().size());
        assertTrue(report.pruning().isPresent() && report.dataset().isPresent() && report.priceCheck().isPresent()
                && report.garch().isPresent());
        assertEquals(1974, report.garch().orElseThrow().conditionalVariance().size());
        assertEquals(5, report.garch().orElseThrow().forecasts().size());
        assertEquals(9, report.provenance().commands().size());
        assertEquals(8, report.provenance().timings().size());
        assertTrue(Files.isRegularFile(r.report()));
    }

    /**
     * The report of {@code pipeline --quick} ({@link Protocol#quick}) in headless Chromium, offline: every plot
     * draws, the console stays clean, nothing is requested, and no script, style or image refers to an http(s)
     * address; the screenshot stays in {@code target/pipeline-report-screenshot.png}.
     */
    @Test
    void theQuickPipelinesReportDrawsEveryPlotOffline() throws Exception {
        Chromium.assumeAvailable();
        Pipeline.Result r = Pipeline.run(new Pipeline.Settings(out, Protocol.quick(42), 2), null);
        String html = Files.readString(r.report());
        assertFalse(Pattern.compile("<(script|img|link|iframe)[^>]*\\b(src|href)=", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "no script, image or style is loaded from elsewhere");
        // markup and style outside the inline scripts (plotly's bundle holds its logo link as a string literal,
        // which displaylogo: false leaves unused)
        String markup = html.replaceAll("(?s)<script[^>]*>.*?</script>", "");
        assertFalse(Pattern.compile("(src|href)=[\"']?https?:|url\\(['\"]?https?:|@import", Pattern.CASE_INSENSITIVE)
                .matcher(markup).find(), "no http(s) reference in the markup or the stylesheet");
        Path screenshot = Path.of("target", "pipeline-report-screenshot.png");
        Files.createDirectories(screenshot.getParent());
        Chromium.Page page = Chromium.open(r.report(), screenshot);
        assertTrue(page.plots() > 0);
        assertEquals(page.plots(), page.drawnPlots(), "every plot drew a trace into its SVG");
        assertEquals(List.of(), page.consoleErrors());
        assertEquals(List.of(), page.externalRequests());
    }
}
