package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import dev.sobolev.surrogate.search.DeltaMin;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1 of McDonagh &amp; Chen (§4.1, eq. 11): for each training size, the δ_min bound c^UB on the complexity
 * against the optimal complexity c* (lowest mean test RMSE over both training modes, {@link DeltaMin}), from a
 * {@link ComplexitySweep} of the problem, beside the paper's row. Complexities are in η (hidden layers of 4η units),
 * the unit of the paper's Figure 2 and, reading its values, of its Table 1.
 */
public final class DeltaMinExperiment {
    /** The experiment's name on the command line. */
    public static final String NAME = "delta-min";

    /**
     * Default grids, chosen so that a default run fits a 2-core machine (experiments/README.md; measured on one
     * thread of a shared 2-core VM: 2-D 16 to 28 min, 4-D 12 min): the 2-D problem at the paper's five sizes and η up
     * to 48 (a training costs about N·η²; the paper's bounds reach 52), the 4-D problem at its four sizes and η up
     * to 32, the 8-D problem at the paper's smallest size and η up to 24 (its 10-layer networks of up to 280 units
     * at 10,000 rows are out of reach here).
     */
    private static final Map<String, Defaults> DEFAULTS = Map.of(
            "2d", new Defaults(List.of(50, 100, 300, 500, 700), List.of(2, 4, 8, 12, 16, 24, 32, 48), 3),
            "4d", new Defaults(List.of(100, 300, 500, 700), List.of(2, 4, 6, 8, 12, 16, 24, 32), 3),
            "8d", new Defaults(List.of(2500), List.of(4, 8, 12, 16, 24), 2));

    private DeltaMinExperiment() {
    }

    /**
     * A problem's default grid.
     *
     * @param sizes training sizes
     * @param etas  complexities
     * @param draws draws per size
     */
    public record Defaults(List<Integer> sizes, List<Integer> etas, int draws) {
        /** Copies the lists. */
        public Defaults {
            sizes = List.copyOf(sizes);
            etas = List.copyOf(etas);
        }

        /**
         * The defaults of a problem.
         *
         * @param problem the problem
         * @return its default grid
         * @throws InvalidParameterException naming {@code problem} if it has no defaults
         */
        public static Defaults of(Problem problem) {
            Defaults d = DEFAULTS.get(problem.name());
            if (d == null) {
                throw new InvalidParameterException("problem", "has no default grid: " + problem.name());
            }
            return d;
        }
    }

    /**
     * What to run.
     *
     * @param sweep the sweep behind the table
     */
    public record Settings(ComplexitySweep.Settings sweep) {
        /** Checks for a missing sweep. */
        public Settings {
            Objects.requireNonNull(sweep, "sweep");
        }

        /**
         * Settings with the paper's pool and test set; a null grid part takes the problem's default
         * ({@link Defaults}).
         *
         * @param problem the problem
         * @param sizes   training sizes, or null
         * @param etas    complexities, or null
         * @param draws   draws per size, or null
         * @param seed    the seed
         * @param threads trainings at a time
         * @return the settings
         * @throws InvalidParameterException as {@link ComplexitySweep.Settings} does
         */
        public static Settings of(Problem problem, List<Integer> sizes, List<Integer> etas, Integer draws, long seed,
                                  int threads) {
            Defaults d = Defaults.of(problem);
            return new Settings(ComplexitySweep.Settings.of(problem, sizes == null ? d.sizes() : sizes,
                    etas == null ? d.etas() : etas, draws == null ? d.draws() : draws, seed, threads));
        }
    }

    /**
     * One row of Table 1.
     *
     * @param size     training size N
     * @param deltaMin the bound, δ_min and the optima, complexities in η
     * @param paper    the paper's row of this size, if it has one
     */
    public record Row(int size, DeltaMin.Result deltaMin, Optional<Problem.PaperRow> paper) {
        /** Checks for missing parts. */
        public Row {
            Objects.requireNonNull(deltaMin, "deltaMin");
            Objects.requireNonNull(paper, "paper");
        }
    }

    /**
     * The table and the sweep behind it.
     *
     * @param sweep the sweep
     * @param rows  one row per size
     */
    public record Result(ComplexitySweep.Result sweep, List<Row> rows) {
        /** Copies the rows. */
        public Result {
            Objects.requireNonNull(sweep, "sweep");
            rows = List.copyOf(rows);
        }

        /** @return rows whose optimal complexity is at or below the δ_min bound */
        public long withinBound() {
            return rows.stream().filter(r -> r.deltaMin().optimalWithinBound()).count();
        }

        /**
         * The report: Table 1 beside the paper's, the RMSE-against-η curve of each size, the sweep's cells.
         *
         * @return the report
         */
        public ExperimentReport report() {
            Problem problem = sweep.settings().problem();
            List<Figure> figures = new ArrayList<>();
            for (Row row : rows) {
                figures.add(figure(row));
            }
            ExperimentSection table = new ExperimentSection("table-1", "Table 1: the delta-min bound against the "
                    + "optimal complexity (" + problem.name() + ")", "For each training size, networks of each "
                    + "complexity eta are trained with gradients and without on the same draws from a fixed pool "
                    + "and scored on a test set with exact labels. delta_min = min over eta of |RMSE with gradients "
                    + "- RMSE without| (eq. 11); the eta where it falls is the implied upper bound c^UB. The optimal "
                    + "complexity c* is the eta of the lowest mean test RMSE over both modes. The paper's Table 1 "
                    + "claims c* <= c^UB at every size; its row is shown beside ours where it has the size. Our "
                    + "grid of eta is coarser than the paper's, so c* and c^UB are grid points.",
                    facts(), List.of(table(), SweepReport.cells(sweep)), figures);
            return new ExperimentReport(NAME, "delta-min: Table 1 of McDonagh & Chen (" + problem.name() + ")",
                    summary(), List.of(table), SweepReport.provenance(sweep));
        }

        /**
         * The JSON: {@code {"problem", "rows":[{"size","optimal","bound","deltaMin","optimalRmse",
         * "optimalWithGradients","withinBound","paper":{"optimal","bound"}}...], "trainings", "seconds"}} (the
         * paper's part null where it has no row of that size).
         *
         * @return the JSON object
         */
        public ObjectNode json() {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            ObjectNode root = nodes.objectNode();
            root.put("problem", sweep.settings().problem().name());
            ArrayNode array = root.putArray("rows");
            for (Row row : rows) {
                DeltaMin.Result r = row.deltaMin();
                ObjectNode o = array.addObject();
                o.put("size", row.size());
                o.put("optimal", r.optimal().complexity());
                o.put("bound", r.bound());
                JsonNumbers.put(o, "deltaMin", r.deltaMin());
                JsonNumbers.put(o, "optimalRmse", r.optimal().rmse());
                o.put("optimalWithGradients", r.optimal().gradients());
                o.put("withinBound", r.optimalWithinBound());
                if (row.paper().isPresent()) {
                    o.putObject("paper").put("optimal", row.paper().get().optimal())
                            .put("bound", row.paper().get().bound());
                } else {
                    o.putNull("paper");
                }
            }
            root.put("trainings", sweep.trainingsRun());
            JsonNumbers.put(root, "seconds", sweep.seconds());
            return root;
        }

        private String summary() {
            long paperRows = rows.stream().filter(r -> r.paper().isPresent()).count();
            long paperWithin = rows.stream().flatMap(r -> r.paper().stream())
                    .filter(p -> p.optimal() <= p.bound()).count();
            return String.format(Locale.ROOT, "%s: optimal eta at or below the delta-min bound at %d of %d sizes%s; "
                            + "%d trainings in %.0f s", sweep.settings().problem().name(), withinBound(), rows.size(),
                    paperRows == 0 ? " (the paper has none of these sizes)"
                            : " (paper: " + paperWithin + " of its " + paperRows + " rows at these sizes)",
                    sweep.trainingsRun(), sweep.seconds());
        }

        private List<Fact> facts() {
            List<Fact> facts = new ArrayList<>(SweepReport.settings(sweep));
            for (Row row : rows) {
                DeltaMin.Result r = row.deltaMin();
                facts.add(new Fact("N = " + row.size(), String.format(Locale.ROOT, "c* = %d (%s, RMSE %.4g), "
                                + "c^UB = %d (delta_min %.3g): %s%s", r.optimal().complexity(),
                        SweepReport.mode(r.optimal().gradients()), r.optimal().rmse(), r.bound(), r.deltaMin(),
                        r.optimalWithinBound() ? "at or below the bound" : "above the bound",
                        row.paper().map(p -> "; paper c* = " + p.optimal() + ", c^UB = " + p.bound()).orElse(""))));
            }
            return facts;
        }

        private NamedTable table() {
            IntColumn size = IntColumn.create("size");
            IntColumn optimal = IntColumn.create("optimal_eta");
            StringColumn mode = StringColumn.create("optimal_mode");
            DoubleColumn rmse = DoubleColumn.create("optimal_rmse");
            IntColumn bound = IntColumn.create("bound_eta");
            DoubleColumn delta = DoubleColumn.create("delta_min");
            BooleanColumn within = BooleanColumn.create("within_bound");
            IntColumn paperOptimal = IntColumn.create("paper_optimal");
            IntColumn paperBound = IntColumn.create("paper_bound");
            for (Row row : rows) {
                DeltaMin.Result r = row.deltaMin();
                size.append(row.size());
                optimal.append(r.optimal().complexity());
                mode.append(SweepReport.mode(r.optimal().gradients()));
                rmse.append(r.optimal().rmse());
                bound.append(r.bound());
                delta.append(r.deltaMin());
                within.append(r.optimalWithinBound());
                if (row.paper().isPresent()) {
                    paperOptimal.append(row.paper().get().optimal());
                    paperBound.append(row.paper().get().bound());
                } else {
                    paperOptimal.appendMissing();
                    paperBound.appendMissing();
                }
            }
            return new NamedTable("table-1", "Optimal complexity (lowest mean test RMSE over both modes) against the "
                    + "delta-min bound per training size, eta units, beside the paper's Table 1",
                    Table.create("table-1", size, optimal, mode, rmse, bound, delta, within, paperOptimal,
                            paperBound));
        }

        private Figure figure(Row row) {
            int n = row.size();
            DeltaMin.Result r = row.deltaMin();
            List<Figure.Series> series = new ArrayList<>();
            series.add(SweepReport.curve(sweep, SweepReport.TEST_RMSE, n, false, SweepReport.mode(false)));
            series.add(SweepReport.curve(sweep, SweepReport.TEST_RMSE, n, true, SweepReport.mode(true)));
            series.add(Figure.Series.of("optimal c*", Figure.Style.MARKERS, List.of((double) r.optimal().complexity()),
                    List.of(r.optimal().rmse())));
            series.add(Figure.Series.of("delta-min bound c^UB", Figure.Style.MARKERS, List.of((double) r.bound()),
                    List.of(sweep.cell(n, r.bound(), true).testRmse())));
            return Figure.lines("rmse-n" + n, "Mean test RMSE over " + sweep.settings().draws() + " draws against "
                            + "eta at N = " + n + " (error bars: one standard deviation over draws)",
                    SweepReport.etaAxis(), new Figure.Axis("test RMSE", true), series);
        }
    }

    /**
     * Runs the sweep and reads Table 1 off it.
     *
     * @param settings what to run
     * @return the table and the sweep
     */
    public static Result run(Settings settings) {
        ComplexitySweep.Result sweep = ComplexitySweep.run(settings.sweep());
        Problem problem = settings.sweep().problem();
        List<Row> rows = new ArrayList<>();
        for (int size : settings.sweep().sizes()) {
            rows.add(new Row(size, sweep.deltaMin(size),
                    problem.paperTable().stream().filter(p -> p.size() == size).findFirst()));
        }
        return new Result(sweep, rows);
    }
}
