package dev.sobolev.reports.model;

/**
 * The golden-basket check (REFERENCES.md §1): Monte Carlo against the closed form.
 *
 * @param closedForm the exact price
 * @param monteCarlo the Monte Carlo estimate
 * @param stderr     its standard error
 * @param zScore     (Monte Carlo − closed form)/stderr
 * @param paths      Monte Carlo paths
 */
public record PriceCheckSummary(double closedForm, double monteCarlo, double stderr, double zScore, long paths) {
}
