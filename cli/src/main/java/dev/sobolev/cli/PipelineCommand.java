package dev.sobolev.cli;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.reports.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev pipeline}: the main job end to end on the embedded default. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Run the main job on the embedded default (Kichler recipe). Today: the pricing stages only "
                + "(golden-basket pricing check, LSMC training and test sets); surrogate training, pruning and the "
                + "HTML report are not built yet. Re-running with the same settings reuses finished stages."})
final class PipelineCommand implements Runnable {
    @Option(names = "--out", defaultValue = "sobolev-pipeline", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--quick", description = "Smaller sizes, for a smoke test.")
    boolean quick;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var err = spec.commandLine().getErr();
        Pipeline.Result r = Pipeline.run(new Pipeline.Settings(out.toAbsolutePath(), quick, common.seed, common.threads()),
                line -> {
                    err.println(line);
                    err.flush();
                });
        var o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("report", r.report().toString());
            var arr = json.putArray("stages");
            r.stages().forEach(st -> arr.add(st.toJson()));
            Json.print(o, json);
        } else {
            o.println("pipeline summary: " + r.report());
        }
    }
}
