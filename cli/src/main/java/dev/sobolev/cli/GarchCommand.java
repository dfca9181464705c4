package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.dataset.SeriesReader;
import dev.sobolev.pricing.garch.Garch11;
import dev.sobolev.pricing.garch.GarchFit;
import dev.sobolev.pricing.garch.GarchFitter;
import dev.sobolev.pricing.garch.GarchForecast;
import dev.sobolev.pricing.garch.GarchLikelihood;
import dev.sobolev.pricing.garch.GarchMonteCarlo;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.sensitivities.Sensitivities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev garch}: GARCH(1,1) estimation and forecasts. */
@Command(name = "garch", mixinStandardHelpOptions = true, description = "GARCH(1,1) with constant mean: fit and forecast.",
        subcommands = {GarchCommand.Fit.class, GarchCommand.Forecast.class})
final class GarchCommand implements Runnable {
    /** Exit code of a fit that did not converge. */
    static final int NOT_CONVERGED = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw ParseErrors.missingSubcommand(spec.commandLine());
    }

    /** Options naming the data series. */
    static final class DataOptions {
        @Option(names = "--data", required = true, description = "CSV file with the return series.")
        Path data;
        @Option(names = "--column", description = "Column to read, by header name or 1-based index; the other columns "
                + "(e.g. dates) are not read (default: the only column, or the last column of a file with a header).")
        String column;
        @Option(names = "--scale", defaultValue = "1", description = "Multiply the series by K, e.g. 100 for percent "
                + "returns; the scaled series' variance must lie in [1e-100, 1e100] (default: ${DEFAULT-VALUE}).")
        double scale;
        @Option(names = "--horizon", defaultValue = "10", description = "Forecast horizon H (default: ${DEFAULT-VALUE}).")
        int horizon;

        GarchLikelihood likelihood() {
            if (!(scale != 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("--scale must be finite and non-zero, got " + scale);
            }
            if (horizon < 1 || horizon > 100_000) {
                throw new IllegalArgumentException("--horizon must be in [1, 100000], got " + horizon);
            }
            double[] y = Inputs.read("--data", data, f -> SeriesReader.read(f, column));
            for (int t = 0; t < y.length; t++) {
                y[t] *= scale;
            }
            try {
                return new GarchLikelihood(y);
            } catch (IllegalArgumentException e) {
                String scaled = scale == 1 ? "" : " (times --scale " + scale + ")";
                String hint = e.getMessage().contains("rescale the series") ? " with --scale" : "";
                throw new IllegalArgumentException("--data " + data + scaled + ": " + e.getMessage() + hint, e);
            }
        }
    }

    /** {@code sobolev garch fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Maximum-likelihood fit of GARCH(1,1) with constant mean in the FCP benchmark conventions "
                    + "(h0 = sample variance), standard errors from the Hessian, OPG and QML sandwich, and forecasts. "
                    + "Exits 3 when the fit does not converge."})
    static final class Fit implements Runnable {
        @Mixin
        DataOptions dataOptions;
        @Mixin
        CommonOptions common;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            common.threads();
            GarchLikelihood l = dataOptions.likelihood();
            long t0 = System.nanoTime();
            GarchFit fit = GarchFitter.fit(l);
            double seconds = (System.nanoTime() - t0) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode json = Json.object();
            json.put("data", dataOptions.data.toString());
            json.put("observations", l.size());
            json.put("converged", fit.converged());
            json.put("message", fit.message());
            json.put("iterations", fit.iterations());
            json.put("gradientNorm", fit.gradientNorm());
            json.put("seconds", seconds);
            if (!fit.converged()) {
                ObjectNode last = json.putObject("lastIterate");
                put(last, fit.estimate());
                last.put("loglik", fit.logLikelihood());
                if (common.json) {
                    Json.print(out, json);
                } else {
                    spec.commandLine().getErr().println("sobolev: GARCH fit did not converge: " + fit.message()
                            + " (after " + fit.iterations() + " iterations); no estimates reported");
                }
                spec.commandLine().getErr().flush();
                throw new NotConverged();
            }
            put(json, fit.estimate());
            json.put("loglik", fit.logLikelihood());
            ObjectNode se = json.putObject("se");
            se.set("hessian", list(fit.seHessian()));
            se.set("opg", list(fit.seOpg()));
            se.set("sandwich", list(fit.seSandwich()));
            List<Sensitivities> f = GarchForecast.forecast(l, fit.estimate(), dataOptions.horizon);
            json.put("hT", l.lastState(fit.estimate())[0]);
            ArrayNode fc = json.putArray("forecast");
            f.forEach(s -> fc.add(s.value()));
            if (common.json) {
                Json.print(out, json);
            } else {
                out.print(TextReport.garchFit(fit, l.size(), dataOptions.data.toString(), f, l.lastState(fit.estimate())[0]));
                out.flush();
            }
        }
    }

    /** {@code sobolev garch forecast}. */
    @Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Variance forecasts h_{T+1..T+H} and their exact gradients in (mu, omega, alpha, beta, y_T) "
                    + "for given parameters at the end of a series; with --paths also Monte Carlo forecasts with "
                    + "pathwise gradients and standard errors."})
    static final class Forecast implements Runnable {
        @Mixin
        DataOptions dataOptions;
        @Option(names = "--mu", required = true, description = "Constant mean mu.")
        double mu;
        @Option(names = "--omega", required = true, description = "omega > 0.")
        double omega;
        @Option(names = "--alpha", required = true, description = "alpha >= 0.")
        double alpha;
        @Option(names = "--beta", required = true, description = "beta >= 0.")
        double beta;
        @Option(names = "--paths", description = "Monte Carlo paths (optional).")
        Long paths;
        @Mixin
        CommonOptions common;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            int threads = common.threads();
            Garch11 theta = new Garch11(mu, omega, alpha, beta);
            if (!(omega > 0)) {
                throw new IllegalArgumentException("--omega must be > 0, got " + omega);
            }
            if (alpha < 0) {
                throw new IllegalArgumentException("--alpha must be >= 0, got " + alpha);
            }
            if (beta < 0) {
                throw new IllegalArgumentException("--beta must be >= 0, got " + beta);
            }
            GarchLikelihood l = dataOptions.likelihood();
            List<Sensitivities> f = GarchForecast.forecast(l, theta, dataOptions.horizon);
            ObjectNode json = Json.object();
            json.put("hT", l.lastState(theta)[0]);
            ArrayNode fc = json.putArray("forecast");
            ArrayNode grad = json.putArray("gradient");
            for (Sensitivities s : f) {
                fc.add(s.value());
                grad.add(Json.array(s.delta()));
            }
            json.put("gradientOrder", "mu, omega, alpha, beta, y_T");
            if (paths != null) {
                GarchMonteCarlo.Forecast mc = GarchMonteCarlo.forecast(l, theta, dataOptions.horizon,
                        new McConfig(paths, common.seed, threads, false));
                ObjectNode m = json.putObject("monteCarlo");
                m.put("paths", paths);
                m.put("seed", common.seed);
                m.set("variance", mcJson(mc.variance()));
                m.set("squaredReturn", mcJson(mc.squaredReturn()));
                m.set("aggregateVariance", mcJson(mc.aggregateVariance()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Json.print(out, json);
            } else {
                out.print(TextReport.garchForecast(f, paths == null ? null : json.get("monteCarlo")));
                out.flush();
            }
        }

        private static ObjectNode mcJson(List<McResult> rs) {
            ObjectNode o = Json.object();
            ArrayNode v = o.putArray("value");
            ArrayNode se = o.putArray("stderr");
            ArrayNode g = o.putArray("gradient");
            ArrayNode gse = o.putArray("gradientStderr");
            for (McResult r : rs) {
                v.add(r.estimate().value());
                se.add(r.standardError().value());
                g.add(Json.array(r.estimate().delta()));
                gse.add(Json.array(r.standardError().delta()));
            }
            return o;
        }
    }

    private static void put(ObjectNode json, Garch11 p) {
        json.put("mu", p.mu());
        json.put("omega", p.omega());
        json.put("alpha", p.alpha());
        json.put("beta", p.beta());
    }

    private static ArrayNode list(List<Double> v) {
        return Json.array(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Signals exit code {@link #NOT_CONVERGED} after the command has said why. */
    static final class NotConverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotConverged() {
            super("GARCH fit did not converge", null, false, false);
        }
    }
}
