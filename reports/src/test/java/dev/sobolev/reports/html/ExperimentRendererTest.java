package dev.sobolev.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.sobolev.reports.browser.Chromium;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.Figure;
import dev.sobolev.reports.model.NamedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The experiment page: escaped text and tables, every figure kind, offline drawing in headless Chromium. */
class ExperimentRendererTest {
    private static final Path TARGET = Path.of("target");

    /** A report with a table, a line figure with error bars and a contour figure with markers on top. */
    static ExperimentReport fixture() {
        Table t = Table.create("rmse", StringColumn.create("method", "ridge", "<b>ridge-gradients</b>"),
                DoubleColumn.create("rmse", 0.351234567, 0.3087654321));
        Figure.Axis size = new Figure.Axis("training size", false);
        Figure lines = Figure.lines("sweep", "RMSE against size", size, new Figure.Axis("RMSE", true), List.of(
                new Figure.Series("ridge", Figure.Style.LINES_AND_MARKERS, List.of(10.0, 12.0, 14.0),
                        List.of(0.5, 0.4, 0.35), List.of(0.05, 0.04, 0.03)),
                Figure.Series.of("ridge & <gradients>", Figure.Style.LINES, List.of(10.0, 12.0, 14.0),
                        List.of(0.45, 0.38, 0.33))));
        Figure surface = new Figure("surface", "log-likelihood", new Figure.Axis("θ₁", false),
                new Figure.Axis("θ₂", false),
                List.of(Figure.Series.of("θ*", Figure.Style.MARKERS, List.of(5.0), List.of(5.0))),
                List.of(new Figure.Surface("log L", List.of(0.0, 5.0, 10.0), List.of(0.0, 5.0),
                        List.of(List.of(-3.0, -1.0, -2.0), List.of(-2.0, 0.0, -1.5)))));
        ExperimentSection s = new ExperimentSection("ridge", "Ridge-gradients", "Text with <script>alert(1)</script>.",
                List.of(new Fact("mean RMSE", "0.31")), List.of(new NamedTable("rmse", "test RMSE", t)),
                List.of(lines, surface));
        return new ExperimentReport("ridge", "Experiment: ridge", "summary line", List.of(s),
                List.of(new Fact("seed", "42")));
    }

    @Test
    void rendersEscapedSectionsTablesAndBothFigureKinds() {
        String html = ExperimentRenderer.render(fixture());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script>alert(1)"), "paragraph text is escaped");
        assertFalse(html.contains("<b>ridge-gradients</b>"), "table cells are escaped");
        assertTrue(html.contains("0.351235"), "decimals to 6 significant digits");
        assertTrue(html.contains("\"type\":\"contour\""));
        assertTrue(html.contains("\"error_y\""));
        assertTrue(html.contains("id=\"ridge-sweep\"") && html.contains("id=\"ridge-surface\""));
        assertTrue(html.contains("href=\"#provenance\""));
        String page = html.replace(PlotlyBundle.script(), "");
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//|url\\(\\s*[\"']?\\s*(https?:)?//")
                .matcher(page).find(), "nothing outside the page is referenced");
    }

    @Test
    void everyPlotDrawsOfflineWithACleanConsole() throws Exception {
        Chromium.assumeAvailable();
        Files.createDirectories(TARGET);
        Path html = TARGET.resolve("experiment-fixture.html");
        Files.writeString(html, ExperimentRenderer.render(fixture()), StandardCharsets.UTF_8);
        Chromium.Page page = Chromium.open(html, TARGET.resolve("experiment-screenshot.png"));
        assertEquals(2, page.plots());
        assertEquals(2, page.drawnPlots());
        assertEquals(List.of(), page.consoleErrors());
        assertEquals(List.of(), page.externalRequests());
    }
}
