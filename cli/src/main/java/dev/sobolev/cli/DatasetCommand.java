package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.pricing.garch.GarchDataset;
import dev.sobolev.pricing.lsmc.LsmcDatasetWriter;
import dev.sobolev.pricing.lsmc.LsmcJob;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.pricing.lsmc.SecondOrder;
import dev.sobolev.pricing.payoff.Payoff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev dataset}: writes LSMC training data sets. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Generate LSMC training data sets.",
        subcommands = {DatasetCommand.Bachelier.class, DatasetCommand.Garch.class})
final class DatasetCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw ParseErrors.missingSubcommand(spec.commandLine());
    }

    /** {@code sobolev dataset bachelier}. */
    @Command(name = "bachelier", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"LSMC data set of a Bachelier basket option (REFERENCES.md §2): inputs X = S(T1), pathwise "
                    + "labels Y and dY/dX, optional Hessian-vector labels, and with --test-size a test/ directory with "
                    + "exact labels. Written atomically: a failed run leaves nothing behind."})
    static final class Bachelier implements Runnable {
        @Option(names = "--recipe", required = true, description = "kichler or huge-savine.")
        LsmcRecipe.Kind recipe;
        @Option(names = "--dim", defaultValue = "7", description = "Number of assets, 1 to 500: building the market takes time cubic in d "
                + "(default: ${DEFAULT-VALUE}).")
        int dim;
        @Mixin
        OutputOptions output;
        @Option(names = "--market-seed", description = "Seed of the random market (default: --seed). The kichler "
                + "recipe with --dim 7 uses the published market unless this is given.")
        Long marketSeed;
        @Option(names = "--payoff", description = "Training payoff: call or smoothed-call (default: the recipe's; "
                + "kichler: smoothed-call, huge-savine: call).")
        PayoffKind payoff;
        @Option(names = "--width", description = "Smoothing width of smoothed-call (default: 0.005, the Kichler notebook's).")
        Double width;
        @Option(names = "--hv-directions", description = "Second-order labels along random or pca directions.")
        SecondOrder.Kind hvDirections;
        @Option(names = "--hv-count", defaultValue = "0", description = "Number of Hessian-vector directions k.")
        int hvCount;
        @Mixin
        CommonOptions common;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            if (dim < 1) {
                throw new IllegalArgumentException("--dim must be >= 1, got " + dim);
            }
            boolean published = recipe == LsmcRecipe.Kind.KICHLER && dim == 7 && marketSeed == null;
            LsmcRecipe r = LsmcRecipe.of(recipe, dim, marketSeed == null ? common.seed : marketSeed, payoff(), published);
            SecondOrder so = secondOrder();
            DatasetFormat f = output.format;
            LsmcJob job = new LsmcJob(r, output.size, common.seed, common.threads(), so, output.testSize, f);
            Progress progress = new Progress(spec.commandLine().getErr(), output.size + output.testSize);
            long t0 = System.nanoTime();
            Path written = LsmcDatasetWriter.write(job, output.out.toAbsolutePath(), progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.done();
            ObjectNode json = summary(written, output.size, output.testSize, f, common.seed, seconds);
            json.put("recipe", r.name());
            json.put("dim", dim);
            json.put("payoff", r.payoff().describe());
            emit(spec, common, json, r.name() + ", d=" + dim + ", " + r.payoff().describe());
        }

        /** The training payoff: --payoff, or the recipe's own (kichler: smoothed-call, huge-savine: call). */
        private Payoff payoff() {
            PayoffKind kind = payoff != null ? payoff
                    : recipe == LsmcRecipe.Kind.KICHLER ? PayoffKind.SMOOTHED_CALL : PayoffKind.CALL;
            if (kind != PayoffKind.CALL && kind != PayoffKind.SMOOTHED_CALL) {
                throw new IllegalArgumentException("--payoff must be call or smoothed-call, got " + Converters.label(kind));
            }
            if (kind == PayoffKind.CALL && width != null) {
                throw new IllegalArgumentException(payoff == null ? "--width applies to smoothed-call only, and the "
                        + Converters.label(recipe) + " recipe's payoff is call (give --payoff smoothed-call)"
                        : "--width applies to smoothed-call only, got --payoff call");
            }
            if (width != null && (!(width > 0) || !Double.isFinite(width))) {
                throw new IllegalArgumentException("--width must be finite and > 0, got " + width);
            }
            if (payoff == null && width == null) {
                return null;
            }
            return kind.create(LsmcRecipe.STRIKE, width == null ? LsmcRecipe.KICHLER_WIDTH : width);
        }

        private SecondOrder secondOrder() {
            if (hvDirections == null) {
                if (hvCount != 0) {
                    throw new IllegalArgumentException("--hv-count needs --hv-directions random|pca");
                }
                return null;
            }
            if (hvCount < 1) {
                throw new IllegalArgumentException("--hv-count must be >= 1 with --hv-directions, got " + hvCount);
            }
            return new SecondOrder(hvDirections, hvCount);
        }
    }

    /** Options every data set command takes: sizes, output directory and format. */
    static final class OutputOptions {
        @Option(names = "--size", required = true, description = "Training rows.")
        long size;
        @Option(names = "--test-size", defaultValue = "0", description = "Test rows with exact labels in DIR/test "
                + "(default: ${DEFAULT-VALUE}).")
        long testSize;
        @Option(names = "--out", required = true, description = "Output directory (must not exist or be empty).")
        Path out;
        @Option(names = "--format", defaultValue = "npy", description = "npy or csv (default: ${DEFAULT-VALUE}).")
        DatasetFormat format;
    }

    private static ObjectNode summary(Path written, long size, long testSize, DatasetFormat f, long seed, double seconds) {
        ObjectNode json = Json.object();
        json.put("path", written.toString());
        json.put("size", size);
        json.put("testSize", testSize);
        json.put("format", f.suffix());
        json.put("seed", seed);
        json.put("seconds", seconds);
        json.put("samplesPerSecond", (size + testSize) / seconds);
        return json;
    }

    private static void emit(picocli.CommandLine.Model.CommandSpec spec, CommonOptions common, ObjectNode json,
                             String what) {
        PrintWriter o = spec.commandLine().getOut();
        if (common.json) {
            Json.print(o, json);
            return;
        }
        long size = json.get("size").asLong();
        long testSize = json.get("testSize").asLong();
        o.printf(Locale.ROOT, "wrote %d training rows%s (%s) to %s in %.2f s (%.3g samples/s)%n", size,
                testSize > 0 ? " and " + testSize + " test rows" : "", what, json.get("path").asText(),
                json.get("seconds").asDouble(), json.get("samplesPerSecond").asDouble());
        o.flush();
    }

    /** {@code sobolev dataset garch}. */
    @Command(name = "garch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The 4-D GARCH(1,1) forecast data set of McDonagh & Chen: theta = (mu, omega, alpha, beta) "
                    + "~ U[0,1]^4, labels the variance forecasts h = 1..H and their exact gradients in theta."})
    static final class Garch implements Runnable {
        @Mixin
        OutputOptions output;
        @Option(names = "--horizon", defaultValue = "5", description = "Forecast horizons 1..H (default: ${DEFAULT-VALUE}).")
        int horizon;
        @Option(names = "--last-return", defaultValue = "1.0", description = "Last return y_t (default: ${DEFAULT-VALUE}).")
        double lastReturn;
        @Option(names = "--last-variance", defaultValue = "1.0",
                description = "Last conditional variance sigma_t^2 (default: ${DEFAULT-VALUE}).")
        double lastVariance;
        @Mixin
        CommonOptions common;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            DatasetFormat f = output.format;
            GarchDataset.Job job = new GarchDataset.Job(output.size, output.testSize, common.seed, common.threads(),
                    lastReturn, lastVariance, horizon, f);
            Progress progress = new Progress(spec.commandLine().getErr(), output.size + output.testSize);
            long t0 = System.nanoTime();
            Path written = GarchDataset.write(job, output.out.toAbsolutePath(), progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.done();
            ObjectNode json = summary(written, output.size, output.testSize, f, common.seed, seconds);
            json.put("horizon", horizon);
            emit(spec, common, json, "GARCH(1,1) forecasts, horizons 1.." + horizon);
        }
    }
}
