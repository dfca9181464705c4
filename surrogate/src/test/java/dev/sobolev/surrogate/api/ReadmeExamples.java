package dev.sobolev.surrogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The README's java examples, each the fenced block right after an HTML comment marker, compiled with
 * {@code -Xlint:all -Werror} against the test class path and run, so that the README cannot drift from the code.
 * Shared with the tests of the modules above {@code surrogate} through its test jar.
 */
public final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /**
     * The java block after a marker of the repository's README.
     *
     * @param marker e.g. {@code <!-- pricing-api-example -->}
     * @return the block's lines without the fences
     */
    public static String block(String marker) throws IOException {
        Path readme = Path.of(System.getProperty("basedir", "."), "..", "README.md");
        List<String> lines = Files.readAllLines(readme);
        int at = lines.indexOf(marker);
        assertTrue(at >= 0, readme + " has no " + marker);
        assertEquals("```java", lines.get(at + 1), "the marker must be followed by a java block");
        int end = lines.subList(at + 2, lines.size()).indexOf("```");
        assertTrue(end > 0, "the java block after " + marker + " is not closed");
        return String.join("\n", lines.subList(at + 2, at + 2 + end));
    }

    /**
     * Compiles the block after a marker as the body of {@code public static void run(Path a, Path b)} of a class
     * with the given imports, runs it with the given paths and returns what it printed.
     *
     * @param marker     the README marker
     * @param imports    the import lines the block needs
     * @param parameters the run method's parameter list, e.g. {@code "Path modelFile"}
     * @param work       a scratch directory for the source and the classes
     * @param arguments  the run method's arguments, all {@link Path}s
     * @return the printed lines
     */
    public static String[] compileAndRun(String marker, String imports, String parameters, Path work, Path... arguments)
            throws Exception {
        String source = imports + "\n\npublic final class ReadmeExample {\n    public static void run(" + parameters
                + ") throws Exception {\n" + block(marker) + "\n    }\n}\n";
        Path src = work.resolve("src/ReadmeExample.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-Xlint:all", "-Xlint:-path", "-Werror", "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "the README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8)
                + "\n" + source);
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, Path.class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        Locale locale = Locale.getDefault();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExamples.class.getClassLoader())) {
            Locale.setDefault(Locale.ROOT);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("ReadmeExample").getMethod("run", types).invoke(null, (Object[]) arguments);
        } finally {
            System.setOut(out);
            Locale.setDefault(locale);
        }
        return printed.toString(StandardCharsets.UTF_8).split("\n");
    }
}
