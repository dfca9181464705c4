package dev.sobolev.cli;

import java.io.PrintWriter;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.bachelier.BachelierFormulas;
import dev.sobolev.pricing.montecarlo.McConfig;
import dev.sobolev.pricing.montecarlo.McResult;
import dev.sobolev.pricing.montecarlo.MonteCarloEngine;
import dev.sobolev.pricing.payoff.Payoff;
import dev.sobolev.pricing.sensitivities.Sensitivities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev price}: prices an option. */
@Command(name = "price", mixinStandardHelpOptions = true, description = "Price an option with its sensitivities.",
        subcommands = PriceCommand.Bachelier.class)
final class PriceCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw ParseErrors.missingSubcommand(spec.commandLine());
    }

    /** {@code sobolev price bachelier}: closed form, or Monte Carlo with {@code --paths}. */
    @Command(name = "bachelier", mixinStandardHelpOptions = true,
            description = {"Basket option in the Bachelier model: exact closed form (call, smoothed call), or Monte "
                    + "Carlo with pathwise deltas, gammas (smoothed payoffs) and standard errors when --paths is given."},
            sortOptions = false)
    static final class Bachelier implements Runnable {
        @Option(names = "--spots", required = true, description = "Spot prices S_i(0), comma-separated.")
        String spots;
        @Option(names = "--weights", required = true, description = "Basket weights w_i, comma-separated.")
        String weights;
        @Option(names = "--vols", required = true,
                description = "Absolute (normal) vols sigma_i per sqrt(year), comma-separated, >= 0.")
        String vols;
        @Option(names = "--corr", description = "Correlation matrix, rows separated by ';', e.g. \"1,0.5;0.5,1\" "
                + "(required for more than one asset).")
        String corr;
        @Option(names = "--strike", required = true, description = "Strike K.")
        double strike;
        @Option(names = "--maturity", required = true, description = "Expiry T in years, > 0.")
        double maturity;
        @Option(names = "--payoff", defaultValue = "call",
                description = "call, smoothed-call, digital or smoothed-digital (default: ${DEFAULT-VALUE}).")
        PayoffKind payoff;
        @Option(names = "--width", description = "Smoothing width w of the smoothed payoffs (default: 1%% of the "
                + "basket standard deviation).")
        Double width;
        @Option(names = "--paths", description = "Monte Carlo paths; without it the closed form is used.")
        Long paths;
        @Option(names = "--no-antithetic", description = "Monte Carlo without antithetic variates.")
        boolean noAntithetic;
        @Option(names = "--hv", description = "Hessian-vector product directions, rows separated by ';' (Monte Carlo: "
                + "smoothed payoffs only).")
        String hv;
        @Mixin
        CommonOptions common;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            int threads = common.threads();
            double[] s = Parsing.vector("--spots", spots);
            double[][] c;
            if (corr == null) {
                if (s.length > 1) {
                    throw new IllegalArgumentException("--corr is required for " + s.length + " assets");
                }
                c = new double[][] {{1.0}};
            } else {
                c = Parsing.matrix("--corr", corr);
            }
            BachelierBasket basket = new BachelierBasket(s, Parsing.vector("--weights", weights),
                    Parsing.vector("--vols", vols), c, strike, maturity);
            Payoff p = payoff(basket);
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode json = Json.object();
            json.put("payoff", p.describe());
            double[][] dirs = hv == null ? new double[0][] : Parsing.matrix("--hv", hv);
            for (int k = 0; k < dirs.length; k++) {
                if (dirs[k].length != s.length) {
                    throw new IllegalArgumentException("--hv row " + (k + 1) + " has " + dirs[k].length
                            + " entries, expected " + s.length);
                }
                for (int j = 0; j < dirs[k].length; j++) {
                    if (!Double.isFinite(dirs[k][j])) {
                        throw new IllegalArgumentException("--hv row " + (k + 1) + ", column " + (j + 1)
                                + " must be finite, got " + dirs[k][j]);
                    }
                }
            }
            if (paths != null && dirs.length > 0 && !payoff.smoothed()) {
                throw new IllegalArgumentException("--hv with --paths needs a smoothed payoff (smoothed-call or "
                        + "smoothed-digital), got --payoff " + Converters.label(payoff));
            }
            if (paths == null) {
                Sensitivities r = BachelierFormulas.price(basket, p);
                if (dirs.length > 0) {
                    double[][] products = new double[dirs.length][];
                    for (int k = 0; k < dirs.length; k++) {
                        products[k] = r.gammaTimes(dirs[k]);
                    }
                    r = r.withHessianVector(dirs, products);
                }
                json.put("method", "closed-form");
                put(json, r);
                emit(out, json, r, null);
            } else {
                long t0 = System.nanoTime();
                McResult r = MonteCarloEngine.price(basket, p,
                        new McConfig(paths, common.seed, threads, !noAntithetic), dirs);
                json.put("method", "monte-carlo");
                put(json, r.estimate());
                json.put("stderr", r.standardError().value());
                ObjectNode se = json.putObject("standardErrors");
                put(se, r.standardError());
                se.remove("price");
                json.put("paths", r.paths());
                json.put("samples", r.samples());
                json.put("seed", r.seed());
                json.put("antithetic", r.antithetic());
                json.put("threads", threads);
                json.put("seconds", (System.nanoTime() - t0) / 1e9);
                emit(out, json, r.estimate(), r.standardError());
            }
        }

        private Payoff payoff(BachelierBasket basket) {
            if (width != null && !payoff.smoothed()) {
                throw new IllegalArgumentException("--width applies to smoothed payoffs only, got --payoff "
                        + Converters.label(payoff));
            }
            if (width != null && (!(width > 0) || !Double.isFinite(width))) {
                throw new IllegalArgumentException("--width must be finite and > 0, got " + width);
            }
            return payoff.create(strike, width != null ? width : 0.01 * basket.basketStdDev());
        }

        private static void put(ObjectNode json, Sensitivities r) {
            json.put("price", r.value());
            if (r.hasDelta()) {
                json.set("delta", Json.array(r.delta()));
            }
            if (r.hasGamma()) {
                json.set("gamma", Json.matrix(r.gamma()));
            }
            if (r.vega().isPresent()) {
                json.put("vega", r.vega().getAsDouble());
            }
            if (r.directionCount() > 0) {
                double[][] hv = new double[r.directionCount()][];
                for (int k = 0; k < hv.length; k++) {
                    hv[k] = r.hessianVector(k);
                }
                json.set("hv", Json.matrix(hv));
            }
        }

        private void emit(PrintWriter out, ObjectNode json, Sensitivities r, Sensitivities se) {
            if (common.json) {
                Json.print(out, json);
                return;
            }
            out.println(TextReport.sensitivities(json.get("method").asText(), json.get("payoff").asText(), r, se,
                    json.has("paths") ? json.get("paths").asLong() : 0, common.seed));
        }
    }
}
