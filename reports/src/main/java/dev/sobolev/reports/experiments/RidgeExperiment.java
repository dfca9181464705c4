package dev.sobolev.reports.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.BlockTasks;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.surrogate.regression.Basis;
import dev.sobolev.surrogate.regression.Design;
import dev.sobolev.surrogate.regression.LambdaSearch;
import dev.sobolev.surrogate.regression.LinearModel;
import dev.sobolev.surrogate.regression.Observations;
import dev.sobolev.surrogate.regression.PolynomialBasis;
import dev.sobolev.surrogate.regression.RbfBasis;
import dev.sobolev.surrogate.regression.Regressions;

/**
 * The ridge-gradients experiment of McDonagh &amp; Chen §5: the sine example of Figs. 5–6 (z = sin x on [0, 2π],
 * 7 evenly spaced RBFs with r = 1 plus a constant, 12 training samples, λ₁ = λ₂ = 0.1) and the sweep of Fig. 7
 * (training sizes 10..50 step 2, 50 draws each, percentage difference of ridge-gradients against ridge), with
 * Huge &amp; Savine's differential regression beside them.
 *
 * <p><b>Protocol.</b> The paper's: the function, interval, basis, penalties, training size and the sweep. Ours,
 * because the paper does not print them: training, validation and test inputs are drawn uniformly on [0, 2π];
 * outputs and derivatives are observed with independent Gaussian noise of one standard deviation σ
 * ({@link Settings#noise()}, 0.25), the test set included (held-out data of the same process); RMSEs are
 * measured against those test labels; β_grad uses λ₁; figures are means over {@link Settings#draws()} draws,
 * each of a training, a validation and a test set of {@link Settings#testSize()} points, so the standard errors
 * cover the test sets' variation too. σ = 0.25 is a calibration: of the levels 0.15, 0.2, …, 0.35, shared by
 * values and derivatives, it is the only one that brings all four printed RMSEs within 0.03, so the agreement on
 * those four figures is by construction, not an independent confirmation (docs/DESIGN.md, "Ridge-gradients";
 * experiments/README.md).
 */
public final class RidgeExperiment {
    /** The paper's test RMSE of ridge-gradients on the sine example (Fig. 5 caption). */
    static final double PAPER_RIDGE_GRADIENTS = 0.31;
    /** The paper's test RMSE of ridge (Fig. 5 caption). */
    static final double PAPER_RIDGE = 0.35;
    /** The paper's gradient RMSE of β_grad (Fig. 6 caption). */
    static final double PAPER_GRADIENT_GRAD = 0.37;
    /** The paper's gradient RMSE of β_ridge (Fig. 6 caption: "0.4"). */
    static final double PAPER_GRADIENT_RIDGE = 0.40;
    /** The paper's standard deviation of the test outputs (Fig. 5 caption). */
    static final double PAPER_TEST_SD = 0.69;
    /** The sine's interval [0, 2π] (§5). */
    static final double LOWER = 0.0;
    /** Right end of the interval. */
    static final double UPPER = 2 * Math.PI;

    private RidgeExperiment() {
    }

    /** The basis family. */
    public enum BasisKind {
        /** Evenly spaced Gaussian RBFs plus a constant (the paper's, eq. 16). */
        RBF,
        /** Monomials 1, u, …, u^C of the input scaled to [−1, 1]. */
        POLYNOMIAL
    }

    /**
     * What to run. Build with {@link #builder()}, whose defaults are the paper's setting (basis, penalties, size,
     * sweep) and this experiment's protocol (noise, draws, test and validation sizes, grid).
     *
     * @param seed           run seed
     * @param threads        worker threads, 1..1024 (results do not depend on it)
     * @param basis          basis family
     * @param basisSize      C ≥ 1: RBFs, or the polynomial degree (the constant comes on top)
     * @param radius         RBF radius r &gt; 0 (unused by polynomials)
     * @param lambda1        λ₁ ≥ 0: the ridge penalty of every fit and β_grad's
     * @param lambda2        λ₂ ≥ 0: ridge-gradients' pull towards β_grad
     * @param weight         Huge–Savine weight w ≥ 0 of the derivative term
     * @param size           training size N ≥ 1 of the sine example
     * @param draws          training draws ≥ 1 of the sine example
     * @param noise          σ ≥ 0 of the noise on values and derivatives (training, validation and test)
     * @param testSize       test points ≥ 1 per draw
     * @param exactTest      whether the test labels are the exact sin x and cos x instead of noisy like the
     *                       training labels (an alternative protocol, off by default)
     * @param validationSize validation points ≥ 1 per draw (for the λ choice)
     * @param grid           candidate λ₁ and λ₂ of the validation search, each finite and &gt; 0
     * @param sweepFrom      smallest sweep size ≥ 1
     * @param sweepTo        largest sweep size ≥ sweepFrom
     * @param sweepStep      sweep step ≥ 1
     * @param sweepDraws     draws ≥ 1 per sweep size
     */
    public record Settings(long seed, int threads, BasisKind basis, int basisSize, double radius, double lambda1,
                           double lambda2, double weight, int size, int draws, double noise, int testSize,
                           boolean exactTest, int validationSize, List<Double> grid, int sweepFrom, int sweepTo,
                           int sweepStep, int sweepDraws) {
        /** Checks every field, naming it. */
        public Settings {
            Objects.requireNonNull(basis, "basis");
            range("threads", threads, 1, 1024);
            atLeast("basisSize", basisSize, 1);
            if (!(Double.isFinite(radius) && radius > 0)) {
                throw new InvalidParameterException("radius", "must be finite and > 0, got " + radius);
            }
            nonNegative("lambda1", lambda1);
            nonNegative("lambda2", lambda2);
            nonNegative("weight", weight);
            nonNegative("noise", noise);
            atLeast("size", size, 1);
            atLeast("draws", draws, 1);
            atLeast("testSize", testSize, 1);
            atLeast("validationSize", validationSize, 1);
            grid = List.copyOf(grid);
            if (grid.isEmpty()) {
                throw new InvalidParameterException("grid", "must hold at least one value, got none");
            }
            for (int i = 0; i < grid.size(); i++) {
                double v = grid.get(i);
                if (!(Double.isFinite(v) && v > 0)) {
                    throw new InvalidParameterException("grid[" + i + "]", "must be finite and > 0, got " + v);
                }
            }
            atLeast("sweepFrom", sweepFrom, 1);
            if (sweepTo < sweepFrom) {
                throw new InvalidParameterException("sweepTo", "must be >= the smallest sweep size (" + sweepFrom
                        + "), got " + sweepTo);
            }
            atLeast("sweepStep", sweepStep, 1);
            atLeast("sweepDraws", sweepDraws, 1);
            int functions = basisSize + 1;
            if (lambda1 == 0 && Math.min(size, sweepFrom) < functions) {
                throw new InvalidParameterException("lambda1", "must be > 0 when a training size ("
                        + Math.min(size, sweepFrom) + ") is below the " + functions + " basis functions, got 0.0");
            }
        }

        private static void range(String name, int value, int low, int high) {
            if (value < low || value > high) {
                throw new InvalidParameterException(name, "must be in [" + low + ", " + high + "], got " + value);
            }
        }

        private static void atLeast(String name, int value, int low) {
            if (value < low) {
                throw new InvalidParameterException(name, "must be >= " + low + ", got " + value);
            }
        }

        private static void nonNegative(String name, double value) {
            if (!(Double.isFinite(value) && value >= 0)) {
                throw new InvalidParameterException(name, "must be finite and >= 0, got " + value);
            }
        }

        /** @return a builder with the defaults */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these settings */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.seed = seed;
            b.threads = threads;
            b.basis = basis;
            b.basisSize = basisSize;
            b.radius = radius;
            b.lambda1 = lambda1;
            b.lambda2 = lambda2;
            b.weight = weight;
            b.size = size;
            b.draws = draws;
            b.noise = noise;
            b.testSize = testSize;
            b.exactTest = exactTest;
            b.validationSize = validationSize;
            b.grid = grid;
            b.sweepFrom = sweepFrom;
            b.sweepTo = sweepTo;
            b.sweepStep = sweepStep;
            b.sweepDraws = sweepDraws;
            return b;
        }

        /** @return the sweep's training sizes */
        public List<Integer> sweepSizes() {
            List<Integer> sizes = new ArrayList<>();
            for (int n = sweepFrom; n <= sweepTo; n += sweepStep) {
                sizes.add(n);
            }
            return sizes;
        }

        /** @return the basis these settings describe, on [0, 2π] */
        public Basis basisFunctions() {
            return switch (basis) {
                case RBF -> RbfBasis.evenlySpaced(basisSize, LOWER, UPPER, radius);
                case POLYNOMIAL -> PolynomialBasis.onInterval(LOWER, UPPER, basisSize);
            };
        }
    }

    /** Builder of {@link Settings}; the defaults live here. */
    public static final class Builder {
        private long seed = 42;
        private int threads = 1;
        private BasisKind basis = BasisKind.RBF;
        private int basisSize = 7;
        private double radius = 1.0;
        private double lambda1 = 0.1;
        private double lambda2 = 0.1;
        private double weight = 0.5;
        private int size = 12;
        private int draws = 10_000;
        private double noise = 0.25;
        private int testSize = 1000;
        private boolean exactTest;
        private int validationSize = 50;
        private List<Double> grid = List.of(0.001, 0.01, 0.1, 1.0, 10.0);
        private int sweepFrom = 10;
        private int sweepTo = 50;
        private int sweepStep = 2;
        private int sweepDraws = 50;

        private Builder() {
        }

        /**
         * @param v run seed (default 42)
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @param v worker threads (default 1)
         * @return this
         */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /**
         * @param v basis family (default RBF, the paper's)
         * @return this
         */
        public Builder basis(BasisKind v) {
            basis = v;
            return this;
        }

        /**
         * @param v RBF count or polynomial degree (default 7, the paper's C)
         * @return this
         */
        public Builder basisSize(int v) {
            basisSize = v;
            return this;
        }

        /**
         * @param v RBF radius (default 1, the paper's r)
         * @return this
         */
        public Builder radius(double v) {
            radius = v;
            return this;
        }

        /**
         * @param v λ₁ (default 0.1, the paper's)
         * @return this
         */
        public Builder lambda1(double v) {
            lambda1 = v;
            return this;
        }

        /**
         * @param v λ₂ (default 0.1, the paper's)
         * @return this
         */
        public Builder lambda2(double v) {
            lambda2 = v;
            return this;
        }

        /**
         * @param v Huge–Savine weight (default 0.5, their notebook's)
         * @return this
         */
        public Builder weight(double v) {
            weight = v;
            return this;
        }

        /**
         * @param v training size (default 12, the paper's)
         * @return this
         */
        public Builder size(int v) {
            size = v;
            return this;
        }

        /**
         * @param v draws of the sine example (default 10000)
         * @return this
         */
        public Builder draws(int v) {
            draws = v;
            return this;
        }

        /**
         * @param v noise σ (default 0.25)
         * @return this
         */
        public Builder noise(double v) {
            noise = v;
            return this;
        }

        /**
         * @param v test points per draw (default 1000)
         * @return this
         */
        public Builder testSize(int v) {
            testSize = v;
            return this;
        }

        /**
         * @param v whether the test labels are exact (default false: noisy like the training labels)
         * @return this
         */
        public Builder exactTest(boolean v) {
            exactTest = v;
            return this;
        }

        /**
         * @param v validation points per draw (default 50)
         * @return this
         */
        public Builder validationSize(int v) {
            validationSize = v;
            return this;
        }

        /**
         * @param v λ grid of the validation search (default 0.001, 0.01, 0.1, 1, 10)
         * @return this
         */
        public Builder grid(List<Double> v) {
            grid = v;
            return this;
        }

        /**
         * @param from smallest size (default 10, the paper's)
         * @param to   largest size (default 50)
         * @param step step (default 2)
         * @return this
         */
        public Builder sweep(int from, int to, int step) {
            sweepFrom = from;
            sweepTo = to;
            sweepStep = step;
            return this;
        }

        /**
         * @param v draws per sweep size (default 50, the paper's)
         * @return this
         */
        public Builder sweepDraws(int v) {
            sweepDraws = v;
            return this;
        }

        /** @return the checked settings */
        public Settings build() {
            return new Settings(seed, threads, basis, basisSize, radius, lambda1, lambda2, weight, size, draws, noise,
                    testSize, exactTest, validationSize, grid, sweepFrom, sweepTo, sweepStep, sweepDraws);
        }
    }

    /**
     * A mean over draws with its standard error (sample standard deviation / √draws).
     *
     * @param mean          the mean
     * @param standardError its standard error
     */
    public record Summary(double mean, double standardError) {
        static Summary of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= values.length;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            double se = values.length > 1 ? Math.sqrt(ss / (values.length - 1) / values.length) : Double.NaN;
            return new Summary(mean, se);
        }
    }

    /**
     * How often the validation search chose a pair of penalties.
     *
     * @param method  {@code ridge} or {@code ridge-gradients}
     * @param lambda1 the chosen λ₁
     * @param lambda2 the chosen λ₂ (0 for ridge)
     * @param count   draws that chose it
     */
    public record ChoiceCount(String method, double lambda1, double lambda2, int count) {
    }

    /**
     * The λ chosen on a validation set per draw (the paper's Fig. 5 procedure) and the test RMSE it leads to.
     *
     * @param counts              choices and their counts, by method, then by count (most frequent first)
     * @param ridgeRmse           test RMSE of ridge at its chosen λ₁
     * @param ridgeGradientsRmse  test RMSE of ridge-gradients at its chosen (λ₁, λ₂)
     */
    public record Validation(List<ChoiceCount> counts, Summary ridgeRmse, Summary ridgeGradientsRmse) {
        /** Copies the list. */
        public Validation {
            counts = List.copyOf(counts);
        }
    }

    /**
     * One sweep size (Fig. 7).
     *
     * @param size                    training size
     * @param ridge                   mean test RMSE of ridge
     * @param ridgeGradients          mean test RMSE of ridge-gradients
     * @param differential            mean test RMSE of differential regression
     * @param difference              100·(ridge − ridge-gradients)/ridge of the means, in %: positive when
     *                                ridge-gradients wins (the paper's sign)
     * @param differenceStandardError its standard error from the paired per-draw differences, in %
     * @param ridgeGradientsWins      draws in which ridge-gradients has the lower test RMSE
     * @param draws                   draws at this size
     */
    public record SweepRow(int size, double ridge, double ridgeGradients, double differential, double difference,
                           double differenceStandardError, int ridgeGradientsWins, int draws) {
    }

    /**
     * The fits of the first draw on a grid of points, for the plots of Figs. 5–6.
     *
     * @param trainingX      training inputs
     * @param trainingZ      training outputs
     * @param trainingDzdx   training derivatives
     * @param x              plotting grid on [0, 2π]
     * @param ridge          β_ridge's values on the grid
     * @param ridgeGradients β_rg's values
     * @param differential   the differential regression's values
     * @param gradientGrad   β_grad's derivative on the grid
     * @param gradientRidge  β_ridge's derivative
     */
    public record Example(List<Double> trainingX, List<Double> trainingZ, List<Double> trainingDzdx, List<Double> x,
                          List<Double> ridge, List<Double> ridgeGradients, List<Double> differential,
                          List<Double> gradientGrad, List<Double> gradientRidge) {
        /** Copies the lists. */
        public Example {
            trainingX = List.copyOf(trainingX);
            trainingZ = List.copyOf(trainingZ);
            trainingDzdx = List.copyOf(trainingDzdx);
            x = List.copyOf(x);
            ridge = List.copyOf(ridge);
            ridgeGradients = List.copyOf(ridgeGradients);
            differential = List.copyOf(differential);
            gradientGrad = List.copyOf(gradientGrad);
            gradientRidge = List.copyOf(gradientRidge);
        }
    }

    /**
     * What the run measured.
     *
     * @param settings       the settings
     * @param basis          the basis description
     * @param testSd         standard deviation of the test outputs, mean over draws (paper: 0.69)
     * @param ridge          test RMSE of β_ridge over draws (paper: 0.35)
     * @param ridgeGradients test RMSE of β_rg (paper: 0.31)
     * @param differential   test RMSE of the differential regression (not in the paper)
     * @param gradientGrad   test RMSE of β_grad's derivative against the test derivatives (paper: 0.37)
     * @param gradientRidge  test RMSE of β_ridge's derivative (paper: 0.40)
     * @param validation     the λ chosen on validation sets
     * @param sweep          the Fig. 7 sweep
     * @param example        the first draw's fits, for the plots
     * @param elapsed        wall time of the run
     */
    public record Result(Settings settings, String basis, Summary testSd, Summary ridge, Summary ridgeGradients,
                         Summary differential, Summary gradientGrad, Summary gradientRidge, Validation validation,
                         List<SweepRow> sweep, Example example, Duration elapsed) {
        /** Copies the list. */
        public Result {
            sweep = List.copyOf(sweep);
        }

        /** @return the sizes at which ridge-gradients has the lower mean test RMSE (positive difference) */
        public List<Integer> ridgeGradientsWins() {
            return sweep.stream().filter(r -> r.difference() > 0).map(SweepRow::size).toList();
        }

        /** @return the report: the sine example, the sweep and the validation choices, beside the paper's */
        public ExperimentReport report() {
            return RidgeReport.report(this);
        }

        /**
         * The JSON: {@code {"ridge":{"rmse"},"ridgeGradients":{"rmse"},"differential":{"rmse"},
         * "gradient":{"ridge":{"rmse"},"grad":{"rmse"}},"sweep":[{"size","ridge","ridgeGradients",
         * "differential"}...]}}, each figure with its standard error and the paper's value where it prints one,
         * plus the test sd, the validation choices and the settings.
         *
         * @return a new JSON object
         */
        public ObjectNode json() {
            return RidgeReport.json(this);
        }
    }

    /** The metrics of one draw of the sine example. */
    private record Draw(double testSd, double ridge, double ridgeGradients, double differential,
                        double gradientGrad, double gradientRidge, LambdaSearch.Choice ridgeChoice,
                        LambdaSearch.Choice rgChoice, double ridgeChosen, double rgChosen, Example example) {
    }

    /** The metrics of one sweep draw. */
    private record SweepDraw(int size, double ridge, double ridgeGradients, double differential) {
    }

    /**
     * Runs the sine example and the sweep. Draw k of the example takes its training, validation and test sets, in
     * that order, from training stream k of the seed; sweep draw k (sizes in order, draws within a size) its
     * training and test sets from auxiliary stream k: the result is the same for any thread count.
     *
     * @param settings what to run
     * @return the measurements
     */
    public static Result run(Settings settings) {
        long start = System.nanoTime();
        Basis basis = settings.basisFunctions();
        List<Draw> draws = BlockTasks.run(RandomStreams.of(settings.seed(), RandomStreams.TRAINING), settings.draws(),
                settings.threads(), (rng, k) -> draw(settings, basis, rng, k == 0));
        List<Integer> sizes = settings.sweepSizes();
        int per = settings.sweepDraws();
        List<SweepDraw> sweepDraws = BlockTasks.run(RandomStreams.of(settings.seed(), RandomStreams.AUXILIARY),
                sizes.size() * per, settings.threads(), (rng, k) -> sweepDraw(settings, basis, rng,
                        sizes.get(k / per)));
        List<SweepRow> sweep = new ArrayList<>();
        for (int s = 0; s < sizes.size(); s++) {
            sweep.add(sweepRow(sweepDraws.subList(s * per, (s + 1) * per)));
        }
        return new Result(settings, basis.description(), summary(draws, Draw::testSd),
                summary(draws, Draw::ridge), summary(draws, Draw::ridgeGradients), summary(draws, Draw::differential),
                summary(draws, Draw::gradientGrad), summary(draws, Draw::gradientRidge), validation(draws), sweep,
                draws.get(0).example(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * n points x ~ U[0, 2π] with z = sin x + σε and ∂z/∂x = cos x + σε', ε and ε' standard normal.
     *
     * @param rng   the stream
     * @param n     points
     * @param sigma the noise σ
     * @return the observations with derivatives
     */
    static Observations sample(UniformRandomProvider rng, int n, double sigma) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n];
        double[] z = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = LOWER + (UPPER - LOWER) * rng.nextDouble();
            z[i] = Math.sin(x[i]) + sigma * normal.sample();
            g[i] = Math.cos(x[i]) + sigma * normal.sample();
        }
        return Observations.of(1, x, z, g);
    }

    private static Observations test(Settings s, UniformRandomProvider rng) {
        return sample(rng, s.testSize(), s.exactTest() ? 0.0 : s.noise());
    }

    private static Draw draw(Settings s, Basis basis, UniformRandomProvider rng, boolean keep) {
        Design training = Design.of(basis, sample(rng, s.size(), s.noise()));
        Design validation = Design.of(basis, sample(rng, s.validationSize(), s.noise()));
        Design test = Design.of(basis, test(s, rng));
        LinearModel grad = Regressions.gradientFit(training, s.lambda1());
        LinearModel ridge = Regressions.ridge(training, s.lambda1());
        LinearModel rg = Regressions.ridgeGradients(training, grad, s.lambda1(), s.lambda2());
        LinearModel differential = Regressions.differential(training, s.weight(), s.lambda1());
        LambdaSearch.Choice ridgeChoice = LambdaSearch.ridge(training, validation, s.grid());
        LambdaSearch.Choice rgChoice = LambdaSearch.ridgeGradients(training, validation, s.grid(), s.grid());
        double ridgeChosen = test.valueRmse(Regressions.ridge(training, ridgeChoice.lambda1()));
        double rgChosen = test.valueRmse(Regressions.ridgeGradients(training, rgChoice.lambda1(),
                rgChoice.lambda2()));
        return new Draw(test.data().outputSd(), test.valueRmse(ridge), test.valueRmse(rg),
                test.valueRmse(differential), test.gradientRmse(grad), test.gradientRmse(ridge), ridgeChoice,
                rgChoice, ridgeChosen, rgChosen, keep ? example(training.data(), grad, ridge, rg, differential) : null);
    }

    private static SweepDraw sweepDraw(Settings s, Basis basis, UniformRandomProvider rng, int size) {
        Design training = Design.of(basis, sample(rng, size, s.noise()));
        Design test = Design.of(basis, test(s, rng));
        return new SweepDraw(size, test.valueRmse(Regressions.ridge(training, s.lambda1())),
                test.valueRmse(Regressions.ridgeGradients(training, s.lambda1(), s.lambda2())),
                test.valueRmse(Regressions.differential(training, s.weight(), s.lambda1())));
    }

    private static SweepRow sweepRow(List<SweepDraw> draws) {
        int n = draws.size();
        double[] ridge = new double[n];
        double[] rg = new double[n];
        double[] differential = new double[n];
        double[] gap = new double[n];
        int wins = 0;
        for (int k = 0; k < n; k++) {
            SweepDraw d = draws.get(k);
            ridge[k] = d.ridge();
            rg[k] = d.ridgeGradients();
            differential[k] = d.differential();
            gap[k] = d.ridge() - d.ridgeGradients();
            if (d.ridgeGradients() < d.ridge()) {
                wins++;
            }
        }
        Summary r = Summary.of(ridge);
        Summary g = Summary.of(gap);
        return new SweepRow(draws.get(0).size(), r.mean(), Summary.of(rg).mean(), Summary.of(differential).mean(),
                100 * g.mean() / r.mean(), 100 * g.standardError() / r.mean(), wins, n);
    }

    private static Summary summary(List<Draw> draws, java.util.function.ToDoubleFunction<Draw> metric) {
        return Summary.of(draws.stream().mapToDouble(metric).toArray());
    }

    private static Validation validation(List<Draw> draws) {
        Map<List<Double>, Integer> ridge = new LinkedHashMap<>();
        Map<List<Double>, Integer> rg = new LinkedHashMap<>();
        for (Draw d : draws) {
            ridge.merge(List.of(d.ridgeChoice().lambda1(), 0.0), 1, Integer::sum);
            rg.merge(List.of(d.rgChoice().lambda1(), d.rgChoice().lambda2()), 1, Integer::sum);
        }
        List<ChoiceCount> counts = new ArrayList<>();
        counts.addAll(counts("ridge", ridge));
        counts.addAll(counts("ridge-gradients", rg));
        return new Validation(counts, summary(draws, Draw::ridgeChosen), summary(draws, Draw::rgChosen));
    }

    private static List<ChoiceCount> counts(String method, Map<List<Double>, Integer> tally) {
        return tally.entrySet().stream()
                .map(e -> new ChoiceCount(method, e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
                        : a.lambda1() != b.lambda1() ? Double.compare(a.lambda1(), b.lambda1())
                        : Double.compare(a.lambda2(), b.lambda2()))
                .toList();
    }

    private static Example example(Observations training, LinearModel grad, LinearModel ridge, LinearModel rg,
                                   LinearModel differential) {
        List<Double> tx = new ArrayList<>();
        List<Double> tz = new ArrayList<>();
        List<Double> tg = new ArrayList<>();
        for (int i = 0; i < training.rows(); i++) {
            tx.add(training.point(i)[0]);
            tz.add(training.z(i));
            tg.add(training.dzdx(i, 0));
        }
        int points = 201;
        List<Double> x = new ArrayList<>();
        List<Double> vr = new ArrayList<>();
        List<Double> vrg = new ArrayList<>();
        List<Double> vd = new ArrayList<>();
        List<Double> gg = new ArrayList<>();
        List<Double> gr = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double[] p = {LOWER + i * (UPPER - LOWER) / (points - 1)};
            x.add(p[0]);
            vr.add(ridge.value(p));
            vrg.add(rg.value(p));
            vd.add(differential.value(p));
            gg.add(grad.gradient(p)[0]);
            gr.add(ridge.gradient(p)[0]);
        }
        return new Example(tx, tz, tg, x, vr, vrg, vd, gg, gr);
    }
}
