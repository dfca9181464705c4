package dev.sobolev.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * A plot of an {@link ExperimentSection}: line or marker series (with optional error bars) on two axes, or one
 * surface drawn as a contour map (a likelihood surface), with optional marker series on top.
 *
 * @param id       HTML id, lower-case letters, digits and dashes
 * @param caption  what the plot shows
 * @param x        horizontal axis
 * @param y        vertical axis
 * @param series   the series
 * @param surfaces zero or one contour surface
 */
public record Figure(String id, String caption, Axis x, Axis y, List<Series> series, List<Surface> surfaces) {
    /** Checks the parts and copies the lists. */
    public Figure {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("figure id must be lower-case letters, digits and dashes, got " + id);
        }
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        series = List.copyOf(series);
        surfaces = List.copyOf(surfaces);
        if (surfaces.size() > 1) {
            throw new IllegalArgumentException("a figure draws at most one surface, got " + surfaces.size());
        }
        if (series.isEmpty() && surfaces.isEmpty()) {
            throw new IllegalArgumentException("figure " + id + " has nothing to draw");
        }
    }

    /**
     * A line figure.
     *
     * @param id      HTML id
     * @param caption what it shows
     * @param x       horizontal axis
     * @param y       vertical axis
     * @param series  the series
     * @return the figure
     */
    public static Figure lines(String id, String caption, Axis x, Axis y, List<Series> series) {
        return new Figure(id, caption, x, y, series, List.of());
    }

    /**
     * An axis.
     *
     * @param title label with units
     * @param log   whether the scale is logarithmic
     */
    public record Axis(String title, boolean log) {
        /** Checks the title. */
        public Axis {
            Objects.requireNonNull(title, "title");
        }
    }

    /** How a series is drawn. */
    public enum Style {
        /** Joined points. */
        LINES,
        /** Points only. */
        MARKERS,
        /** Joined points with markers. */
        LINES_AND_MARKERS
    }

    /**
     * One series: points (x, y) with an optional symmetric error bar each.
     *
     * @param name  legend entry
     * @param style how it is drawn
     * @param x     abscissae
     * @param y     ordinates, as many as {@code x}
     * @param error half-widths of the error bars, empty or as many as {@code x}
     */
    public record Series(String name, Style style, List<Double> x, List<Double> y, List<Double> error) {
        /** Checks the lengths and copies the lists. */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(style, "style");
            x = List.copyOf(x);
            y = List.copyOf(y);
            error = List.copyOf(error);
            if (x.size() != y.size() || !(error.isEmpty() || error.size() == x.size())) {
                throw new IllegalArgumentException("series " + name + " has " + x.size() + " x, " + y.size()
                        + " y and " + error.size() + " error values");
            }
        }

        /**
         * A series without error bars.
         *
         * @param name  legend entry
         * @param style how it is drawn
         * @param x     abscissae
         * @param y     ordinates
         * @return the series
         */
        public static Series of(String name, Style style, List<Double> x, List<Double> y) {
            return new Series(name, style, x, y, List.of());
        }
    }

    /**
     * A surface z(x, y) on a grid, drawn as a contour map.
     *
     * @param name legend entry (the quantity, e.g. "log-likelihood")
     * @param x    grid abscissae, increasing
     * @param y    grid ordinates, increasing
     * @param z    z[i][j] at (x[j], y[i]): y.size() rows of x.size() values
     */
    public record Surface(String name, List<Double> x, List<Double> y, List<List<Double>> z) {
        /** Checks the grid and copies the lists. */
        public Surface {
            Objects.requireNonNull(name, "name");
            x = List.copyOf(x);
            y = List.copyOf(y);
            z = z.stream().map(List::copyOf).toList();
            int columns = x.size();
            if (z.size() != y.size() || z.stream().anyMatch(row -> row.size() != columns)) {
                throw new IllegalArgumentException("surface " + name + " needs " + y.size() + " rows of " + x.size()
                        + " values");
            }
        }
    }
}
