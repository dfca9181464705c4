package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.reports.metrics.R2Text;
import dev.sobolev.reports.pipeline.Pipeline;
import dev.sobolev.reports.pipeline.PipelineListener;
import dev.sobolev.reports.pipeline.Protocol;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev pipeline}: the main job end to end on the embedded default ({@link Pipeline}). */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Run the main job on the embedded default (Kichler recipe, d = 7; experiments/pruning.sh's "
                + "protocol): golden-basket pricing check, LSMC training set with exact test set, oversized 128x6 "
                + "Sobolev-trained surrogate, interval significance pruning to 8 units per layer with retraining, "
                + "fine-tuning on the oversized net's values and deltas and on exact labels, evaluation of every "
                + "stage, GARCH(1,1) fit of the DEM/GBP series, and one HTML report. A rerun reuses finished stages "
                + "whose settings and inputs did not change; a killed run resumes. Progress bars on a terminal only."})
final class PipelineCommand implements Runnable {
    /** The system property the launcher sets when standard error is a terminal. */
    static final String TTY_PROPERTY = "sobolev.stderr.tty";
    private static final int STAGES = 8;

    @Option(names = "--out", defaultValue = "sobolev-pipeline", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--quick", description = "The same stages at reduced sizes (under a minute on two cores).")
    boolean quick;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        int threads = common.threads();
        Protocol protocol = quick ? Protocol.quick(common.seed) : Protocol.full(common.seed);
        PrintWriter err = spec.commandLine().getErr();
        boolean bars = !common.json && Boolean.getBoolean(TTY_PROPERTY);
        Pipeline.Result r = Pipeline.run(new Pipeline.Settings(out.toAbsolutePath(), protocol, threads),
                bars ? new Bars(err) : PipelineListener.NONE);
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            var arr = json.putArray("stages");
            r.stages().forEach(st -> arr.add(st.toJson()));
            json.set("final", Pipeline.finalJson(r.result()));
            json.put("report", r.report().toString());
            json.put("summary", r.summary().toString());
            json.set("protocol", protocol.toJson());
            Json.print(o, json);
            return;
        }
        o.print(table(r.stages()));
        var m = r.result().metrics();
        o.printf(Locale.ROOT, "final model %s: test R2 value %s, delta %s, gamma %s%n", r.result().model(),
                R2Text.of(m.r2Value()), R2Text.of(m.r2Delta()), R2Text.of(m.r2Gamma()));
        o.println("report: " + r.report());
        o.flush();
    }

    /** The summary table: stage, status, key figures, seconds. */
    static String table(List<Pipeline.StageResult> stages) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %-7s %8s  %s%n", "stage", "status",
                "seconds", "figures"));
        for (Pipeline.StageResult s : stages) {
            b.append(String.format(Locale.ROOT, "%-12s %-7s %8.1f  %s%n", s.name(), s.status().label(), s.seconds(),
                    figures(s)));
        }
        return b.toString();
    }

    private static String figures(Pipeline.StageResult s) {
        if (s instanceof Pipeline.PriceCheck p) {
            return String.format(Locale.ROOT, "MC %.4f +- %.4f vs closed form %.4f (z %.2f, %,d paths)",
                    p.summary().monteCarlo(), p.summary().stderr(), p.summary().closedForm(), p.summary().zScore(),
                    p.summary().paths());
        } else if (s instanceof Pipeline.DatasetStage d) {
            return String.format(Locale.ROOT, "%d rows, %d exact test rows, %d exact fine-tuning rows", d.rows(),
                    d.testRows(), d.exactRows());
        } else if (s instanceof Pipeline.TrainStage t) {
            return String.format(Locale.ROOT, "%d parameters, %d epochs, final loss %.4e", t.parameters(), t.epochs(),
                    t.finalLoss());
        } else if (s instanceof Pipeline.PruneStage p) {
            var last = p.trace().steps().get(p.trace().steps().size() - 1);
            return String.format(Locale.ROOT, "%d parameters in %d steps, R2 %s / %s / %s, bound %.3e",
                    p.parameters(), p.trace().steps().size() - 1, R2Text.of(last.r2Value()),
                    R2Text.of(last.r2Delta()), R2Text.of(last.r2Gamma()), p.trace().bound().value());
        } else if (s instanceof Pipeline.FineTuneStage f) {
            return String.format(Locale.ROOT, "final loss nn %.4e, exact %.4e", f.nnLoss(), f.exactLoss());
        } else if (s instanceof Pipeline.EvalStage e) {
            StringBuilder b = new StringBuilder("R2 value/delta/gamma:");
            for (Pipeline.ModelScore m : e.models()) {
                b.append(String.format(Locale.ROOT, " %s %s/%s/%s;", m.stage(), R2Text.of(m.metrics().r2Value()),
                        R2Text.of(m.metrics().r2Delta()), R2Text.of(m.metrics().r2Gamma())));
            }
            return b.substring(0, b.length() - 1);
        } else if (s instanceof Pipeline.GarchStage g) {
            var e = g.summary().estimate();
            return String.format(Locale.ROOT, "mu %.6f, omega %.6f, alpha %.6f, beta %.6f, logL %.4f", e.get(0),
                    e.get(1), e.get(2), e.get(3), g.summary().logLikelihood());
        } else {
            return ((Pipeline.ReportStage) s).html().toString();
        }
    }

    /**
     * Progress bars on standard error (a terminal): one bar per stage that reports units of work, named with the
     * stage's place among the eight ("3/8 train"), with the last unit's message (an epoch's loss, a pruning step),
     * elapsed and remaining time; a line for each stage that reports none or was reused.
     */
    static final class Bars implements PipelineListener {
        private final PrintWriter err;
        private ProgressBar bar;
        private int index;

        Bars(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void stageStarted(String stage, long units) {
            index++;
            if (units > 0) {
                bar = new ProgressBarBuilder().setTaskName(index + "/" + STAGES + " " + stage).setInitialMax(units)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new Consumer(err)).setUpdateIntervalMillis(200)
                        .build();
            }
        }

        @Override
        public void progress(String stage, long done, String message) {
            if (bar != null) {
                bar.stepTo(done);
                bar.setExtraMessage(message);
            }
        }

        @Override
        public void stageFinished(Pipeline.StageResult result) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
            err.printf(Locale.ROOT, "%d/%d %-12s %-7s %6.1f s%n", index, STAGES, result.name(),
                    result.status().label(), result.seconds());
            err.flush();
        }
    }

    /** Draws a bar in place on one line of standard error (also {@link BatchCommand}'s). */
    static final class Consumer implements ProgressBarConsumer {
        private static final int WIDTH = 120;
        private final PrintWriter err;

        Consumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            err.print("\r" + rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
