package dev.sobolev.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * plotly.js (cartesian bundle, minified: scatter, bar, heatmap and the other 2-D SVG traces) from the WebJar
 * {@code org.webjars.bower:plotly.js} on the class path, read once. The version directory comes from the WebJar's own
 * {@code pom.properties}, so the pinned version lives only in the parent pom.
 */
final class PlotlyBundle {
    private static final String PROPERTIES = "META-INF/maven/org.webjars.bower/plotly.js/pom.properties";

    private PlotlyBundle() {
    }

    /** The script text (about 1 MB). */
    static String script() {
        return Holder.SCRIPT;
    }

    /** The version of the bundle, as its WebJar names it. */
    static String version() {
        return Holder.VERSION;
    }

    /** Loaded on first use: a report that is never rendered reads nothing. */
    private static final class Holder {
        static final String VERSION = readVersion();
        static final String SCRIPT = readScript(VERSION);

        private static String readVersion() {
            Properties p = new Properties();
            try (InputStream in = open(PROPERTIES)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(PROPERTIES, e);
            }
            String v = p.getProperty("version");
            if (v == null || v.isBlank()) {
                throw new IllegalStateException(PROPERTIES + " names no version");
            }
            return v.strip();
        }

        private static String readScript(String version) {
            String path = "META-INF/resources/webjars/plotly.js/" + version + "/dist/plotly-cartesian.min.js";
            String text;
            try (InputStream in = open(path)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(path, e);
            }
            // inlined into <script>: the text must not be able to end it
            if (text.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException(path + " contains </script and cannot be inlined");
            }
            return text;
        }

        private static InputStream open(String path) throws IOException {
            InputStream in = PlotlyBundle.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IOException("class path resource " + path + " not found (the plotly.js WebJar is missing)");
            }
            return in;
        }
    }
}
