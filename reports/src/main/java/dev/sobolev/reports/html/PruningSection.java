package dev.sobolev.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.PruningTrace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The pruning (Kichler, Afghan &amp; Naumann, "Interval adjoint significance analysis for neural networks"): the
 * trajectory (parameters against test R² per step), the significance of every hidden unit before the first step,
 * and the certified bound on the change of value and deltas over the input box beside its sampled check.
 */
final class PruningSection {
    private PruningSection() {
    }

    /**
     * The section; one line without a pruned model.
     *
     * @param pruning    the trace, if any
     * @param inputNames the names of the inputs, for the bound's delta rows (as many as the bound has deltas)
     */
    static Section of(Optional<PruningTrace> pruning, List<String> inputNames) {
        return new Section("pruning", "Pruning", pruning.map(p -> body(p, inputNames))
                .orElseGet(() -> Html.notAvailable("Pruning", "the report has no pruned model")));
    }

    private static String body(PruningTrace p, List<String> inputNames) {
        return Html.facts(List.of(new Fact("saliency", p.method()), new Fact("steps", Integer.toString(
                Math.max(0, p.steps().size() - 1)))))
                + Html.heading("Trajectory") + trajectory(p.steps()) + steps(p.steps())
                + Html.heading("Significance") + significance(p.significance())
                + Html.heading("Certified bound") + bound(p.bound(), inputNames);
    }

    private static String trajectory(List<PruningTrace.Step> steps) {
        if (steps.isEmpty()) {
            return Html.notAvailable("Trajectory", "no steps recorded");
        }
        List<Double> parameters = steps.stream().map(s -> (double) s.parameters()).toList();
        ArrayNode data = Plots.traces();
        data.add(trace("R² value", parameters, steps.stream().map(PruningTrace.Step::r2Value).toList(), steps, 0));
        data.add(trace("R² delta", parameters, steps.stream().map(PruningTrace.Step::r2Delta).toList(), steps, 1));
        if (steps.stream().anyMatch(s -> !Double.isNaN(s.r2Gamma()))) {
            data.add(trace("R² gamma", parameters, steps.stream().map(PruningTrace.Step::r2Gamma).toList(), steps,
                    2));
        }
        ObjectNode layout = Plots.layout("parameters", true, "test R²", false);
        ObjectNode x = (ObjectNode) layout.get("xaxis");
        x.set("tickvals", Plots.numbers(parameters));
        ArrayNode labels = x.putArray("ticktext");
        steps.forEach(s -> labels.add(s.parameters() + "<br>step " + s.step()));
        return Plots.figure("pruning-trajectory", "Test R² after each step against the parameter count (log scale);"
                + " step 0 is the unpruned model.", data, layout);
    }

    private static ObjectNode trace(String name, List<Double> x, List<Double> y, List<PruningTrace.Step> steps,
                                    int colour) {
        ObjectNode t = Plots.scatter(name, "lines+markers", Plots.numbers(x), Plots.numbers(y));
        ArrayNode text = t.putArray("text");
        steps.forEach(s -> text.add("step " + s.step()));
        ((ObjectNode) t.get("marker")).put("color", Plots.colour(colour)).put("size", 7).put("opacity", 1.0);
        ((ObjectNode) t.get("line")).put("color", Plots.colour(colour));
        return t;
    }

    private static String steps(List<PruningTrace.Step> steps) {
        IntColumn step = IntColumn.create("step");
        StringColumn widths = StringColumn.create("hidden widths");
        IntColumn parameters = IntColumn.create("parameters");
        DoubleColumn value = DoubleColumn.create("R² value");
        DoubleColumn delta = DoubleColumn.create("R² delta");
        DoubleColumn gamma = DoubleColumn.create("R² gamma");
        DoubleColumn rmse = DoubleColumn.create("validation RMSE");
        StringColumn seconds = StringColumn.create("seconds");
        for (PruningTrace.Step s : steps) {
            step.append(s.step());
            widths.append(s.widths().stream().map(String::valueOf).collect(Collectors.joining("×")));
            parameters.append(s.parameters());
            value.append(s.r2Value());
            delta.append(s.r2Delta());
            gamma.append(s.r2Gamma());
            rmse.append(s.validationRmse());
            seconds.append(Formats.general(s.seconds()));
        }
        for (DoubleColumn c : List.of(value, delta, gamma)) {
            c.setPrintFormatter(Formats.r2Column());
        }
        rmse.setPrintFormatter(Formats.errorColumn());
        return Html.table(Table.create("steps", step, widths, parameters, value, delta, gamma, rmse, seconds));
    }

    private static String significance(List<List<Double>> layers) {
        if (layers.isEmpty()) {
            return Html.notAvailable("Significance", "no scores recorded");
        }
        boolean log = layers.stream().flatMap(List::stream).allMatch(s -> s > 0 && Double.isFinite(s));
        ArrayNode data = Plots.traces();
        for (int l = 0; l < layers.size(); l++) {
            ObjectNode t = Plots.scatter("hidden layer " + (l + 1), "markers", Plots.counting(layers.get(l).size()),
                    Plots.numbers(layers.get(l)));
            ((ObjectNode) t.get("marker")).put("color", Plots.colour(l)).put("size", 6).put("opacity", 0.8);
            data.add(t);
        }
        return Plots.figure("significance", "Significance of each hidden unit before the first step, by layer and"
                + " unit number" + (log ? " (log scale)" : "") + "; the lowest scores are pruned first.", data,
                Plots.layout("unit", false, "significance", log));
    }

    private static String bound(PruningTrace.Bound b, List<String> inputNames) {
        StringColumn quantity = StringColumn.create("quantity");
        StringColumn lower = StringColumn.create("box lower");
        StringColumn upper = StringColumn.create("box upper");
        DoubleColumn certified = DoubleColumn.create("certified bound");
        DoubleColumn sampled = DoubleColumn.create("largest sampled");
        StringColumn ratio = StringColumn.create("bound / sampled");
        List<Double> bounds = new ArrayList<>(List.of(b.value()));
        bounds.addAll(b.delta());
        List<Double> samples = new ArrayList<>(List.of(b.sampledValue()));
        samples.addAll(b.sampledDelta());
        for (int i = 0; i < bounds.size(); i++) {
            int input = i - 1;
            quantity.append(i == 0 ? "value" : "delta " + (input < inputNames.size() ? inputNames.get(input)
                    : "x" + (input + 1)));
            lower.append(input >= 0 && input < b.lower().size() ? Formats.general(b.lower().get(input)) : "");
            upper.append(input >= 0 && input < b.upper().size() ? Formats.general(b.upper().get(input)) : "");
            double s = i < samples.size() ? samples.get(i) : Double.NaN;
            certified.append(bounds.get(i));
            sampled.append(s);
            ratio.append(Formats.general(bounds.get(i) / s));
        }
        certified.setPrintFormatter(Formats.errorColumn());
        sampled.setPrintFormatter(Formats.errorColumn());
        return Html.paragraph("|pruned − original| over the input box: certified by interval arithmetic over "
                + b.boxes() + " sub-boxes, and the largest change found at " + b.samples() + " sampled points.")
                + Html.table(Table.create("bound", quantity, lower, upper, certified, sampled, ratio));
    }
}
