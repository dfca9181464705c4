package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engines speak their own parameter names: no string literal in the main code of {@code core},
 * {@code pricing}, {@code surrogate} or {@code pruning} holds a command-line option ({@code --[a-z]}). Comments
 * are not scanned (javadoc may name the JVM's {@code --add-modules}).
 */
class EngineLiteralsTest {
    private static final List<String> ENGINES = List.of("core", "pricing", "surrogate", "pruning");
    private static final Pattern OPTION = Pattern.compile("--[a-z]");

    @Test
    void noEngineStringLiteralNamesAnOption() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : ENGINES) {
            Path root = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is missing");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String relative = root.relativize(f).toString().replace('\\', '/');
                    List<String> hits = stringLiterals(Files.readString(f)).stream()
                            .filter(s -> OPTION.matcher(s).find()).toList();
                    hits.forEach(s -> found.add(module + "/" + relative + ": \"" + s + "\""));
                }
            }
        }
        assertEquals(List.of(), found, "engine literals naming command-line options");
    }

    @Test
    void theScannerSeesStringsAndTextBlocksButNotCommentsOrCharacters() {
        String source = "class A { // \"--in-comment\"\n /* \"--block\" */ char c = '\"'; String s = \"a\\\"--b\";\n"
                + " String t = \"\"\"\n   --text \"quoted\"\n   \"\"\"; String u = \"\\\\\"; }";
        assertEquals(List.of("a\\\"--b", "\n   --text \"quoted\"\n   ", "\\\\"), stringLiterals(source));
    }

    /** The string literals and text blocks of a Java source, escapes left as written. */
    static List<String> stringLiterals(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i + 3);
                int j = start;
                while (!src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(src.substring(start, j));
                i = j + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(src.substring(i + 1, j));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
