package dev.sobolev.reports.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;

/**
 * Figure 2 of McDonagh &amp; Chen (§3): test RMSE and Pearson correlation of 2-D surrogates over training sizes and
 * complexities, with and without gradients, averaged over draws from a fixed pool of 1000 rows and scored on 1000
 * test rows. The {@link ComplexitySweep} of the 2-D problem, with the δ_min experiment's default grid.
 */
public final class Fig2Experiment {
    /** The experiment's name on the command line. */
    public static final String NAME = "fig2";

    private Fig2Experiment() {
    }

    /**
     * What to run.
     *
     * @param sweep the sweep of the 2-D problem
     */
    public record Settings(ComplexitySweep.Settings sweep) {
        /** Checks for a missing sweep. */
        public Settings {
            Objects.requireNonNull(sweep, "sweep");
        }

        /**
         * Settings on the 2-D problem with the paper's pool and test set; a null grid part takes the δ_min
         * experiment's 2-D default ({@link DeltaMinExperiment.Defaults}).
         *
         * @param sizes   training sizes, or null
         * @param etas    complexities, or null
         * @param draws   draws per size, or null
         * @param seed    the seed
         * @param threads trainings at a time
         * @return the settings
         */
        public static Settings of(List<Integer> sizes, List<Integer> etas, Integer draws, long seed, int threads) {
            return new Settings(DeltaMinExperiment.Settings.of(new CosineProblem(), sizes, etas, draws, seed,
                    threads).sweep());
        }
    }

    /**
     * The sweep.
     *
     * @param sweep the 2-D sweep
     */
    public record Result(ComplexitySweep.Result sweep) {
        /** Checks for a missing sweep. */
        public Result {
            Objects.requireNonNull(sweep, "sweep");
        }

        /** @return the (size, η) cells where the gradient-trained mean test RMSE is below the value-trained one */
        public long gradientWins() {
            return sweep.cells().stream().filter(c -> c.gradients()
                    && c.testRmse() < sweep.cell(c.size(), c.eta(), false).testRmse()).count();
        }

        /**
         * The report: RMSE and Pearson correlation against η, one curve per size and mode.
         *
         * @return the report
         */
        public ExperimentReport report() {
            List<Fact> facts = new ArrayList<>(SweepReport.settings(sweep));
            for (int size : sweep.settings().sizes()) {
                long wins = sweep.settings().etas().stream().filter(eta -> sweep.cell(size, eta, true).testRmse()
                        < sweep.cell(size, eta, false).testRmse()).count();
                facts.add(new Fact("N = " + size, "gradients lower the mean test RMSE at " + wins + " of "
                        + sweep.settings().etas().size() + " complexities"));
            }
            ExperimentSection section = new ExperimentSection("figure-2", "Figure 2: 2-D surrogate test accuracy",
                    "Mean test RMSE (left in the paper) and Pearson correlation of predictions with the exact test "
                            + "labels (right) over " + sweep.settings().draws() + " draws from a fixed pool, per "
                            + "training size and complexity eta (4 hidden layers of 4 eta tanh units), with gradients "
                            + "and without. The paper's features: gradients help most at small sizes and low "
                            + "complexity, and their advantage becomes unstable at large sizes and complexities.",
                    facts, List.of(SweepReport.cells(sweep)),
                    List.of(figure("figure-2-rmse", SweepReport.TEST_RMSE, true),
                            figure("figure-2-pearson", SweepReport.PEARSON, false)));
            return new ExperimentReport(NAME, "fig2: Figure 2 of McDonagh & Chen", summary(), List.of(section),
                    SweepReport.provenance(sweep));
        }

        /**
         * The JSON: {@code {"cells":[{"size","eta","gradients","rmse","rmseSd","pearson","pearsonSd"}...],
         * "gradientWins", "trainings", "seconds"}}.
         *
         * @return the JSON object
         */
        public ObjectNode json() {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode cells = root.putArray("cells");
            for (ComplexitySweep.Cell c : sweep.cells()) {
                ObjectNode cell = cells.addObject().put("size", c.size()).put("eta", c.eta())
                        .put("gradients", c.gradients());
                JsonNumbers.put(cell, "rmse", c.testRmse());
                JsonNumbers.put(cell, "rmseSd", c.testRmseSd());
                JsonNumbers.put(cell, "pearson", c.pearson());
                JsonNumbers.put(cell, "pearsonSd", c.pearsonSd());
            }
            root.put("gradientWins", gradientWins());
            root.put("trainings", sweep.trainingsRun());
            JsonNumbers.put(root, "seconds", sweep.seconds());
            return root;
        }

        private String summary() {
            return String.format(Locale.ROOT, "gradient-trained surrogates have the lower mean test RMSE in %d of %d "
                            + "(size, eta) cells; %d trainings in %.0f s", gradientWins(),
                    sweep.cells().size() / 2, sweep.trainingsRun(), sweep.seconds());
        }

        private Figure figure(String id, SweepReport.Metric metric, boolean log) {
            List<Figure.Series> series = new ArrayList<>();
            for (int size : sweep.settings().sizes()) {
                for (boolean gradients : new boolean[] {true, false}) {
                    series.add(SweepReport.curve(sweep, metric, size, gradients, "N = " + size + ", "
                            + SweepReport.mode(gradients)));
                }
            }
            return Figure.lines(id, "Mean " + metric.name() + " against eta per training size, with gradients and "
                    + "without (error bars: one standard deviation over draws)", SweepReport.etaAxis(),
                    new Figure.Axis(metric.name(), log), series);
        }
    }

    /**
     * Runs the sweep.
     *
     * @param settings what to run
     * @return the sweep
     */
    public static Result run(Settings settings) {
        return new Result(ComplexitySweep.run(settings.sweep()));
    }
}
