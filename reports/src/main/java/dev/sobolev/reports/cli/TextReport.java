package dev.sobolev.reports.cli;

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
}
