package dev.sobolev.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sobolev.core.dataset.SeriesReader;
import dev.sobolev.pricing.garch.Garch11;
import dev.sobolev.pricing.garch.GarchFit;
import dev.sobolev.pricing.garch.GarchFitter;
import dev.sobolev.pricing.garch.GarchLikelihood;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * GARCH(1,1) maximum likelihood on the FCP benchmark series DEM/GBP (1974 daily returns): time per complete
 * fit (start grid, Newton iterations, three kinds of standard errors) and per evaluation of the log-likelihood
 * with and without its gradient and Hessian, at the FCP estimate.
 *
 * <p>The series is read from {@code data/dem2gbp.csv} relative to the working directory (run from the
 * repository root), or from the file named by the system property {@code sobolev.garch.data}. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar GarchFitBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GarchFitBenchmark {
    /** FCP benchmark estimate (REFERENCES.md §3), where the evaluations are timed. */
    private static final Garch11 FCP = new Garch11(-0.0061904083799, 0.0107613978518, 0.15313406182, 0.80597367031);

    private GarchLikelihood likelihood;

    /** Reads the series and checks that the fit reproduces the benchmark before anything is timed. */
    @Setup(Level.Trial)
    public void setUp() {
        Path file = Path.of(System.getProperty("sobolev.garch.data", "data/dem2gbp.csv"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found: run from the repository root or set "
                    + "-Dsobolev.garch.data=<path to dem2gbp.csv>");
        }
        likelihood = new GarchLikelihood(SeriesReader.read(file, "dem2gbp"));
        GarchFit fit = GarchFitter.fit(likelihood);
        double lre = -Math.log10(Math.abs(fit.logLikelihood() + 1106.60788104129) / 1106.60788104129);
        if (!fit.converged() || lre < 10) {
            throw new IllegalStateException("fit does not reproduce the FCP benchmark: " + fit);
        }
    }

    /** One complete fit, standard errors included. */
    @Benchmark
    public GarchFit fit() {
        return GarchFitter.fit(likelihood);
    }

    /** logL, gradient and Hessian at the FCP estimate (one Newton iteration's evaluation). */
    @Benchmark
    public Sensitivities valueGradientHessian() {
        return likelihood.derivatives(FCP, true);
    }

    /** logL alone at the FCP estimate (one start-grid or line-search evaluation). */
    @Benchmark
    public double value() {
        return likelihood.logLikelihood(FCP);
    }
}
