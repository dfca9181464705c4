package dev.sobolev.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.reports.html.ReportRenderer;
import dev.sobolev.reports.job.ReportJob;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev report}: a model's validation report as one self-contained HTML file ({@link ReportJob}). */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the validation report of a model on a test set with exact labels as one HTML file that "
                + "opens offline: metrics per stage, output, quantity and decile of moneyness, parity plots, learning "
                + "curves, the pruning trajectory and certified bound of a pruned model, the slide's table on the "
                + "Kichler recipe, the training set, provenance and machine."})
final class ReportCommand implements Runnable {
    @Option(names = "--model", required = true, description = "Model file.")
    Path model;
    @Option(names = "--test", required = true, description = "Test set directory with exact values and deltas "
            + "(e.g. DIR/test of dataset bachelier).")
    Path test;
    @Option(names = "--parent", description = "The model file the model was pruned from, reported as its own stage.")
    Path parent;
    @Option(names = "--history", description = "Learning curves (CSV: training,epoch,trainLoss,validationLoss); "
            + "default: the losses the model files record.")
    Path history;
    @Option(names = "--out", required = true, description = "HTML file to write: not an input, and a new path unless "
            + "--force is given.")
    Path out;
    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        common.threads();
        long t0 = System.nanoTime();
        ReportJob.Request request = new ReportJob.Request(model, test, parent, history);
        request.checkOutput(out, force);
        ValidationReport report = ReportJob.run(request);
        String html = ReportRenderer.render(report);
        Path written;
        try {
            written = AtomicFiles.writeString(out, html, force);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> stages = report.models().stream().map(ModelEvaluation::stage).toList();
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("path", written.toString());
            var arr = json.putArray("stages");
            stages.forEach(arr::add);
            json.put("seconds", seconds);
            Json.print(o, json);
        } else {
            o.printf(Locale.ROOT, "report of %s on %s (%s) in %.1f s; wrote %s%n", model, test,
                    String.join(", ", stages), seconds, written);
            o.flush();
        }
    }
}
