package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sobolev.core.Version;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import dev.sobolev.surrogate.search.BoundStep;
import dev.sobolev.surrogate.search.Evaluation;
import dev.sobolev.surrogate.search.SearchResult;
import dev.sobolev.surrogate.search.SearchSpace;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The {@link ExperimentReport} of a {@link SearchExperiment.Result}: pure, data in, report out. */
final class SearchReport {
    private static final String GA = "GA";
    private static final String CMAES = "CMA-ES";

    private SearchReport() {
    }

    static ExperimentReport of(SearchExperiment.Result r) {
        return new ExperimentReport("search", "Hyperparameter search with the delta-min bound (McDonagh & Chen, "
                + "section 4.2, Fig. 4)", summary(r), List.of(searches(r), convergence(r), bound(r), histogram(r)),
                provenance(r));
    }

    private static String summary(SearchExperiment.Result r) {
        StringBuilder s = new StringBuilder();
        s.append(line(GA, r.ga())).append("; ").append(line(CMAES, r.cmaes()));
        SearchExperiment.Reference ref = r.settings().reference();
        if (ref != null) {
            s.append(String.format(Locale.ROOT, "; Table-1 sweep best test RMSE %.4g after %d trainings",
                    ref.testRmse(), ref.trainings()));
        }
        return s.toString();
    }

    private static String line(String name, SearchExperiment.Outcome o) {
        SearchResult s = o.search();
        return String.format(Locale.ROOT, "%s: eta %d, test RMSE %.4g after %d trainings (bound %d)", name,
                s.best().eta(), o.testRmse(), s.trainings(), s.bound().bound());
    }

    private static ExperimentSection searches(SearchExperiment.Result r) {
        SearchExperiment.Settings s = r.settings();
        SearchSpace space = s.space();
        StringColumn name = StringColumn.create("search");
        IntColumn eta = IntColumn.create("eta");
        DoubleColumn lr = DoubleColumn.create("learning rate");
        DoubleColumn alpha = DoubleColumn.create("alpha");
        DoubleColumn validation = DoubleColumn.create("validation RMSE");
        DoubleColumn test = DoubleColumn.create("test RMSE");
        IntColumn trainings = IntColumn.create("trainings");
        IntColumn bound = IntColumn.create("bound c^UB");
        DoubleColumn deltaMin = DoubleColumn.create("delta_min");
        for (Map.Entry<String, SearchExperiment.Outcome> e : outcomes(r).entrySet()) {
            SearchResult sr = e.getValue().search();
            name.append(e.getKey());
            eta.append(sr.best().eta());
            lr.append(sr.best().learningRate());
            alpha.append(sr.best().alpha());
            validation.append(sr.validationRmse());
            test.append(e.getValue().testRmse());
            trainings.append(sr.trainings());
            bound.append(sr.bound().bound());
            if (Double.isFinite(sr.bound().deltaMin())) {
                deltaMin.append(sr.bound().deltaMin());
            } else {
                deltaMin.appendMissing();
            }
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("problem", s.problem().name() + ": " + s.problem().description()));
        facts.add(new Fact("rows", s.size() + " training, " + s.validationRows() + " validation (the fitness), "
                + s.testRows() + " test"));
        facts.add(new Fact("space", String.format(Locale.ROOT, "eta %d..%d; learning rate %.4g..%.4g (log grid); "
                + "alpha %.3g..%.3g; %d grid points each", space.etaMin(), space.etaMax(), space.learningRateMin(),
                space.learningRateMax(), space.alphaMin(), space.alphaMax(), space.levels())));
        facts.add(new Fact("budget", s.population() + " candidates a generation, " + s.generations()
                + " generations, bound after " + s.boundGenerations() + "; " + s.epochs() + " epochs a training"));
        SearchExperiment.Reference ref = s.reference();
        if (ref != null) {
            name.append("Table-1 sweep");
            eta.appendMissing();
            lr.appendMissing();
            alpha.appendMissing();
            validation.appendMissing();
            test.append(ref.testRmse());
            trainings.append(ref.trainings());
            bound.appendMissing();
            deltaMin.appendMissing();
            for (Map.Entry<String, SearchExperiment.Outcome> e : outcomes(r).entrySet()) {
                SearchExperiment.Outcome o = e.getValue();
                facts.add(new Fact(e.getKey() + " against the sweep", String.format(Locale.ROOT,
                        "test RMSE %.3f of the sweep's best (allowed %.2f), %d against %d trainings, eta %d within "
                                + "bound %d: %s", o.ratio(ref), 1 + SearchExperiment.TOLERANCE, o.search().trainings(),
                        ref.trainings(), o.search().best().eta(), o.search().bound().bound(),
                        o.accepted(ref) ? "accepted" : "not accepted")));
            }
        }
        Table table = Table.create("searches", name, eta, lr, alpha, validation, test, trainings, bound, deltaMin);
        return new ExperimentSection("searches", "GA and CMA-ES side by side",
                "Both searches start with the delta-min step of Fig. 4: a probe generation with complexities spread "
                        + "over the range, each candidate trained with gradients and on values only; delta_min = min "
                        + "|A[F^G] - A[F]| (eq. 11, A the validation RMSE) gives the bound c^UB, and complexities "
                        + "above it are dropped. The winner is the lowest validation RMSE within the bound; its test "
                        + "RMSE is on rows neither search saw. Trainings count distinct trainings, the values-only "
                        + "twins of the probe included.",
                facts, List.of(new NamedTable("searches", "Winner of each search", table)), List.of());
    }

    private static ExperimentSection convergence(SearchExperiment.Result r) {
        StringColumn name = StringColumn.create("search");
        IntColumn index = IntColumn.create("evaluation");
        IntColumn generation = IntColumn.create("generation");
        IntColumn eta = IntColumn.create("eta");
        DoubleColumn lr = DoubleColumn.create("learning rate");
        DoubleColumn alpha = DoubleColumn.create("alpha");
        DoubleColumn rmse = DoubleColumn.create("validation RMSE");
        BooleanColumn cached = BooleanColumn.create("cached");
        IntColumn trainings = IntColumn.create("trainings");
        DoubleColumn best = DoubleColumn.create("best so far");
        List<Figure.Series> series = new ArrayList<>();
        for (Map.Entry<String, SearchExperiment.Outcome> e : outcomes(r).entrySet()) {
            SearchResult sr = e.getValue().search();
            List<Double> bestSoFar = sr.bestSoFar();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < sr.evaluations().size(); i++) {
                Evaluation ev = sr.evaluations().get(i);
                name.append(e.getKey());
                index.append(i);
                generation.append(ev.generation());
                eta.append(ev.candidate().eta());
                lr.append(ev.candidate().learningRate());
                alpha.append(ev.candidate().alpha());
                appendFinite(rmse, ev.rmse());
                cached.append(ev.cached());
                trainings.append(ev.trainings());
                appendFinite(best, bestSoFar.get(i));
                if (Double.isFinite(bestSoFar.get(i))) {
                    x.add((double) ev.trainings());
                    y.add(bestSoFar.get(i));
                }
            }
            series.add(Figure.Series.of(e.getKey(), Figure.Style.LINES_AND_MARKERS, x, y));
        }
        SearchExperiment.Reference ref = r.settings().reference();
        if (ref != null) {
            series.add(Figure.Series.of("Table-1 sweep (test RMSE)", Figure.Style.MARKERS,
                    List.of((double) ref.trainings()), List.of(ref.testRmse())));
        }
        Table table = Table.create("evaluations", name, index, generation, eta, lr, alpha, rmse, cached, trainings,
                best);
        Figure figure = Figure.lines("search-convergence", "Best validation RMSE within the bound against distinct "
                        + "trainings", new Figure.Axis("distinct trainings", false),
                new Figure.Axis("best validation RMSE", true), series);
        return new ExperimentSection("convergence", "Convergence",
                "Every evaluation in the order the searches made them; a cached evaluation reused an earlier "
                        + "training. The curve is the best validation RMSE within the bound after each training.",
                List.of(), List.of(new NamedTable("search-evaluations", "Every evaluation of both searches", table)),
                List.of(figure));
    }

    private static ExperimentSection bound(SearchExperiment.Result r) {
        StringColumn name = StringColumn.create("search");
        IntColumn eta = IntColumn.create("eta");
        DoubleColumn lr = DoubleColumn.create("learning rate");
        DoubleColumn alpha = DoubleColumn.create("alpha");
        DoubleColumn gradient = DoubleColumn.create("A[F^G] validation RMSE");
        DoubleColumn values = DoubleColumn.create("A[F] validation RMSE");
        DoubleColumn delta = DoubleColumn.create("|A[F^G] - A[F]|");
        List<Fact> facts = new ArrayList<>();
        List<Figure.Series> series = new ArrayList<>();
        for (Map.Entry<String, SearchExperiment.Outcome> e : outcomes(r).entrySet()) {
            BoundStep step = e.getValue().search().bound();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (BoundStep.Pair p : step.pairs()) {
                name.append(e.getKey());
                eta.append(p.candidate().eta());
                lr.append(p.candidate().learningRate());
                alpha.append(p.candidate().alpha());
                appendFinite(gradient, p.gradient());
                appendFinite(values, p.valuesOnly());
                appendFinite(delta, p.delta());
                if (Double.isFinite(p.delta())) {
                    x.add((double) p.candidate().eta());
                    y.add(p.delta());
                }
            }
            facts.add(new Fact(e.getKey(), Double.isFinite(step.deltaMin())
                    ? String.format(Locale.ROOT, "delta_min %.4g at eta %d: complexities above %d dropped",
                    step.deltaMin(), step.bound(), step.bound())
                    : "no bound step: every complexity up to " + step.bound() + " searched"));
            if (!x.isEmpty()) {
                series.add(Figure.Series.of(e.getKey(), Figure.Style.MARKERS, x, y));
            }
        }
        Table table = Table.create("delta-min pairs", name, eta, lr, alpha, gradient, values, delta);
        List<Figure> figures = series.isEmpty() ? List.of() : List.of(Figure.lines("search-delta",
                "|A[F^G] - A[F]| of the probe's pairs against complexity", new Figure.Axis("complexity eta", false),
                new Figure.Axis("|A[F^G] - A[F]| (validation RMSE)", true), series));
        return new ExperimentSection("bound", "The delta-min step",
                "Each probe candidate trained with gradients (its alpha) and on values only (alpha = 1), same "
                        + "complexity, learning rate and seed. The pair with the smallest difference sets the bound "
                        + "(eq. 11); the paper's Table 1 gives 22 for the 4-D problem at N = 300, optimum 6.",
                facts, List.of(new NamedTable("search-delta-min", "The probe's pairs", table)), figures);
    }

    private static ExperimentSection histogram(SearchExperiment.Result r) {
        SearchSpace space = r.settings().space();
        IntColumn eta = IntColumn.create("eta");
        for (int e = space.etaMin(); e <= space.etaMax(); e++) {
            eta.append(e);
        }
        Table table = Table.create("eta histogram", eta);
        List<Figure.Series> series = new ArrayList<>();
        for (Map.Entry<String, SearchExperiment.Outcome> e : outcomes(r).entrySet()) {
            int[] counts = new int[space.etaMax() - space.etaMin() + 1];
            for (Evaluation ev : e.getValue().search().evaluations()) {
                if (!ev.cached()) {
                    counts[ev.candidate().eta() - space.etaMin()]++;
                }
            }
            IntColumn column = IntColumn.create(e.getKey());
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                column.append(counts[i]);
                x.add((double) (space.etaMin() + i));
                y.add((double) counts[i]);
            }
            table.addColumns(column);
            series.add(Figure.Series.of(e.getKey(), Figure.Style.LINES_AND_MARKERS, x, y));
        }
        return new ExperimentSection("eta-histogram", "Complexities trained",
                "How many distinct candidates each search trained at each complexity (values-only twins not "
                        + "counted): the bound moves the trainings to small, cheap networks.",
                List.of(), List.of(new NamedTable("search-eta-histogram", "Candidates trained per complexity", table)),
                List.of(Figure.lines("search-eta-histogram", "Candidates trained per complexity",
                        new Figure.Axis("complexity eta", false), new Figure.Axis("candidates trained", false),
                        series)));
    }

    private static List<Fact> provenance(SearchExperiment.Result r) {
        SearchExperiment.Settings s = r.settings();
        return List.of(new Fact("seed", Long.toString(s.seed())),
                new Fact("threads", Integer.toString(s.threads())),
                new Fact("trainings run", r.trainingsRun() + " (the searches share their probe generation)"),
                new Fact("sobolev", Version.get()),
                new Fact("java", System.getProperty("java.version")),
                new Fact("wall time", String.format(Locale.ROOT, "%.1f s (GA %.1f s, CMA-ES %.1f s)", r.seconds(),
                        r.ga().seconds(), r.cmaes().seconds())));
    }

    /** The two outcomes by name, GA first. */
    private static Map<String, SearchExperiment.Outcome> outcomes(SearchExperiment.Result r) {
        Map<String, SearchExperiment.Outcome> m = new LinkedHashMap<>();
        m.put(GA, r.ga());
        m.put(CMAES, r.cmaes());
        return m;
    }

    private static void appendFinite(DoubleColumn column, double value) {
        if (Double.isFinite(value)) {
            column.append(value);
        } else {
            column.appendMissing();
        }
    }
}
