package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.Version;
import dev.sobolev.reports.experiments.LatentMleExperiment.Complexity;
import dev.sobolev.reports.experiments.LatentMleExperiment.ModeSummary;
import dev.sobolev.reports.experiments.LatentMleExperiment.Result;
import dev.sobolev.reports.experiments.LatentMleExperiment.Row;
import dev.sobolev.reports.experiments.LatentMleExperiment.Settings;
import dev.sobolev.reports.experiments.LatentMleExperiment.Trial;
import dev.sobolev.reports.metrics.Machine;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import dev.sobolev.surrogate.inference.LikelihoodSurface;
import dev.sobolev.surrogate.inference.MleFit;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The report and JSON of a {@link LatentMleExperiment.Result}. */
final class LatentMleReport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The sizes at which the paper's Fig. 3 finds the gradient-trained surrogates better. */
    private static final List<Integer> PAPER_SIZES = List.of(50, 100, 300);

    private LatentMleReport() {
    }

    static ExperimentReport report(Result r) {
        List<ExperimentSection> sections = List.of(trueSection(r), figure3Section(r), complexitySection(r),
                fitsSection(r));
        return new ExperimentReport(LatentMleExperiment.NAME, "Latent-parameter MLE through surrogates (Fig. 3)",
                summary(r), sections, provenance(r));
    }

    static ObjectNode json(Result r) {
        ObjectNode root = NODES.objectNode();
        ArrayNode rows = root.putArray("rows");
        for (Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("size", row.size());
            mode(o.putObject("value"), row.value());
            mode(o.putObject("sobolev"), row.sobolev());
            o.put("sobolevWins", row.sobolevWins());
        }
        ObjectNode exact = root.putObject("trueSimulator");
        numbers(exact.putArray("theta"), LatentMleExperiment.TRUE_THETA);
        numbers(exact.putArray("estimate"), r.trueFit().estimate());
        numbers(exact.putArray("standardErrors"), r.trueFit().standardErrors());
        number(exact, "logLikelihood", r.trueFit().point().logLikelihood());
        number(exact, "gradientNorm", r.trueFit().point().gradientNorm());
        exact.put("withinStandardError", r.trueFitWithinStandardError());
        number(exact, "meanError", r.trueMeanError());
        coverage(exact.putObject("setCoverage"), "observationSets", r.setCoverage());
        coverage(exact.putObject("coverage"), "replications", r.coverage());
        ArrayNode sweep = root.putArray("complexity");
        for (Complexity c : r.complexities()) {
            ObjectNode o = sweep.addObject();
            o.put("size", c.size());
            o.put("mode", modeName(c.gradients()));
            o.put("eta", c.eta());
            number(o, "testRmse", c.testRmse());
            number(o, "sdRmse", c.sdRmse());
            number(o, "error", c.meanError());
            o.put("chosen", c.chosen());
            o.put("diverged", c.diverged());
        }
        Settings s = r.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("seed", s.seed());
        s.sizes().forEach(settings.putArray("sizes")::add);
        s.etas().forEach(settings.putArray("etas")::add);
        settings.put("draws", s.draws());
        settings.put("observations", s.observations());
        settings.put("observationSets", s.observationSets());
        settings.put("noiseVariance", s.noiseVariance());
        settings.put("starts", s.starts());
        settings.put("testRows", s.testRows());
        settings.put("replications", s.replications());
        return root;
    }

    private static void coverage(ObjectNode o, String count, LatentMleExperiment.Coverage c) {
        o.put(count, c.sets());
        numbers(o.putArray("withinOne"), c.withinOne());
        numbers(o.putArray("withinTwo"), c.withinTwo());
        o.put("undefined", c.undefined());
    }

    private static void mode(ObjectNode o, ModeSummary m) {
        number(o, "error", m.meanError());
        number(o, "sd", m.sdError());
        number(o, "min", m.minError());
        number(o, "max", m.maxError());
        numbers(o.putArray("components"), m.componentErrors());
        number(o, "shift", m.meanShift());
        o.put("eta", m.eta());
        number(o, "testRmse", m.testRmse());
        o.put("surrogates", m.surrogates());
        o.put("diverged", m.diverged());
    }

    /** A finite number, or null (JSON has no NaN). */
    private static void number(ObjectNode o, String name, double v) {
        JsonNumbers.put(o, name, v);
    }

    private static void numbers(ArrayNode a, List<Double> values) {
        JsonNumbers.add(a, values);
    }

    private static String modeName(boolean gradients) {
        return gradients ? "sobolev" : "value";
    }

    private static String summary(Result r) {
        List<Integer> wins = r.rows().stream().filter(Row::sobolevWins).map(Row::size).toList();
        List<Integer> sizes = r.rows().stream().map(Row::size).toList();
        return String.format(Locale.ROOT, "gradient-trained surrogates give the smaller mean theta error over %d "
                + "observation sets at N = %s of %s (the paper: %s); exact simulator's mean error %.4f",
                r.settings().observationSets(), wins.isEmpty() ? "none" : join(wins), join(sizes), join(PAPER_SIZES),
                r.trueMeanError());
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** (θ̂₁ ± SE₁, θ̂₂ ± SE₂). */
    private static String estimate(MleFit fit) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < fit.estimate().size(); j++) {
            parts.add(String.format(Locale.ROOT, "%.4f +- %.4f", fit.estimate().get(j), fit.standardErrors().get(j)));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static ExperimentSection trueSection(Result r) {
        MleFit fit = r.trueFit();
        Settings s = r.settings();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("theta*", "(5, 5)"));
        facts.add(new Fact("mean |theta-hat - theta*| over " + s.observationSets() + " observation sets",
                String.format(Locale.ROOT, "%.4f", r.trueMeanError())));
        facts.add(new Fact("theta-hat +- SE (first set)", estimate(fit)));
        List<String> z = new ArrayList<>();
        for (int j = 0; j < fit.estimate().size(); j++) {
            z.add(String.format(Locale.ROOT, "%.2f", (fit.estimate().get(j) - LatentMleExperiment.TRUE_THETA.get(j))
                    / fit.standardErrors().get(j)));
        }
        facts.add(new Fact("(theta-hat - theta*)/SE", "(" + String.join(", ", z) + ")"));
        facts.add(new Fact("within one SE (first set)", r.trueFitWithinStandardError() ? "yes" : "no"));
        facts.add(new Fact("log L(theta-hat)", String.format(Locale.ROOT, "%.4f", fit.point().logLikelihood())));
        facts.add(new Fact("|grad log L(theta-hat)|", String.format(Locale.ROOT, "%.3e", fit.point().gradientNorm())));
        facts.add(new Fact("starts converged", fit.converged() + " of " + fit.starts()));
        facts.add(coverageFact("the " + s.observationSets() + " observation sets", r.setCoverage()));
        if (r.coverage().sets() > 0) {
            facts.add(coverageFact(r.coverage().sets() + " replications", r.coverage()));
        }
        String text = String.format(Locale.ROOT, "%d independent sets of %d observations of the ten outputs of eq. 7 "
                + "at theta* = (5, 5) with Gaussian noise of variance %s, each fitted by maximising the likelihood of "
                + "eq. 9 (sigma^2 = %s) in the prior box [0, 15]^2 with the exact simulator: Levenberg-Marquardt with "
                + "the exact Jacobian from %d Sobol starts; standard errors from the exact observed information (the "
                + "Hessian of -log L). The mean |theta-hat - theta*| over the sets is the error the observation noise "
                + "alone causes, the floor of every surrogate's. The table and the contours (log L over the prior box "
                + "and around theta-hat) are those of the first set.", s.observationSets(), s.observations(),
                s.noiseVariance(), s.noiseVariance(), s.starts());
        Table observed = Table.create("observations", IntColumn.create("observation"));
        for (int t = 0; t < r.observations().get(0).size(); t++) {
            observed.addColumns(DoubleColumn.create("y" + (t + 1)));
        }
        for (int i = 0; i < r.observations().size(); i++) {
            observed.intColumn("observation").append(i + 1);
            for (int t = 0; t < r.observations().get(i).size(); t++) {
                observed.doubleColumn("y" + (t + 1)).append(r.observations().get(i).get(t));
            }
        }
        return new ExperimentSection("true-simulator", "MLE with the exact simulator", text, facts,
                List.of(new NamedTable("observations", "the observed outputs y_1..y_10 (eq. 7 at theta* plus noise)",
                        observed)),
                List.of(surfaceFigure("likelihood", "log-likelihood of the exact simulator over the prior box",
                        r.surface(), fit), surfaceFigure("likelihood-zoom", "log-likelihood of the exact simulator "
                        + "around theta-hat (+- 5 SE)", r.zoom(), fit)));
    }

    private static Fact coverageFact(String over, LatentMleExperiment.Coverage c) {
        return new Fact("coverage over " + over, String.format(Locale.ROOT, "theta1 within 1 SE %.0f %%, 2 SE %.0f %%; "
                + "theta2 within 1 SE %.0f %%, 2 SE %.0f %% (normal: 68 %%, 95 %%); %d fits without SE",
                100 * c.withinOne().get(0), 100 * c.withinTwo().get(0), 100 * c.withinOne().get(1),
                100 * c.withinTwo().get(1), c.undefined()));
    }

    private static Figure surfaceFigure(String id, String caption, LikelihoodSurface surface, MleFit fit) {
        List<Figure.Series> markers = List.of(
                Figure.Series.of("theta*", Figure.Style.MARKERS, List.of(LatentMleExperiment.TRUE_THETA.get(0)),
                        List.of(LatentMleExperiment.TRUE_THETA.get(1))),
                Figure.Series.of("theta-hat", Figure.Style.MARKERS, List.of(fit.estimate().get(0)),
                        List.of(fit.estimate().get(1))));
        return new Figure(id, caption, new Figure.Axis("theta1", false), new Figure.Axis("theta2", false), markers,
                List.of(new Figure.Surface("log L", surface.x(), surface.y(), surface.logLikelihood())));
    }

    private static ExperimentSection figure3Section(Result r) {
        Table t = Table.create("latent-mle", IntColumn.create("size"));
        for (String mode : List.of("value", "sobolev")) {
            t.addColumns(IntColumn.create("eta " + mode), DoubleColumn.create("test RMSE " + mode),
                    DoubleColumn.create("mean error " + mode), DoubleColumn.create("sd " + mode),
                    DoubleColumn.create("min " + mode), DoubleColumn.create("max " + mode),
                    DoubleColumn.create("|theta1 error| " + mode), DoubleColumn.create("|theta2 error| " + mode),
                    DoubleColumn.create("shift from exact fit " + mode), IntColumn.create("diverged " + mode));
        }
        t.addColumns(BooleanColumn.create("sobolev smaller"));
        for (Row row : r.rows()) {
            t.intColumn("size").append(row.size());
            for (ModeSummary m : List.of(row.value(), row.sobolev())) {
                String mode = m == row.value() ? "value" : "sobolev";
                t.intColumn("eta " + mode).append(m.eta());
                t.doubleColumn("test RMSE " + mode).append(m.testRmse());
                t.doubleColumn("mean error " + mode).append(m.meanError());
                t.doubleColumn("sd " + mode).append(m.sdError());
                t.doubleColumn("min " + mode).append(m.minError());
                t.doubleColumn("max " + mode).append(m.maxError());
                t.doubleColumn("|theta1 error| " + mode).append(m.componentErrors().get(0));
                t.doubleColumn("|theta2 error| " + mode).append(m.componentErrors().get(1));
                t.doubleColumn("shift from exact fit " + mode).append(m.meanShift());
                t.intColumn("diverged " + mode).append(m.diverged());
            }
            t.booleanColumn("sobolev smaller").append(row.sobolevWins());
        }
        List<Double> sizes = r.rows().stream().map(row -> (double) row.size()).toList();
        double exactError = r.trueMeanError();
        List<Figure.Series> errors = List.of(
                modeSeries("values only", sizes, r.rows().stream().map(Row::value).toList(), ModeSummary::meanError,
                        ModeSummary::sdError),
                modeSeries("with gradients", sizes, r.rows().stream().map(Row::sobolev).toList(),
                        ModeSummary::meanError, ModeSummary::sdError),
                Figure.Series.of("exact simulator", Figure.Style.LINES, sizes,
                        sizes.stream().map(x -> exactError).toList()));
        List<Figure.Series> shifts = List.of(
                modeSeries("values only", sizes, r.rows().stream().map(Row::value).toList(), ModeSummary::meanShift,
                        null),
                modeSeries("with gradients", sizes, r.rows().stream().map(Row::sobolev).toList(),
                        ModeSummary::meanShift, null));
        List<Fact> facts = new ArrayList<>();
        for (Row row : r.rows()) {
            facts.add(new Fact("N = " + row.size(), String.format(Locale.ROOT,
                    "values %.4f +- %.4f (eta %d), gradients %.4f +- %.4f (eta %d): %s", row.value().meanError(),
                    row.value().sdError(), row.value().eta(), row.sobolev().meanError(), row.sobolev().sdError(),
                    row.sobolev().eta(), row.sobolevWins() ? "gradients smaller" : "values smaller")));
        }
        Settings s = r.settings();
        String text = String.format(Locale.ROOT, "The paper's Fig. 3: the same %d observation sets fitted through "
                + "surrogates of the simulator (4 hidden layers of 4 eta tanh units, 300 epochs of Adam), trained on "
                + "%d independent draws of N rows from the prior per size, with gradients (eq. 8, alpha 0.5) and on "
                + "values only, at the optimal complexity of each size and mode (the eta of the grid %s with the "
                + "lowest mean RMSE on %d test rows). A surrogate's error is |theta-hat - theta*| (Euclidean) "
                + "averaged over the observation sets (the paper fits one set, a single draw of the noise); the table "
                + "gives its mean over the surrogates with the sample sd, min and max over them. Shift = distance to the exact "
                + "simulator's theta-hat of the same set, averaged over surrogates and sets: the error the surrogate "
                + "adds (eq. 7 is symmetric in theta1 <-> theta2, so the mirror of the exact theta-hat fits as well). "
                + "The flat line is the exact simulator's own mean error, which the observation noise sets: the closer "
                + "a surrogate reproduces the simulator, the closer its error comes to that line, not to zero. The "
                + "paper finds gradient-trained surrogates better at N = 50, 100 and 300.",
                s.observationSets(), s.draws(), s.etas(), s.testRows());
        Figure figure = Figure.lines("fig3", "mean |theta-hat - theta*| over the observation sets through optimal "
                + "surrogates (+- 1 sd over the draws) and the exact simulator's own mean error",
                new Figure.Axis("training size N", true), new Figure.Axis("|theta-hat - theta*|", false), errors);
        Figure shift = Figure.lines("fig3-shift", "mean distance from theta-hat to the exact simulator's theta-hat of "
                + "the same observation set (or its mirror): the error the surrogate adds",
                new Figure.Axis("training size N", true), new Figure.Axis("shift", true), shifts);
        return new ExperimentSection("fig3", "Fig. 3: parameter error through optimal surrogates", text, facts,
                List.of(new NamedTable("latent-mle", "mean |theta-hat - theta*| per size and training mode", t)),
                List.of(figure, shift));
    }

    /** One mode's statistic over the sizes, with error bars from {@code error} (null: none). */
    private static Figure.Series modeSeries(String name, List<Double> sizes, List<ModeSummary> modes,
                                            ToDoubleFunction<ModeSummary> value, ToDoubleFunction<ModeSummary> error) {
        return new Figure.Series(name, Figure.Style.LINES_AND_MARKERS, sizes,
                modes.stream().map(value::applyAsDouble).toList(),
                error == null ? List.of() : modes.stream().map(error::applyAsDouble).toList());
    }

    private static ExperimentSection complexitySection(Result r) {
        Table t = Table.create("complexity", IntColumn.create("size"), StringColumn.create("mode"),
                IntColumn.create("eta"), DoubleColumn.create("mean test RMSE"), DoubleColumn.create("sd test RMSE"),
                DoubleColumn.create("mean error"), BooleanColumn.create("optimal"), IntColumn.create("diverged"));
        for (Complexity c : r.complexities()) {
            t.intColumn("size").append(c.size());
            t.stringColumn("mode").append(modeName(c.gradients()));
            t.intColumn("eta").append(c.eta());
            t.doubleColumn("mean test RMSE").append(c.testRmse());
            t.doubleColumn("sd test RMSE").append(c.sdRmse());
            t.doubleColumn("mean error").append(c.meanError());
            t.booleanColumn("optimal").append(c.chosen());
            t.intColumn("diverged").append(c.diverged());
        }
        return new ExperimentSection("complexity", "Optimal complexity per size and mode", "Mean test RMSE (all ten "
                + "outputs) of the surrogates of each complexity, and the mean parameter error through them; the "
                + "optimal complexity is the one with the lowest mean test RMSE, as in the paper. A training that "
                + "diverged kept its best epoch's weights and is counted under diverged.", List.of(),
                List.of(new NamedTable("complexity", "test RMSE and parameter error per size, mode and eta", t)),
                List.of());
    }

    private static ExperimentSection fitsSection(Result r) {
        Table t = Table.create("fits", IntColumn.create("size"), IntColumn.create("draw"),
                StringColumn.create("mode"), IntColumn.create("set"), IntColumn.create("eta"),
                DoubleColumn.create("test RMSE"),
                DoubleColumn.create("theta1"), DoubleColumn.create("theta2"), DoubleColumn.create("error"),
                DoubleColumn.create("log L"), BooleanColumn.create("on boundary"),
                IntColumn.create("starts converged"), BooleanColumn.create("diverged"));
        for (Trial trial : r.trials()) {
            for (int k = 0; k < trial.fits().size(); k++) {
                MleFit fit = trial.fits().get(k);
                t.intColumn("size").append(trial.size());
                t.intColumn("draw").append(trial.draw());
                t.stringColumn("mode").append(modeName(trial.gradients()));
                t.intColumn("set").append(k + 1);
                t.intColumn("eta").append(trial.eta());
                t.doubleColumn("test RMSE").append(trial.testRmse());
                t.doubleColumn("theta1").append(fit.estimate().get(0));
                t.doubleColumn("theta2").append(fit.estimate().get(1));
                t.doubleColumn("error").append(LatentMleExperiment.distance(fit.estimate(),
                        LatentMleExperiment.TRUE_THETA));
                t.doubleColumn("log L").append(fit.point().logLikelihood());
                t.booleanColumn("on boundary").append(fit.onBoundary());
                t.intColumn("starts converged").append(fit.converged());
                t.booleanColumn("diverged").append(trial.diverged());
            }
        }
        return new ExperimentSection("fits", "Every surrogate and its fits", "One row per trained surrogate and "
                + "observation set: training size, draw, mode, set, complexity, test RMSE and the MLE through it.",
                List.of(),
                List.of(new NamedTable("fits", "every surrogate's test RMSE and MLE", t)), List.of());
    }

    private static List<Fact> provenance(Result r) {
        Settings s = r.settings();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("seed", Long.toString(s.seed())));
        facts.add(new Fact("sizes", join(s.sizes())));
        facts.add(new Fact("eta grid", join(s.etas())));
        facts.add(new Fact("draws per size, mode and eta", Integer.toString(s.draws())));
        facts.add(new Fact("observations per set", Integer.toString(s.observations())));
        facts.add(new Fact("observation sets", Integer.toString(s.observationSets())));
        facts.add(new Fact("noise variance", Double.toString(s.noiseVariance())));
        facts.add(new Fact("MLE starts", Integer.toString(s.starts())));
        facts.add(new Fact("test rows", Integer.toString(s.testRows())));
        facts.add(new Fact("coverage replications", Integer.toString(s.replications())));
        facts.add(new Fact("threads", Integer.toString(s.threads())));
        facts.add(new Fact("run time", String.format(Locale.ROOT, "%.1f s", r.seconds())));
        facts.add(new Fact("sobolev", Version.get()));
        facts.addAll(Machine.facts());
        return facts;
    }
}
