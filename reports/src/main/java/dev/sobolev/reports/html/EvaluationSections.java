package dev.sobolev.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.ModelEvaluation.Parity;

/**
 * The models on the exact test set as plots: parity (predicted against exact, with the diagonal) of the value,
 * each delta and gamma, one plot per quantity and one trace per model; and the value error against the basket
 * level, one plot per model.
 */
final class EvaluationSections {
    private EvaluationSections() {
    }

    /** Parity plots of every quantity the models have. */
    static Section parity(List<ModelEvaluation> models) {
        if (models.isEmpty()) {
            return new Section("parity", "Parity", Html.notAvailable("Parity plots", "no model was evaluated"));
        }
        List<Function<ModelEvaluation, Optional<Parity>>> quantities = new ArrayList<>();
        quantities.add(m -> Optional.of(m.value()));
        int inputs = models.stream().mapToInt(m -> m.deltas().size()).max().orElse(0);
        for (int k = 0; k < inputs; k++) {
            int input = k;
            quantities.add(m -> input < m.deltas().size() ? Optional.of(m.deltas().get(input)) : Optional.empty());
        }
        quantities.add(m -> Optional.ofNullable(m.gamma()));
        StringBuilder body = new StringBuilder("<div class=\"grid\">\n");
        for (int q = 0; q < quantities.size(); q++) {
            Function<ModelEvaluation, Optional<Parity>> quantity = quantities.get(q);
            if (models.stream().anyMatch(m -> quantity.apply(m).isPresent())) {
                body.append(parityPlot("parity-" + q, models, quantity));
            }
        }
        return new Section("parity", "Parity", body.append("</div>\n").toString());
    }

    private static String parityPlot(String id, List<ModelEvaluation> models,
                                     Function<ModelEvaluation, Optional<Parity>> quantity) {
        ArrayNode data = Plots.traces();
        String name = "";
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int shown = 0;
        int rows = 0;
        for (int i = 0; i < models.size(); i++) {
            Optional<Parity> p = quantity.apply(models.get(i));
            if (p.isEmpty()) {
                continue;
            }
            name = p.get().quantity();
            int k = Plots.stride(p.get().exact().size());
            List<Double> x = Plots.every(p.get().exact(), k);
            List<Double> y = Plots.every(p.get().predicted(), k);
            shown = Math.max(shown, x.size());
            rows = Math.max(rows, p.get().exact().size());
            for (List<Double> xs : List.of(x, y)) {
                for (double v : xs) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            ObjectNode trace = Plots.scatter(models.get(i).stage(), "markers", Plots.numbers(x), Plots.numbers(y));
            ((ObjectNode) trace.get("marker")).put("color", Plots.colour(i));
            data.add(trace);
        }
        if (lo <= hi) {
            ObjectNode diagonal = Plots.scatter("exact = predicted", "lines", Plots.numbers(List.of(lo, hi)),
                    Plots.numbers(List.of(lo, hi)));
            ((ObjectNode) diagonal.get("line")).put("color", "#000000").put("dash", "dash").put("width", 1);
            data.add(diagonal);
        }
        String caption = "Parity of " + name + ": predicted against exact on the test set, " + shown + " of " + rows
                + " rows per model" + (shown < rows ? " (evenly strided)" : "") + "; dashed: the diagonal.";
        ObjectNode layout = Plots.layout("exact " + name, false, "predicted " + name, false);
        Plots.legendInside(layout);
        return Plots.figure(id, caption, data, layout);
    }

    /** The value error against the basket level, one plot per model. */
    static Section levelError(List<ModelEvaluation> models) {
        if (models.isEmpty()) {
            return new Section("level", "Error by level",
                    Html.notAvailable("Error against the basket level", "no model was evaluated"));
        }
        StringBuilder body = new StringBuilder("<div class=\"grid\">\n");
        for (int i = 0; i < models.size(); i++) {
            ModelEvaluation m = models.get(i);
            List<Double> errors = new ArrayList<>(m.level().size());
            for (int r = 0; r < m.level().size(); r++) {
                errors.add(m.value().predicted().get(r) - m.value().exact().get(r));
            }
            int k = Plots.stride(errors.size());
            ArrayNode data = Plots.traces();
            ObjectNode trace = Plots.scatter(m.stage(), "markers", Plots.numbers(Plots.every(m.level(), k)),
                    Plots.numbers(Plots.every(errors, k)));
            ((ObjectNode) trace.get("marker")).put("color", Plots.colour(i));
            data.add(trace);
            ObjectNode layout = Plots.layout(m.levelName(), false, "predicted − exact value", false);
            layout.put("showlegend", false);
            ((ObjectNode) layout.get("yaxis")).put("zeroline", true).put("zerolinecolor", "#888888");
            String caption = m.stage() + ": value error against " + m.levelName() + ", "
                    + Plots.every(errors, k).size() + " of " + errors.size() + " test rows.";
            body.append(Plots.figure("level-" + i, caption, data, layout));
        }
        return new Section("level", "Error by level", body.append("</div>\n").toString());
    }
}
