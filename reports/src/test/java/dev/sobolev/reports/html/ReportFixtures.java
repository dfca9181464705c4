package dev.sobolev.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

import dev.sobolev.reports.model.DatasetSummary;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.GarchSummary;
import dev.sobolev.reports.model.LearningCurve;
import dev.sobolev.reports.model.MetricsRow;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.ModelEvaluation.Parity;
import dev.sobolev.reports.model.PriceCheckSummary;
import dev.sobolev.reports.model.PruningTrace;
import dev.sobolev.reports.model.RunProvenance;
import dev.sobolev.reports.model.SlideTable;
import dev.sobolev.reports.model.ValidationReport;

/**
 * Small hand-built reports. Figures are smooth functions of the row index (no randomness), shaped like a basket
 * call (value, deltas, gamma against the basket level) so that the plots look like the real ones. {@code name}
 * is put where user-given text goes (title, first model's stage, an input name, a fact, a command), so a hostile
 * name reaches every kind of element.
 */
final class ReportFixtures {
    /** Stage names of the models, in order. */
    static final List<String> STAGES = List.of("oversized", "pruned", "finetuned-nn", "finetuned-exact", "retrained");

    private ReportFixtures() {
    }

    /** A report with every part: {@code models} models of {@code points} parity points and {@code inputs} inputs. */
    static ValidationReport full(String name, int models, int points, int inputs) {
        List<String> inputNames = IntStream.rangeClosed(1, inputs).mapToObj(i -> i == 1 ? name : "S" + i).toList();
        List<ModelEvaluation> evaluations = new ArrayList<>();
        List<MetricsRow> metrics = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            String stage = m == 0 ? name : STAGES.get(m);
            evaluations.add(model(stage, m, points, inputNames));
            metrics.addAll(metrics(stage, m, inputNames));
        }
        return new ValidationReport(name, protocol(name), evaluations, metrics, curves(), Optional.of(pruning()),
                Optional.of(slide()), Optional.of(dataset(inputNames)),
                Optional.of(new PriceCheckSummary(0.0512345, 0.0512, 1.2e-4, -0.2875, 1 << 20)), Optional.of(garch()),
                provenance(name));
    }

    /** A report with only what is always there, one model and no metrics, curves or optional parts. */
    static ValidationReport minimal(String name) {
        return new ValidationReport(name, List.of(), List.of(model("model", 0, 8, List.of("x1", "x2"))), List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                new RunProvenance(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    /** Basket levels 0.5..1.5 across the rows. */
    static double level(int row, int points) {
        return 0.5 + row / (double) Math.max(1, points - 1);
    }

    /** The exact value of a smoothed call on the level: 0.1·softplus(10(B − 1)). */
    static double exactValue(double level) {
        return 0.1 * Math.log1p(Math.exp(10 * (level - 1)));
    }

    private static ModelEvaluation model(String stage, int m, int points, List<String> inputs) {
        double noise = 0.004 / (1 + m);
        List<Double> level = list(points, r -> level(r, points));
        Parity value = parity("value", points, r -> exactValue(level(r, points)), r -> noise * Math.sin(7.0 * r + m));
        List<Parity> deltas = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            double w = 1.0 / inputs.size();
            int input = k;
            deltas.add(parity("delta " + inputs.get(k), points,
                    r -> w / (1 + Math.exp(-10 * (level(r, points) - 1))),
                    r -> 3 * noise * w * Math.cos(3.0 * r + input + m)));
        }
        Parity gamma = parity("gamma", points, r -> {
            double s = 1 / (1 + Math.exp(-10 * (level(r, points) - 1)));
            return s * (1 - s);
        }, r -> r == 1 && m == 0 ? Double.NaN : 20 * noise * Math.sin(5.0 * r));
        int parameters = 433 + 1000 * (STAGES.size() - m);
        return new ModelEvaluation(stage, "models/" + stage + ".json", List.of(inputs.size(), 8, 8, 1), parameters,
                inputs, level, "basket level", value, deltas, gamma);
    }

    private static Parity parity(String quantity, int points, IntToDoubleFunction exact, IntToDoubleFunction error) {
        return new Parity(quantity, list(points, exact), list(points, r -> exact.applyAsDouble(r)
                + error.applyAsDouble(r)));
    }

    private static List<MetricsRow> metrics(String stage, int m, List<String> inputs) {
        List<String> quantities = new ArrayList<>(List.of("value"));
        inputs.forEach(i -> quantities.add("delta " + i));
        quantities.add("delta");
        quantities.add("gamma");
        List<MetricsRow> rows = new ArrayList<>();
        double quality = 1e-3 / (1 + m);
        for (String q : quantities) {
            rows.add(new MetricsRow(stage, "price", q, "all", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    4096, 1 - quality, 10 * quality, 40 * quality));
        }
        for (int d = 1; d <= 10; d++) {
            for (String q : List.of("value", "delta", "gamma")) {
                // the first decile has no spread of gamma: R² is NaN
                double r2 = q.equals("gamma") && d == 1 ? Double.NaN : 1 - quality * d;
                rows.add(new MetricsRow(stage, "price", q, "decile " + d, 0.8 + 0.04 * (d - 1), 0.8 + 0.04 * d, 410,
                        r2, quality * d, 3 * quality * d));
            }
        }
        return rows;
    }

    private static List<LearningCurve> curves() {
        return List.of(
                new LearningCurve("oversized", list(30, e -> 1.0 / (1 + e)), list(30, e -> e == 3 ? Double.NaN
                        : 1.2 / (1 + e))),
                new LearningCurve("fine-tuning nn", list(20, e -> 0.01 / (1 + e)), List.of()));
    }

    private static PruningTrace pruning() {
        List<PruningTrace.Step> steps = List.of(
                new PruningTrace.Step(0, List.of(32, 32), 1441, 0.9999, 0.999, 0.99, 1e-3, Double.NaN),
                new PruningTrace.Step(1, List.of(16, 16), 433, 0.9998, 0.998, 0.98, 2e-3, 1.5),
                new PruningTrace.Step(2, List.of(8, 8), 145, 0.9990, 0.990, Double.NaN, 4e-3, 1.25));
        List<List<Double>> significance = List.of(list(32, u -> Math.exp(-u / 4.0)), list(32, u -> 0.5 / (1 + u)));
        PruningTrace.Bound bound = new PruningTrace.Bound(0.05, List.of(0.2, 0.3), 64, 0.01, List.of(0.05, 0.0),
                4096, List.of(0.5, 0.5), List.of(1.5, 1.5));
        return new PruningTrace("interval", steps, significance, bound);
    }

    private static SlideTable slide() {
        return new SlideTable("Kichler, Afghan & Naumann, slide 12", List.of(
                new SlideTable.Row("oversized", 1441, 0.9999, 0.999, 0.99, 0.9998, 0.998, 0.97),
                new SlideTable.Row("pruned", 145, 0.9990, 0.990, Double.NaN, 0.9995, 0.995, Double.NaN)));
    }

    private static DatasetSummary dataset(List<String> inputs) {
        return new DatasetSummary("runs/dataset", "Kichler LSMC basket call", 8192, 4096, inputs,
                list(inputs.size(), i -> 0.5), list(inputs.size(), i -> 1.5), 0.0123, 0.91);
    }

    private static GarchSummary garch() {
        List<String> names = List.of("mu", "omega", "alpha", "beta");
        return new GarchSummary("dem2gbp.csv", 200, names, List.of(-0.006, 0.0107, 0.153, 0.806),
                List.of(0.0085, 0.0013, 0.027, 0.027), List.of(0.0084, 0.0009, 0.019, 0.019),
                List.of(0.0085, 0.0025, 0.06, 0.07), -1106.6, 12, true, list(200, t -> 0.2 + 0.1 * Math.sin(t / 9.0)),
                List.of(new GarchSummary.Forecast(1, 0.21, List.of(0.0, 1.0, 0.3, 0.2)),
                        new GarchSummary.Forecast(5, 0.24, List.of(0.0, 3.5, 0.8, 0.6))));
    }

    private static List<Fact> protocol(String name) {
        return List.of(new Fact("training rows", "8192"), new Fact("epochs", "100"), new Fact("note", name));
    }

    private static RunProvenance provenance(String name) {
        return new RunProvenance(List.of(new Fact("sobolev", "0.1.0"), new Fact("java", "17.0.15")),
                List.of(new Fact("run", "42")),
                List.of("sobolev dataset --out runs/dataset --seed 42", "sobolev train --name '" + name + "'"),
                List.of(new Fact("threads", "2")), List.of(new Fact("train", "12.5")),
                List.of(new Fact("processor", "test"), new Fact("cores", "2")));
    }

    private static List<Double> list(int n, IntToDoubleFunction f) {
        return IntStream.range(0, n).mapToDouble(f).boxed().toList();
    }
}
