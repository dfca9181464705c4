package dev.sobolev.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.sobolev.reports.browser.Chromium;
import org.junit.jupiter.api.Test;

/**
 * The rendered report in real headless Chromium, offline: every plot draws, the console stays clean, nothing is
 * requested from the network. The page and its screenshot stay in {@code target/} as build artefacts
 * ({@code report-fixture.html}, {@code report-screenshot.png}).
 */
class ReportBrowserTest {
    private static final Path TARGET = Path.of("target");

    @Test
    void everyPlotDrawsOfflineWithACleanConsole() throws Exception {
        Chromium.assumeAvailable();
        Path html = TARGET.resolve("report-fixture.html");
        Path screenshot = TARGET.resolve("report-screenshot.png");
        Files.createDirectories(TARGET);
        Files.writeString(html, ReportRenderer.render(ReportFixtures.full("Sobolev validation report (fixture)", 5,
                1200, 3)), StandardCharsets.UTF_8);

        Chromium.Page page = Chromium.open(html, screenshot);

        // five models: value, three deltas and gamma parity; five level plots; learning curves; pruning trajectory
        // and significance; GARCH variance
        assertEquals(5 + 5 + 1 + 2 + 1, page.plots());
        assertEquals(page.plots(), page.drawnPlots(), "every plot drew a trace into its SVG");
        assertEquals(List.of(), page.consoleErrors());
        assertEquals(List.of(), page.externalRequests());
        byte[] png = Files.readAllBytes(screenshot);
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
    }
}
