package dev.sobolev.reports.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check itself: it sees undrawn plots, console errors, exceptions and requests that try to leave. */
class ChromiumTest {
    @Test
    void reportsWhatABrokenPageDoes(@TempDir Path dir) throws Exception {
        Chromium.assumeAvailable();
        Path html = dir.resolve("broken.html");
        Files.writeString(html, """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>broken</title></head><body>
                <div class="plot" id="empty"><svg class="main-svg"><g class="trace"></g></svg></div>
                <div class="plot" id="drawn">
                  <svg class="main-svg"><g class="trace"><path d="M0,0L10,10"/></g></svg>
                </div>
                <img src="https://example.invalid/pixel.png" alt="">
                <script>console.error('boom'); throw new Error('thrown');</script>
                </body></html>
                """);
        Path screenshot = dir.resolve("broken.png");

        Chromium.Page page = Chromium.open(html, screenshot);

        assertEquals(2, page.plots());
        assertEquals(1, page.drawnPlots(), "a trace group without a path is not drawn");
        assertEquals(List.of("https://example.invalid/pixel.png"), page.externalRequests());
        assertTrue(page.consoleErrors().contains("console.error: boom"), page.consoleErrors().toString());
        assertTrue(page.consoleErrors().stream().anyMatch(e -> e.startsWith("exception:") && e.contains("thrown")),
                page.consoleErrors().toString());
        assertTrue(Files.size(screenshot) > 0);
        try (Stream<Path> left = Files.list(Chromium.PROFILES)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("sobolev-chromium-"))
                    .toList(), "the profile directory is deleted");
        }
    }
}
