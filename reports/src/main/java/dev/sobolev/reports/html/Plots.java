package dev.sobolev.reports.html;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plotly figures as HTML: a {@code <div class="plot">} and, beside it, the figure ({@code {"data":[…],
 * "layout":{…}}}) as JSON in a {@code <script type="application/json">} block, which {@link #newPlotScript} hands
 * to {@code Plotly.newPlot}. Only the SVG trace type {@code scatter} is used (never {@code scattergl}).
 * Coordinates are written in single precision (7 significant digits; a plot has about 10³ pixels a side), which
 * keeps a report of five models of 4096 test rows near 1 MB of data; NaN and infinities become {@code null} (a
 * gap). {@code <}, {@code >} and {@code &} are written as JSON unicode escapes, so no data can close the script
 * block. Text that plotly draws (trace names, axis titles) is plotly's pseudo-HTML, which knows tags such as
 * {@code <a href>} and {@code <br>} and decodes character references: names are passed through {@link #text} so
 * that they show as written and never become markup.
 */
final class Plots {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder(
            new JsonFactoryBuilder().characterEscapes(new HtmlSafeEscapes()).build()).build();

    /** The height of a plot, CSS pixels. */
    static final int HEIGHT = 380;

    /** The most points a trace of test rows shows; more are thinned to every k-th row ({@link #stride}). */
    static final int MAX_POINTS = 1000;

    /** plotly's default colour sequence, so that related traces (train and validation) can share a colour. */
    private static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    private Plots() {
    }

    /**
     * A figure: the plot's div, its JSON and a caption.
     *
     * @param id      the div's id, unique in the document
     * @param caption what the plot shows, as text
     * @param data    the traces
     * @param layout  the layout
     */
    static String figure(String id, String caption, ArrayNode data, ObjectNode layout) {
        ObjectNode figure = NODES.objectNode();
        figure.set("data", data);
        figure.set("layout", layout);
        String json;
        try {
            json = JSON.writeValueAsString(figure);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plot's JSON", e);
        }
        String safeId = Html.escape(id);
        return "<figure>\n<div class=\"plot\" id=\"" + safeId + "\"></div>\n<script type=\"application/json\" id=\""
                + safeId + "-data\">" + json + "</script>\n<figcaption>" + Html.escape(caption)
                + "</figcaption>\n</figure>\n";
    }

    /** The one script that draws every plot of the page from its JSON block. */
    static String newPlotScript() {
        return """
                <script>
                (function () {
                  var config = {staticPlot: false, displaylogo: false, responsive: true};
                  document.querySelectorAll('div.plot').forEach(function (div) {
                    var figure = JSON.parse(document.getElementById(div.id + '-data').textContent);
                    Plotly.newPlot(div, figure.data, figure.layout, config);
                  });
                  // print: redraw at the paper's width now (Plots.resize would redraw 100 ms too late), and back after
                  function fit(width) {
                    document.querySelectorAll('div.plot').forEach(function (div) {
                      Plotly.relayout(div, {width: width(div)});
                    });
                  }
                  window.addEventListener('beforeprint', function () {
                    fit(function (div) { return div.clientWidth; });
                  });
                  window.addEventListener('afterprint', function () { fit(function () { return null; }); });
                })();
                </script>
                """;
    }

    /** Text for plotly to show literally: {@code & < >} as the character references plotly decodes. */
    static String text(String raw) {
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The numbers as a JSON array in single precision, null for NaN, infinities and overflow. */
    static ArrayNode numbers(List<Double> xs) {
        ArrayNode a = NODES.arrayNode(xs.size());
        for (double x : xs) {
            float f = (float) x;
            if (Float.isFinite(f)) {
                a.add(f);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    /** The stride k that thins n rows to at most {@link #MAX_POINTS}: rows 0, k, 2k, …. */
    static int stride(int n) {
        return Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    }

    /** Every k-th element, from the first. */
    static List<Double> every(List<Double> xs, int k) {
        return IntStream.range(0, (xs.size() + k - 1) / k).mapToObj(i -> xs.get(i * k)).toList();
    }

    /** The i-th colour of the sequence, cycling. */
    static String colour(int i) {
        return COLOURS.get(i % COLOURS.size());
    }

    /** 1, 2, …, n as a JSON array (epochs, observations, unit numbers). */
    static ArrayNode counting(int n) {
        ArrayNode a = NODES.arrayNode(n);
        for (int i = 1; i <= n; i++) {
            a.add(i);
        }
        return a;
    }

    /** A new empty trace list. */
    static ArrayNode traces() {
        return NODES.arrayNode();
    }

    /**
     * A scatter trace.
     *
     * @param name legend entry
     * @param mode {@code markers}, {@code lines} or {@code lines+markers}
     * @param x    abscissae
     * @param y    ordinates
     */
    static ObjectNode scatter(String name, String mode, ArrayNode x, ArrayNode y) {
        ObjectNode t = NODES.objectNode();
        t.put("type", "scatter");
        t.put("mode", mode);
        t.put("name", text(name));
        t.set("x", x);
        t.set("y", y);
        if (mode.contains("markers")) {
            t.putObject("marker").put("size", 4).put("opacity", 0.6);
        }
        if (mode.contains("lines")) {
            t.putObject("line").put("width", 1.5);
        }
        return t;
    }

    /**
     * A layout with titled axes.
     *
     * @param xTitle the x axis title
     * @param xLog   whether x is logarithmic
     * @param yTitle the y axis title
     * @param yLog   whether y is logarithmic
     */
    static ObjectNode layout(String xTitle, boolean xLog, String yTitle, boolean yLog) {
        ObjectNode l = NODES.objectNode();
        l.put("height", HEIGHT);
        l.put("autosize", true);
        l.put("hovermode", "closest");
        l.put("paper_bgcolor", "#ffffff");
        l.put("plot_bgcolor", "#ffffff");
        l.putObject("font").put("family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif").put("size", 12);
        l.putObject("margin").put("l", 70).put("r", 20).put("t", 40).put("b", 50);
        l.putObject("legend").put("orientation", "h").put("x", 0).put("xanchor", "left").put("y", 1.02)
                .put("yanchor", "bottom");
        l.set("xaxis", axis(xTitle, xLog));
        l.set("yaxis", axis(yTitle, yLog));
        return l;
    }

    /** Puts the legend inside the plot's top left corner, framed (parity plots leave that corner empty). */
    static void legendInside(ObjectNode layout) {
        layout.putObject("legend").put("x", 0.02).put("xanchor", "left").put("y", 0.98).put("yanchor", "top")
                .put("bgcolor", "rgba(255,255,255,0.85)").put("bordercolor", "#cccccc").put("borderwidth", 1);
    }

    /** Puts the legend in a column right of the plot (for many traces). */
    static void legendRight(ObjectNode layout) {
        layout.putObject("legend").put("orientation", "v").put("x", 1.02).put("xanchor", "left").put("y", 1)
                .put("yanchor", "top");
    }

    private static ObjectNode axis(String title, boolean log) {
        ObjectNode a = NODES.objectNode();
        a.putObject("title").put("text", text(title));
        a.put("type", log ? "log" : "linear");
        a.put("zeroline", false);
        a.put("gridcolor", "#e4e4e4");
        a.put("linecolor", "#444444");
        a.put("mirror", true);
        a.put("showline", true);
        a.put("automargin", true);
        a.put("exponentformat", "e");
        return a;
    }

    /** Escapes the characters that could end or comment a script block, as JSON unicode escapes. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
