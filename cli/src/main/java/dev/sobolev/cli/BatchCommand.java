package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.reports.batch.BatchJob;
import dev.sobolev.reports.batch.BatchListener;
import dev.sobolev.reports.batch.BatchRequest;
import dev.sobolev.reports.batch.BatchResult;
import dev.sobolev.reports.batch.RiskSummary;
import dev.sobolev.surrogate.api.DomainPolicy;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev batch}: revalues a model or a portfolio under every scenario row of a CSV file ({@link BatchJob}). */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Revalue a model (--model) or a portfolio (--portfolio: CSV id,model,quantity) under every "
                + "scenario row of a CSV file: value and deltas per row (gamma with --gamma), every other column "
                + "passed through; bad rows go to OUT.rejects.csv, risk figures to OUT.summary.csv. Streams in "
                + "bounded memory on all cores; the output does not depend on --threads; a killed run continues "
                + "with --resume. Exit code 4 when more rows than --max-rejects were rejected."})
final class BatchCommand implements Runnable {
    @Option(names = "--model", description = "Model file.")
    Path model;
    @Option(names = "--portfolio", description = "Portfolio CSV with the header id,model,quantity (model paths "
            + "relative to it).")
    Path portfolio;
    @Option(names = "--in", required = true, description = "Scenario CSV: a header row, then one scenario per line.")
    Path in;
    @Option(names = "--out", required = true, description = "Output CSV (the input's columns, then value, "
            + "delta_<input>, ...).")
    Path out;
    @Option(names = "--columns", split = ",", description = "The scenario column of each model input, in the "
            + "model's order (default: the model's input names).")
    List<String> columns;
    @Option(names = "--gamma", description = "Write the gamma 1'H1 (or v'Hv and H.v along --direction).")
    boolean gamma;
    @Option(names = "--direction", split = ",", description = "Direction v of H.v, one entry per book input "
            + "(implies --gamma).")
    double[] direction;
    @Option(names = "--base", description = "Base scenario of the P&L: a row id (the first column that is not an "
            + "input) or the inputs' values separated by commas (one input: end with a comma, 1.5,).")
    String base;
    @Option(names = "--domain", defaultValue = "flag", description = "Points outside the training domain: flag, "
            + "clamp or reject (reject sends such rows to the rejects file) (default: ${DEFAULT-VALUE}).")
    DomainPolicy domain;
    @Option(names = "--max-rejects", description = "Stop with exit code 4 once more rows than this were rejected "
            + "(default: no limit); --resume continues.")
    Long maxRejects;
    @Option(names = "--resume", description = "Continue an interrupted run from its journal OUT.journal.")
    boolean resume;
    @Option(names = "--compare-exact", description = "Write the closed form (a Bachelier recipe named in the "
            + "model's provenance) beside the surrogate, with error statistics in the summary.")
    boolean compareExact;
    @Option(names = "--per-position", description = "Write each position's value <id>_value (a portfolio).")
    boolean perPosition;
    @Option(names = "--force", description = "Replace existing output, rejects and summary files.")
    boolean force;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        BatchRequest.Builder b = BatchRequest.builder().model(model).portfolio(portfolio).in(in).out(out)
                .columns(columns).gamma(gamma).direction(direction).domain(domain).resume(resume)
                .compareExact(compareExact).perPosition(perPosition).force(force).threads(common.threads());
        if (maxRejects != null) {
            b.maxRejects(maxRejects);
        }
        if (base != null) {
            if (base.contains(",")) {
                b.base(values(base));
            } else {
                b.base(base);
            }
        }
        BatchRequest request = b.build();
        boolean bar = !common.json && Boolean.getBoolean(PipelineCommand.TTY_PROPERTY);
        PrintWriter err = spec.commandLine().getErr();
        BatchResult r;
        try (Bar progress = bar ? new Bar(err) : null) {
            r = BatchJob.run(request, progress == null ? BatchListener.NONE : progress);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = r.risk().toJson();
            json.put("outside", r.outside());
            json.put("output", r.output().toString());
            json.put("rejects", r.rejects().toString());
            json.put("summary", r.summary().toString());
            Json.print(o, json);
            return;
        }
        o.print(text(r));
        o.flush();
    }

    /** Comma-separated numbers ({@code 1,2,3}; a trailing comma ends a list of one). */
    private static double[] values(String text) {
        String[] parts = text.split(",", -1);
        int n = parts.length > 1 && parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--base must be a row id or numbers separated by commas, got '"
                        + text + "'");
            }
        }
        return v;
    }

    /** The text summary: counts and speed, the value's distribution, P&amp;L and tail figures, exact errors, files. */
    static String text(BatchResult r) {
        RiskSummary s = r.risk();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "priced %,d rows, rejected %,d, outside the training domain %,d; "
                + "%.2f s, %,.0f rows/s%n", r.rows(), r.rejected(), r.outside(), r.seconds(), r.rowsPerSecond()));
        b.append(distribution("value", s.value()));
        s.pnl().ifPresent(p -> {
            b.append(distribution("P&L", p.distribution()));
            b.append(tail("P&L", p.tail()));
            b.append(tail("delta-gamma P&L", p.deltaGamma()));
            b.append(String.format(Locale.ROOT, "delta-gamma error: RMSE %.4e, max %.4e, R2 %.6f%n",
                    p.deltaGammaFit().rmse(), p.deltaGammaFit().maxError(), p.deltaGammaFit().r2()));
        });
        s.exact().ifPresent(e -> b.append(String.format(Locale.ROOT, "against the closed form: value RMSE %.4e "
                + "(max %.4e, R2 %.6f), deltas RMSE %.4e (max %.4e, R2 %.6f)%n", e.value().rmse(),
                e.value().maxError(), e.value().r2(), e.delta().rmse(), e.delta().maxError(), e.delta().r2())));
        b.append("output: ").append(r.output()).append(System.lineSeparator());
        b.append("rejects: ").append(r.rejects()).append(System.lineSeparator());
        b.append("summary: ").append(r.summary()).append(System.lineSeparator());
        return b.toString();
    }

    private static String distribution(String name, RiskSummary.Distribution d) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: mean %.6g, sd %.6g, quantiles", name,
                d.mean(), d.sd()));
        for (Map.Entry<String, Double> q : d.quantiles().entrySet()) {
            b.append(String.format(Locale.ROOT, " %s %.6g", q.getKey(), q.getValue()));
        }
        return b.append(System.lineSeparator()).toString();
    }

    private static String tail(String name, RiskSummary.Tail t) {
        StringBuilder b = new StringBuilder(name).append(':');
        t.var().forEach((l, v) -> b.append(String.format(Locale.ROOT, " VaR %s %.6g", l, v)));
        t.es().forEach((l, v) -> b.append(String.format(Locale.ROOT, " ES %s %.6g", l, v)));
        return b.append(System.lineSeparator()).toString();
    }

    /** A progress bar over the input's bytes on standard error (a terminal), with rows and rejects so far. */
    static final class Bar implements BatchListener, AutoCloseable {
        private static final long MIB = 1 << 20;
        private final PrintWriter err;
        private ProgressBar bar;

        Bar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(long inputBytes, long offset) {
            bar = new ProgressBarBuilder().setTaskName("batch").setInitialMax(Math.max(1, inputBytes / MIB))
                    .setUnit(" MiB", 1).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new PipelineCommand.Consumer(err)).setUpdateIntervalMillis(200).build();
            bar.stepTo(offset / MIB);
        }

        @Override
        public void progress(long offset, long rows, long rejected) {
            bar.stepTo(offset / MIB);
            bar.setExtraMessage(String.format(Locale.ROOT, "%,d rows, %,d rejected", rows, rejected));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
