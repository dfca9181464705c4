package dev.sobolev.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sobolev.reports.model.ModelEvaluation;
import dev.sobolev.reports.model.ValidationReport;
import org.junit.jupiter.api.Test;

class ReportRendererTest {
    private static final String HOSTILE = "<script>alert(1)</script> & \"q\" 'a'";
    private static final String HOSTILE_ESCAPED =
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;";
    private static final Pattern JSON_BLOCK =
            Pattern.compile("<script type=\"application/json\" id=\"([^\"]+)-data\">(.*?)</script>", Pattern.DOTALL);
    private static final List<String> SECTIONS =
            List.of("results", "metrics", "parity", "level", "learning", "pruning", "data", "garch", "provenance");

    /** The document without the inlined plotly.js, whose own strings (URLs in comments, "NaN") are not ours. */
    private static String withoutPlotly(String html) {
        String script = PlotlyBundle.script();
        int at = html.indexOf(script);
        assertTrue(at >= 0, "plotly.js is inlined verbatim");
        return html.substring(0, at) + html.substring(at + script.length());
    }

    private static Map<String, JsonNode> figures(String html) throws Exception {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        Matcher m = JSON_BLOCK.matcher(html);
        while (m.find()) {
            figures.put(m.group(1), new ObjectMapper().readTree(m.group(2)));
        }
        return figures;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void isAnHtml5DocumentInEnglishAndUtf8() {
        String html = ReportRenderer.render(ReportFixtures.full("Report", 2, 16, 2));
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
        assertTrue(html.endsWith("</html>\n"));
        assertTrue(html.contains("<title>Report</title>"));
    }

    @Test
    void fullReportHasEverySectionInOrderWithoutNotAvailableLines() {
        String html = ReportRenderer.render(ReportFixtures.full("Report", 3, 16, 2));
        int last = -1;
        for (String id : SECTIONS) {
            int at = html.indexOf("<section id=\"" + id + "\">");
            assertTrue(at > last, id + " present and after the previous section");
            assertTrue(html.contains("<a href=\"#" + id + "\">"), id + " in the navigation");
            last = at;
        }
        assertFalse(html.contains("not available"), "every part of the full fixture is shown");
    }

    @Test
    void minimalReportSaysWhatIsNotAvailableAndLeavesOutGarch() throws Exception {
        String html = ReportRenderer.render(ReportFixtures.minimal("Minimal"));
        assertFalse(html.contains("<section id=\"garch\">"));
        assertFalse(html.contains("href=\"#garch\""));
        for (String line : List.of("Comparison with the slide: not available", "Protocol: not available",
                "Metrics: not available", "Learning curves: not available", "Pruning: not available",
                "Data set summary: not available", "Golden-basket Monte Carlo check: not available",
                "Seeds: not available", "Commands: not available", "Machine: not available")) {
            assertTrue(html.contains(line), line);
        }
        assertFalse(html.contains("chosen without looking at the test set"), "no protocol, no claim about it");
        // the one model still has its parity (value, two deltas, gamma) and level plots
        assertEquals(List.of("parity-0", "parity-1", "parity-2", "parity-3", "level-0"),
                List.copyOf(figures(html).keySet()));
    }

    @Test
    void hostileNamesAreEscapedEverywhere() throws Exception {
        String html = withoutPlotly(ReportRenderer.render(ReportFixtures.full(HOSTILE, 2, 16, 2)));
        assertFalse(html.contains("<script>alert"), "no injected element");
        assertFalse(html.contains(HOSTILE));
        // title, heading, summary, stage in tables and headings, input name, protocol fact, command
        assertTrue(count(html, HOSTILE_ESCAPED) >= 6, "the name is shown escaped");
        int plots = count(html, "<div class=\"plot\"");
        // plotly.js, one JSON block per plot, the drawing script: no other script element
        assertEquals(plots + 2, count(html + PlotlyBundle.script(), "<script"));
        // inside JSON, the name parses back as plotly text: & < > as the references plotly shows as characters
        String plotlyText = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\" 'a'";
        JsonNode parity = figures(html).get("parity-0");
        assertEquals(plotlyText, parity.get("data").get(0).get("name").asText());
        assertEquals("exact delta " + plotlyText,
                figures(html).get("parity-1").get("layout").get("xaxis").get("title").get("text").asText());
    }

    @Test
    void jsonBlocksParseBackToTheDataInSinglePrecision() throws Exception {
        ValidationReport report = ReportFixtures.full("Report", 2, 16, 2);
        Map<String, JsonNode> figures = figures(ReportRenderer.render(report));
        ModelEvaluation first = report.models().get(0);
        JsonNode value = figures.get("parity-0").get("data");
        assertEquals(3, value.size(), "one trace per model and the diagonal");
        assertEquals(List.of("Report", "pruned", "exact = predicted"),
                List.of(value.get(0).get("name").asText(), value.get(1).get("name").asText(),
                        value.get(2).get("name").asText()));
        assertEquals(floats(first.value().exact()), numbers(value.get(0).get("x")));
        assertEquals(floats(first.value().predicted()), numbers(value.get(0).get("y")));
        // gamma of the first model has NaN at row 1: a gap (null)
        JsonNode gamma = figures.get("parity-3").get("data").get(0).get("y");
        assertTrue(gamma.get(1).isNull());
        assertEquals((float) (double) first.gamma().predicted().get(2), gamma.get(2).floatValue());
        // learning curves: the validation NaN of epoch 4 is a gap; epochs count from 1
        JsonNode curves = figures.get("learning-curves").get("data");
        assertEquals(floats(report.learningCurves().get(0).trainLoss()), numbers(curves.get(0).get("y")));
        assertTrue(curves.get(1).get("y").get(3).isNull());
        assertEquals(1, curves.get(0).get("x").get(0).asInt());
        assertEquals("log", figures.get("learning-curves").get("layout").get("yaxis").get("type").asText());
        // the second curve has no validation loss: three traces for two curves
        assertEquals(3, curves.size());
        assertEquals("log", figures.get("pruning-trajectory").get("layout").get("xaxis").get("type").asText());
        for (JsonNode figure : figures.values()) {
            for (JsonNode trace : figure.get("data")) {
                assertTrue(List.of("scatter", "bar").contains(trace.get("type").asText()), "SVG trace types only");
            }
        }
    }

    @Test
    void parityTracesAreThinnedToAtMostAThousandEvenlyStridedRows() throws Exception {
        ValidationReport report = ReportFixtures.full("Report", 1, 2500, 1);
        JsonNode x = figures(ReportRenderer.render(report)).get("parity-0").get("data").get(0).get("x");
        // stride ceil(2500 / 1000) = 3: rows 0, 3, …, 2499, i.e. 834 points
        assertEquals(834, x.size());
        assertEquals((float) (double) report.models().get(0).value().exact().get(2499), x.get(833).floatValue());
    }

    @Test
    void notAvailableFiguresReadAsADashNeverNaN() {
        String html = withoutPlotly(ReportRenderer.render(ReportFixtures.full("Report", 2, 16, 2)));
        assertFalse(html.contains("NaN"));
        // the slide's missing gamma figure and the first decile's gamma R²
        assertTrue(html.contains("<td>" + Formats.MISSING + "</td>"));
        assertTrue(html.contains("<td class=\"num\">" + Formats.MISSING + "</td>"));
    }

    @Test
    void metricsHaveAnAllRowsAndADecileTablePerStageAndOutput() {
        String html = tight(ReportRenderer.render(ReportFixtures.full("Report", 2, 8, 1)));
        for (String stage : List.of("Report", "pruned")) {
            assertTrue(html.contains("<h3>" + stage + " — price</h3>"), stage);
        }
        assertEquals(2, count(html, "<th class=\"num\">max error</th>"), "one all-rows table per stage");
        assertEquals(2, count(html, "<th class=\"num\">R² value</th><th class=\"num\">RMSE value</th>"
                + "<th class=\"num\">R² delta</th><th class=\"num\">RMSE delta</th>"
                + "<th class=\"num\">R² gamma</th><th class=\"num\">RMSE gamma</th>"), "one decile table per stage");
        // the first stage's first decile: quality 1e-3, R² 1 − 1e-3, RMSE 1e-3 for value and delta; gamma R² NaN
        assertTrue(html.contains("<tr><td>decile 1</td><td>0.8 – 0.84</td><td class=\"num\">410</td>"
                + "<td class=\"num\">0.999000</td><td class=\"num\">1.0000E-03</td>"
                + "<td class=\"num\">0.999000</td><td class=\"num\">1.0000E-03</td>"
                + "<td class=\"num\">—</td><td class=\"num\">1.0000E-03</td></tr>"));
    }

    @Test
    void slideCellsAreMarkedWhereOursMatchesOrBeatsTheSlide() {
        String html = tight(ReportRenderer.render(ReportFixtures.full("Report", 1, 8, 1)));
        // oversized: 0.9999 ≥ 0.9998, 0.999 ≥ 0.998, 0.99 ≥ 0.97; pruned: 0.999 < 0.9995, 0.99 < 0.995
        assertTrue(html.contains("<td>0.999900&nbsp;✓</td><td>0.999800</td><td>0.999000&nbsp;✓</td><td>0.998000</td>"
                + "<td>0.990000&nbsp;✓</td><td>0.970000</td>"));
        assertTrue(html.contains("<td>0.999000</td><td>0.999500</td><td>0.990000</td><td>0.995000</td>"
                + "<td>—</td><td>—</td>"));
        assertTrue(html.contains("Slide comparison: 1 of 2 rows match or beat the slide&#39;s."));
    }

    @Test
    void referencesNothingOutsideThePage() {
        String html = withoutPlotly(ReportRenderer.render(ReportFixtures.full("https://example.com/x", 2, 16, 2)));
        Pattern external = Pattern.compile(
                "(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//|url\\(\\s*[\"']?\\s*(https?:)?//");
        assertFalse(external.matcher(html).find());
        assertTrue(html.contains("displaylogo: false"));
    }

    @Test
    void plotlyIsInlinedExactlyOnceFromTheWebJar() {
        String html = ReportRenderer.render(ReportFixtures.full("Report", 2, 16, 2));
        String script = PlotlyBundle.script();
        assertTrue(script.length() > 1_000_000, "the minified cartesian bundle, about 1 MB");
        assertTrue(script.startsWith("/**\n* plotly.js (cartesian - minified) v" + PlotlyBundle.version()));
        assertEquals(1, count(html, script.substring(0, 200)));
        assertEquals(1, count(html, "<script>\n" + script + "\n</script>"));
    }

    @Test
    void sameReportSameText() {
        assertEquals(ReportRenderer.render(ReportFixtures.full("Report", 3, 64, 3)),
                ReportRenderer.render(ReportFixtures.full("Report", 3, 64, 3)));
        assertNotEquals(ReportRenderer.render(ReportFixtures.full("Report", 3, 64, 3)),
                ReportRenderer.render(ReportFixtures.full("Report", 3, 64, 2)));
    }

    @Test
    void fiveModelsOf4096PointsStayUnderThreeMegabytes() {
        String html = ReportRenderer.render(ReportFixtures.full("Report", 5, 4096, 7));
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 3_000_000, bytes + " bytes");
    }

    @Test
    void formatsReadAsDocumented() {
        assertEquals("0.123457", Formats.r2(0.1234567));
        assertEquals("0.999999", Formats.r2(0.9999994));
        assertEquals("0.9999999807", Formats.r2(0.99999998074));
        assertEquals("1.000000", Formats.r2(1.0));
        assertEquals("1.2346E-03", Formats.error(0.00123456));
        assertEquals("0.0512346", Formats.general(0.05123456));
        assertEquals("1.23457e-07", Formats.general(1.234567e-7));
        assertEquals(Formats.MISSING, Formats.r2(Double.NaN));
        assertEquals(Formats.MISSING, Formats.error(Double.NaN));
        assertEquals(Formats.MISSING, Formats.general(Double.NaN));
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
    }

    private static List<Float> floats(List<Double> xs) {
        List<Float> out = new ArrayList<>();
        xs.forEach(x -> out.add((float) (double) x));
        return out;
    }

    private static List<Float> numbers(JsonNode array) {
        List<Float> out = new ArrayList<>();
        array.forEach(n -> out.add(n.floatValue()));
        return out;
    }

    /** The markup without the line breaks and indentation between tags that Tablesaw's writer (jsoup) adds. */
    private static String tight(String html) {
        return html.replaceAll(">\\s+<", "><");
    }
}
