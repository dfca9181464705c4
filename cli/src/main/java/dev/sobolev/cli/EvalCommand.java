package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.EvalJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev eval}: validation metrics of a model on a test set ({@link EvalJob}). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"R2 and RMSE of values, deltas (all gradient entries) and gamma (1'H1) of a model on a test set "
                + "with exact labels; per output for multi-output models."})
final class EvalCommand implements Runnable {
    @Option(names = "--model", required = true, description = "Model file.")
    Path model;
    @Option(names = "--test", required = true, description = "Test set directory (e.g. DIR/test of dataset bachelier).")
    Path test;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        common.threads();
        EvalJob.Result r = EvalJob.run(new EvalJob.Request(Inputs.read("--model", model, ModelFile::read).model(),
                Inputs.read("--test", test, DatasetReader::read)));
        List<Metrics> per = r.outputs();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("params", r.parameters());
            json.put("rows", r.rows());
            put(json, per.get(0));
            if (per.size() > 1) {
                var arr = json.putArray("outputs");
                for (Metrics m : per) {
                    ObjectNode o = Json.object();
                    o.put("output", m.output());
                    put(o, m);
                    arr.add(o);
                }
            }
            Json.print(out, json);
            return;
        }
        out.printf(Locale.ROOT, "%-8s %10s %12s%n", "", "R2", "RMSE");
        for (Metrics m : per) {
            String suffix = per.size() > 1 ? "[" + m.output() + "]" : "";
            out.printf(Locale.ROOT, "%-8s %10.6f %12.4e%n", "value" + suffix, m.r2Value(), m.rmseValue());
            if (m.hasDelta()) {
                out.printf(Locale.ROOT, "%-8s %10.6f %12.4e%n", "delta" + suffix, m.r2Delta(), m.rmseDelta());
            }
            if (m.hasGamma()) {
                out.printf(Locale.ROOT, "%-8s %10.6f %12.4e%n", "gamma" + suffix, m.r2Gamma(), m.rmseGamma());
            }
        }
        out.flush();
    }

    /** Renders one output's metrics: {@code r2} and {@code rmse} objects with value, delta and gamma entries. */
    static void put(ObjectNode json, Metrics m) {
        ObjectNode r2 = json.putObject("r2");
        ObjectNode rmse = json.putObject("rmse");
        r2.put("value", m.r2Value());
        rmse.put("value", m.rmseValue());
        if (m.hasDelta()) {
            r2.put("delta", m.r2Delta());
            rmse.put("delta", m.rmseDelta());
            rmse.set("deltaByInput", Json.array(m.rmseDeltaByInput().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (m.hasGamma()) {
            r2.put("gamma", m.r2Gamma());
            rmse.put("gamma", m.rmseGamma());
        }
    }
}
