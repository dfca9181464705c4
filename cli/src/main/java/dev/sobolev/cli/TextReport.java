package dev.sobolev.cli;

import java.util.Locale;

import dev.sobolev.pricing.sensitivities.Sensitivities;

/** Human-readable renderings of results (pure: data in, text out). */
final class TextReport {
    private TextReport() {
    }

    static String sensitivities(String method, String payoff, Sensitivities r, Sensitivities se, long paths, long seed) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Bachelier basket %s, %s%s%n", payoff, method,
                se == null ? "" : String.format(Locale.ROOT, " (%d paths, seed %d)", paths, seed)));
        b.append(line("price", r.value(), se == null ? null : se.value()));
        if (r.vega().isPresent()) {
            b.append(line("vega", r.vega().getAsDouble(),
                    se == null || se.vega().isEmpty() ? null : se.vega().getAsDouble()));
        }
        if (r.hasDelta()) {
            for (int i = 0; i < r.dimension(); i++) {
                b.append(line("delta[" + i + "]", r.delta(i), se == null ? null : se.delta(i)));
            }
        }
        if (r.hasGamma()) {
            b.append("gamma").append(System.lineSeparator());
            for (int i = 0; i < r.dimension(); i++) {
                StringBuilder row = new StringBuilder("  ");
                for (int j = 0; j < r.dimension(); j++) {
                    row.append(String.format(Locale.ROOT, " %14.8g", r.gamma(i, j)));
                }
                b.append(row).append(System.lineSeparator());
            }
        }
        return b.toString().stripTrailing();
    }

    private static String line(String name, double value, Double se) {
        return se == null
                ? String.format(Locale.ROOT, "%-10s %16.10f%n", name, value)
                : String.format(Locale.ROOT, "%-10s %16.10f  ± %.2e (1 SE)%n", name, value, se);
    }

    static String garchFit(dev.sobolev.pricing.garch.GarchFit fit, int n, String data,
                           java.util.List<Sensitivities> forecast, double hT) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "GARCH(1,1), constant mean, FCP conventions (h0 = sample variance)%n"));
        b.append(String.format(Locale.ROOT, "Data: %s, %d observations; converged in %d iterations, max |gradient| %.2e%n%n",
                data, n, fit.iterations(), fit.gradientNorm()));
        b.append(String.format(Locale.ROOT, "%-8s %16s %12s %9s %9s %12s %12s%n", "", "coefficient", "std. error",
                "z", "p-value", "se(OPG)", "se(QML)"));
        double[] est = fit.estimate().toArray();
        for (int i = 0; i < 4; i++) {
            double se = fit.seHessian().get(i);
            double z = est[i] / se;
            double p = 2 * (1 - dev.sobolev.pricing.bachelier.BachelierFormulas.normalCdf(Math.abs(z)));
            b.append(String.format(Locale.ROOT, "%-8s %16.10f %12.6g %9.3f %9.4f %12.6g %12.6g%n",
                    dev.sobolev.pricing.garch.Garch11.NAMES.get(i), est[i], se, z, p, fit.seOpg().get(i),
                    fit.seSandwich().get(i)));
        }
        b.append(String.format(Locale.ROOT, "%nLog-likelihood %.11f%nStandard errors: Hessian (observed information); "
                + "OPG = outer product of gradients (BHHH); QML = Bollerslev-Wooldridge sandwich%n%n", fit.logLikelihood()));
        b.append(String.format(Locale.ROOT, "%-10s %.12f%n", "h_T", hT));
        for (int k = 0; k < forecast.size(); k++) {
            b.append(String.format(Locale.ROOT, "%-10s %.12f%n", "h_{T+" + (k + 1) + "}", forecast.get(k).value()));
        }
        return b.toString();
    }

    static String garchForecast(java.util.List<Sensitivities> forecast, com.fasterxml.jackson.databind.JsonNode mc) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-6s %16s %14s %14s %14s %14s %14s%s%n", "k", "h_{T+k}", "d/dmu", "d/domega",
                "d/dalpha", "d/dbeta", "d/dy_T", mc == null ? "" : "   MC E[h] (SE)"));
        for (int k = 0; k < forecast.size(); k++) {
            Sensitivities s = forecast.get(k);
            b.append(String.format(Locale.ROOT, "%-6d %16.12f %14.6g %14.6g %14.6g %14.6g %14.6g", k + 1, s.value(),
                    s.delta(0), s.delta(1), s.delta(2), s.delta(3), s.delta(4)));
            if (mc != null) {
                b.append(String.format(Locale.ROOT, "   %.8f (%.1e)", mc.get("variance").get("value").get(k).asDouble(),
                        mc.get("variance").get("stderr").get(k).asDouble()));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }
}
