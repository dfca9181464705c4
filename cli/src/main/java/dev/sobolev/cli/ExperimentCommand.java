package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.reports.experiments.ExperimentFiles;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sobolev experiment}: the experiments of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for
 * Machine Learning Model Training", each a subcommand that runs one library job ({@code reports.experiments}) with an
 * explicit seed and writes its tables (CSV) and report (HTML) into {@code --out}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Reproduce the experiments of McDonagh & Chen, \"Leveraging Intrinsic Gradient Information for "
                + "Machine Learning Model Training\": tables as CSV and a self-contained HTML report in --out."},
        subcommands = {ExperimentRidgeCommand.class, ExperimentLatentMleCommand.class, ExperimentDeltaMinCommand.class,
            ExperimentSearchCommand.class, ExperimentFig1Command.class, ExperimentFig2Command.class})
final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw ParseErrors.missingSubcommand(spec.commandLine());
    }

    /**
     * Runs an experiment job and emits it: checks {@code --out} first (nothing runs when it is a file), times the
     * job, then {@link #emit}.
     *
     * @param spec    the running command, named as the experiment
     * @param common  its common options
     * @param options its experiment options
     * @param job     the library job
     * @param report  the result's report
     * @param json    the result's JSON
     * @param <R>     the job's result
     */
    static <R> void run(CommandLine.Model.CommandSpec spec, CommonOptions common, ExperimentOptions options,
                        Supplier<R> job, Function<R, ExperimentReport> report, Function<R, ObjectNode> json) {
        options.checkedOut(spec.name());
        long t0 = System.nanoTime();
        R result = job.get();
        emit(spec, common, options, report.apply(result), json.apply(result), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Writes an experiment's files and prints its outcome: with {@code --json} the experiment's JSON plus
     * {@code "seconds"}, {@code "out"}, {@code "report"} and {@code "tables"}; otherwise the summary line, each
     * section's facts and the report's path.
     *
     * @param spec    the running command
     * @param common  its common options
     * @param options its experiment options
     * @param report  the experiment's report
     * @param json    the experiment's JSON
     * @param seconds how long the experiment ran
     */
    static void emit(CommandLine.Model.CommandSpec spec, CommonOptions common, ExperimentOptions options,
                     ExperimentReport report, ObjectNode json, double seconds) {
        Path dir = options.out(report.name()).toAbsolutePath();
        ExperimentFiles.Written written = ExperimentFiles.write(report, dir);
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode out = json.deepCopy();
            out.put("seconds", seconds);
            out.put("out", dir.toString());
            out.put("report", written.report().toString());
            ArrayNode tables = out.putArray("tables");
            written.tables().forEach(p -> tables.add(p.toString()));
            Json.print(o, out);
            return;
        }
        o.println(report.summary());
        for (ExperimentSection s : report.sections()) {
            if (s.facts().isEmpty()) {
                continue;
            }
            o.println();
            o.println(s.title());
            for (Fact f : s.facts()) {
                o.printf(Locale.ROOT, "  %-40s %s%n", f.name(), f.value());
            }
        }
        o.printf(Locale.ROOT, "%n%.1f s; wrote %s and %d tables in %s%n", seconds, written.report().getFileName(),
                written.tables().size(), dir);
        o.flush();
    }
}
