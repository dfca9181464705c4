package dev.sobolev.reports.html;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sobolev.reports.model.LearningCurve;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Learning curves: training (solid) and validation (dotted) loss per epoch of every training, on a log scale, and a
 * table of each training's last and best losses.
 */
final class LearningSection {
    private LearningSection() {
    }

    /** The section; one line without any training history. */
    static Section of(List<LearningCurve> curves) {
        if (curves.isEmpty()) {
            return new Section("learning", "Learning curves",
                    Html.notAvailable("Learning curves", "no training history was given"));
        }
        ArrayNode data = Plots.traces();
        for (int i = 0; i < curves.size(); i++) {
            LearningCurve c = curves.get(i);
            data.add(curve(c.name() + " train", c.trainLoss(), "solid", i));
            if (c.validationLoss().stream().anyMatch(Double::isFinite)) {
                data.add(curve(c.name() + " validation", c.validationLoss(), "dot", i));
            }
        }
        ObjectNode layout = Plots.layout("epoch", false, "loss", true);
        Plots.legendRight(layout);
        String plot = Plots.figure("learning-curves", "Training (solid) and validation (dotted) loss per epoch.",
                data, layout);
        return new Section("learning", "Learning curves", plot + summary(curves));
    }

    private static ObjectNode curve(String name, List<Double> loss, String dash, int colour) {
        ObjectNode t = Plots.scatter(name, "lines", Plots.counting(loss.size()), Plots.numbers(loss));
        ((ObjectNode) t.get("line")).put("color", Plots.colour(colour)).put("dash", dash);
        return t;
    }

    private static String summary(List<LearningCurve> curves) {
        StringColumn name = StringColumn.create("training");
        IntColumn epochs = IntColumn.create("epochs");
        DoubleColumn lastTrain = DoubleColumn.create("last train loss");
        DoubleColumn lastValidation = DoubleColumn.create("last validation loss");
        DoubleColumn bestValidation = DoubleColumn.create("best validation loss");
        for (LearningCurve c : curves) {
            name.append(c.name());
            epochs.append(c.trainLoss().size());
            lastTrain.append(last(c.trainLoss()));
            lastValidation.append(last(c.validationLoss()));
            bestValidation.append(c.validationLoss().stream().filter(Double::isFinite)
                    .mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
        }
        for (DoubleColumn c : List.of(lastTrain, lastValidation, bestValidation)) {
            c.setPrintFormatter(Formats.errorColumn());
        }
        return Html.table(Table.create("learning", name, epochs, lastTrain, lastValidation, bestValidation));
    }

    private static double last(List<Double> xs) {
        return xs.isEmpty() ? Double.NaN : xs.get(xs.size() - 1);
    }
}
