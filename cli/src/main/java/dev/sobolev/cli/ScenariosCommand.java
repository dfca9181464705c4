package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.io.OutputGuard;
import dev.sobolev.reports.batch.ScenarioJob;
import dev.sobolev.surrogate.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev scenarios}: a scenario CSV for a model ({@link ScenarioJob}), the input of {@code batch}. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a scenario file for a model: a CSV with an id column (s000001, ...) and one column per "
                + "model input, drawn from the model's training distribution (the input law of its data set's "
                + "Bachelier recipe, else uniform on its training box), or with --base or --shock around a base "
                + "point with relative normal shocks. The same --seed gives the same bytes for any --threads."})
final class ScenariosCommand implements Runnable {
    /** Relative shock size when --base is given without --shock. */
    private static final double DEFAULT_SHOCK = 0.05;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;
    @Option(names = "--size", required = true, description = "Number of scenarios (1 to 1000000000).")
    long size;
    @Option(names = "--out", required = true, description = "CSV file to write: not an input, and a new path unless "
            + "--force is given.")
    Path out;
    @Option(names = "--base", description = "Base point, comma-separated in the model's input order: draw "
            + "x = base * (1 + shock * z), z standard normal (default with --shock: the recipe's spots, else the "
            + "training means).")
    String base;
    @Option(names = "--shock", description = "Relative standard deviation of the shocks around --base "
            + "(default 0.05 when --base is given).")
    Double shock;
    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;
    @Mixin
    CommonOptions common;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        int threads = common.threads();
        double[] basePoint = base == null ? null : Parsing.vector("--base", base);
        ModelFile.Loaded loaded = Inputs.read("--model", model, ModelFile::read);
        OutputGuard.checkFile("out", out, force, List.of(new OutputGuard.Input("model", model)));
        ScenarioJob.Mode mode;
        if (basePoint == null && shock == null) {
            mode = new ScenarioJob.Training();
        } else {
            List<Double> center = basePoint != null ? Arrays.stream(basePoint).boxed().toList()
                    : ScenarioJob.center(loaded).orElseThrow(() -> new InvalidParameterException("base",
                            "is needed: the model has neither recipe spots nor training means"));
            mode = new ScenarioJob.Shocks(center, shock == null ? DEFAULT_SHOCK : shock);
        }
        ScenarioJob.Result r = ScenarioJob.run(new ScenarioJob.Request(loaded, size, common.seed, mode), out, force,
                threads);
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("rows", r.rows());
            json.put("path", r.path().toString());
            json.put("seconds", r.seconds());
            Json.print(o, json);
        } else {
            o.printf(Locale.ROOT, "%d scenarios (%s, seed %d) in %.1f s; wrote %s%n", r.rows(), r.law(), common.seed,
                    r.seconds(), r.path());
            o.flush();
        }
    }
}
