package dev.sobolev.reports.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens an HTML file in real headless Chromium with the network switched off and reports what a reader would see:
 * how many plotly plots the page has, how many of them drew a trace into their SVG, every console error, uncaught
 * exception and browser log error, and every request that tried to leave the machine; a full-page screenshot is
 * written beside. Driven over the Chrome DevTools Protocol with the JDK's WebSocket (no WebDriver). The browser runs
 * with a new temporary profile and is killed, and the profile deleted, whatever happens.
 *
 * <p>Use from any test of the module: {@code Chromium.assumeAvailable(); Chromium.Page page = Chromium.open(html,
 * screenshot);}.
 */
public final class Chromium {
    /** Debian's Chromium. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** Set to {@code 1} to make a missing browser a failure instead of a skipped test (CI sets it). */
    public static final String REQUIRE_VARIABLE = "SOBOLEV_REQUIRE_BROWSER";

    /** How long the plots may take to draw before the check fails (not a performance assertion). */
    public static final Duration RENDER_TIMEOUT = Duration.ofSeconds(60);

    /** The viewport of the page: a laptop screen, CSS pixels. */
    public static final int WIDTH = 1280;

    /** The viewport's height, CSS pixels (the screenshot is of the whole page). */
    public static final int HEIGHT = 900;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where each browser's throw-away profile directory is made: under the module's {@code target/}, so that builds
     * running side by side never see each other's profiles.
     */
    static final Path PROFILES = Path.of("target", "chromium-profiles").toAbsolutePath();

    /**
     * Counts plots and plots with a drawn trace: a {@code div.plot} counts as rendered when plotly put its
     * {@code svg.main-svg} into it, as drawn when a trace path in it has coordinates (a marker, a line or a bar) or
     * a heatmap image has its data.
     */
    private static final String PLOTS = """
            (() => {
              const plots = [...document.querySelectorAll('div.plot')];
              const rendered = plots.filter(d => d.querySelector('svg.main-svg'));
              const marks = 'svg.main-svg .trace path, svg.main-svg .hm image';
              const drawn = rendered.filter(d => [...d.querySelectorAll(marks)]
                  .some(e => e.tagName.toLowerCase() === 'image' ? !!e.getAttribute('href')
                                                                 : /[0-9]/.test(e.getAttribute('d') || '')));
              return JSON.stringify({ready: document.readyState === 'complete', plots: plots.length,
                                     rendered: rendered.length, drawn: drawn.length});
            })()""";

    private Chromium() {
    }

    /**
     * What the page showed.
     *
     * @param plots            {@code div.plot} elements
     * @param drawnPlots       plots whose SVG has at least one drawn trace
     * @param consoleErrors    uncaught exceptions, console errors, warnings and assertions (plotly's warnings come
     *                         through {@code console.trace}, so those too), and browser log errors, one line each
     * @param externalRequests URLs the page requested other than {@code file:}, {@code data:} and {@code about:}
     */
    public record Page(int plots, int drawnPlots, List<String> consoleErrors, List<String> externalRequests) {
        /** Copies the lists. */
        public Page {
            consoleErrors = List.copyOf(consoleErrors);
            externalRequests = List.copyOf(externalRequests);
        }
    }

    /** Skips the calling test when {@link #BINARY} is absent, or fails it when {@value #REQUIRE_VARIABLE}=1. */
    public static void assumeAvailable() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = "headless Chromium not found at " + BINARY + "; install Debian's chromium to run this check";
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
            Assertions.fail(message + " (" + REQUIRE_VARIABLE + "=1 requires it)");
        }
        Assumptions.abort(message + " (skipped)");
    }

    /**
     * Opens the file offline, waits until every plot has drawn (or fails after {@link #RENDER_TIMEOUT}), collects
     * errors and requests, and writes a full-page PNG screenshot.
     *
     * @param html       the page
     * @param screenshot where the PNG goes (replaced)
     * @return what the page showed
     */
    public static Page open(Path html, Path screenshot) throws IOException, InterruptedException {
        try (Browser browser = Browser.launch()) {
            Session page = browser.page(html);
            Page result = page.inspect();
            page.screenshot(screenshot);
            return result;
        }
    }

    /** A running browser with its profile directory and DevTools connection. */
    private static final class Browser implements AutoCloseable {
        private final Process process;
        private final Path profile;
        private final Deque<String> stderr = new ArrayDeque<>();
        private DevTools devTools;

        private Browser(Process process, Path profile) {
            this.process = process;
            this.profile = profile;
        }

        static Browser launch() throws IOException, InterruptedException {
            Files.createDirectories(PROFILES);
            Path profile = Files.createTempDirectory(PROFILES, "sobolev-chromium-");
            ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Browser browser;
            try {
                browser = new Browser(builder.start(), profile);
            } catch (IOException e) {
                deleteTree(profile);
                throw e;
            }
            try {
                browser.devTools = DevTools.connect(browser.endpoint());
                return browser;
            } catch (IOException | InterruptedException | RuntimeException e) {
                browser.close();
                throw e;
            }
        }

        /** Reads standard error (on a thread that keeps draining it) until Chromium names its endpoint. */
        private URI endpoint() throws IOException, InterruptedException {
            CompletableFuture<URI> endpoint = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (stderr) {
                            stderr.addLast(line);
                            if (stderr.size() > 40) {
                                stderr.removeFirst();
                            }
                        }
                        int at = line.indexOf("DevTools listening on ws://");
                        if (at >= 0) {
                            endpoint.complete(URI.create(line.substring(at + "DevTools listening on ".length())
                                    .strip()));
                        }
                    }
                } catch (IOException e) {
                    endpoint.completeExceptionally(e);
                }
                endpoint.completeExceptionally(new IOException("Chromium exited without a DevTools endpoint"));
            }, "chromium-stderr");
            reader.setDaemon(true);
            reader.start();
            try {
                return endpoint.get(DevTools.REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("Chromium did not start: " + stderrTail(), e);
            }
        }

        private String stderrTail() {
            synchronized (stderr) {
                return String.join(" | ", stderr);
            }
        }

        /** A new tab attached as a flat session, offline, with the domains enabled, showing the file. */
        Session page(Path html) throws IOException, InterruptedException {
            String target = devTools.call(null, "Target.createTarget", DevTools.params().put("url", "about:blank"))
                    .get("targetId").asText();
            String session = devTools.call(null, "Target.attachToTarget",
                    DevTools.params().put("targetId", target).put("flatten", true)).get("sessionId").asText();
            Session page = new Session(devTools, session);
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                page.call(domain + ".enable", null);
            }
            page.call("Network.emulateNetworkConditions", DevTools.params().put("offline", true).put("latency", 0)
                    .put("downloadThroughput", -1).put("uploadThroughput", -1));
            page.call("Emulation.setDeviceMetricsOverride", DevTools.params().put("width", WIDTH)
                    .put("height", HEIGHT).put("deviceScaleFactor", 1).put("mobile", false));
            CompletableFuture<JsonNode> loaded = devTools.next("Page.loadEventFired");
            JsonNode navigated = page.call("Page.navigate",
                    DevTools.params().put("url", html.toAbsolutePath().toUri().toString()));
            if (navigated.hasNonNull("errorText")) {
                throw new IOException("cannot open " + html + ": " + navigated.get("errorText").asText());
            }
            DevTools.await(loaded, "load of " + html);
            return page;
        }

        @Override
        public void close() {
            try {
                if (devTools != null) {
                    devTools.close();
                }
            } finally {
                List<ProcessHandle> children = process.descendants().toList();
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
                for (ProcessHandle child : children) {
                    child.destroyForcibly();
                    child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
                }
                deleteTree(profile);
            }
        }
    }

    /** One tab's session. */
    private record Session(DevTools devTools, String id) {
        JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
            return devTools.call(id, method, params);
        }

        /** Waits for the plots, then reads the page's events. */
        Page inspect() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + RENDER_TIMEOUT.toNanos();
            while (true) {
                JsonNode value = call("Runtime.evaluate", DevTools.params().put("expression", PLOTS)
                        .put("returnByValue", true)).path("result").path("value");
                JsonNode state = JSON.readTree(value.asText());
                int plots = state.get("plots").asInt();
                if (state.get("ready").asBoolean() && state.get("rendered").asInt() == plots) {
                    return events(plots, state.get("drawn").asInt());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("plots not drawn within " + RENDER_TIMEOUT.toSeconds() + " s: " + state
                            + "; " + events(plots, state.get("drawn").asInt()));
                }
                Thread.sleep(100);
            }
        }

        /** The errors and outside requests among the events of this tab (its DevTools {@code sessionId}) so far. */
        private Page events(int plots, int drawn) {
            List<String> errors = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            for (JsonNode event : devTools.events()) {
                if (!id.equals(event.path("sessionId").asText())) {
                    continue;
                }
                JsonNode p = event.path("params");
                switch (event.path("method").asText()) {
                    case "Runtime.exceptionThrown" -> errors.add("exception: "
                            + p.path("exceptionDetails").path("text").asText() + " "
                            + p.path("exceptionDetails").path("exception").path("description").asText());
                    case "Runtime.consoleAPICalled" -> {
                        String type = p.path("type").asText();
                        if (List.of("error", "warning", "assert", "trace").contains(type)) {
                            StringBuilder line = new StringBuilder("console." + type + ":");
                            p.path("args").forEach(a -> line.append(' ').append(a.has("value")
                                    ? a.get("value").asText() : a.path("description").asText()));
                            errors.add(line.toString());
                        }
                    }
                    case "Log.entryAdded" -> {
                        if ("error".equals(p.path("entry").path("level").asText())) {
                            errors.add("log: " + p.path("entry").path("text").asText() + " "
                                    + p.path("entry").path("url").asText());
                        }
                    }
                    case "Network.requestWillBeSent" -> {
                        String url = p.path("request").path("url").asText();
                        if (!(url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:"))) {
                            requests.add(url);
                        }
                    }
                    default -> {
                    }
                }
            }
            return new Page(plots, drawn, errors, requests);
        }

        /** A PNG of the whole page (beyond the viewport), at the viewport's width. */
        void screenshot(Path to) throws IOException, InterruptedException {
            JsonNode size = call("Page.getLayoutMetrics", null).path("cssContentSize");
            ObjectNode clip = DevTools.params().put("x", 0).put("y", 0)
                    .put("width", Math.max(WIDTH, size.path("width").asDouble()))
                    .put("height", Math.max(HEIGHT, size.path("height").asDouble())).put("scale", 1);
            ObjectNode params = DevTools.params().put("format", "png").put("captureBeyondViewport", true);
            params.set("clip", clip);
            JsonNode shot = call("Page.captureScreenshot", params);
            Files.write(to, Base64.getDecoder().decode(shot.get("data").asText()));
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the browser profile " + root, e);
        }
    }
}
