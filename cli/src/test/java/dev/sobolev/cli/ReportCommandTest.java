package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class ReportCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path model;

    @BeforeAll
    static void trainedModel() {
        data = tmp.resolve("ds");
        CliRunner.Run r = CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "256",
                "--test-size", "64", "--seed", "1", "--out", data.toString());
        assertEquals(0, r.code(), r.err());
        model = tmp.resolve("model.json");
        r = CliRunner.run("train", "--data", data.toString(), "--hidden", "4x1", "--epochs", "2", "--out",
                model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void writesOneSelfContainedHtmlFile() throws Exception {
        Path out = tmp.resolve("report.html");
        CliRunner.Run r = CliRunner.run("report", "--model", model.toString(), "--test", data.resolve("test").toString(),
                "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(out.toAbsolutePath().toString(), j.get("path").asText());
        assertEquals("[\"trained\"]", j.get("stages").toString());
        assertTrue(j.get("seconds").asDouble() > 0);
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        // attributes of the page itself, outside the inlined scripts (plotly.js holds its logo's link as a string,
        // switched off by the renderer)
        String page = html.replaceAll("(?s)<script>.*?</script>", "<script></script>");
        assertTrue(page.length() < html.length() / 2, "plotly.js is inlined: " + html.length() + " characters");
        Matcher remote = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(page);
        assertFalse(remote.find(), () -> "remote reference: " + page.substring(remote.start(),
                Math.min(page.length(), remote.start() + 80)));
        assertFalse(page.contains("<script src"), "no script loaded from elsewhere");
        // an existing file only with --force
        CliRunner.Run again = CliRunner.run("report", "--model", model.toString(), "--test",
                data.resolve("test").toString(), "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith("sobolev: --out " + out + " already exists"), again.err());
        CliRunner.Run forced = CliRunner.run("report", "--model", model.toString(), "--test",
                data.resolve("test").toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.out().startsWith("report of "), forced.out());
    }

    @Test
    void badInputsExitTwoNamingTheOptionAndWriteNothing() {
        Path out = tmp.resolve("bad.html");
        String test = data.resolve("test").toString();
        List<String[]> cases = List.of(
                new String[] {"--test /nope: ", "--model", model.toString(), "--test", "/nope"},
                new String[] {"--test " + data + ": is a training set", "--model", model.toString(), "--test",
                    data.toString()},
                new String[] {"--model " + tmp.resolve("none.json") + ": ", "--model",
                    tmp.resolve("none.json").toString(), "--test", test},
                new String[] {"--model " + data.resolve("X.npy") + ": ", "--model", data.resolve("X.npy").toString(),
                    "--test", test},
                new String[] {"--history " + tmp.resolve("h.csv") + ": does not exist", "--model", model.toString(),
                    "--test", test, "--history", tmp.resolve("h.csv").toString()},
                new String[] {"--out " + data.resolve("test/r.html") + " lies inside the input test set", "--model",
                    model.toString(), "--test", test, "--out", data.resolve("test/r.html").toString()});
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "report";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            List<String> line = new java.util.ArrayList<>(List.of(args));
            if (!line.contains("--out")) {
                line.add("--out");
                line.add(out.toString());
            }
            CliRunner.Run r = CliRunner.run(line.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", line) + ": " + r.err());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("sobolev: " + c[0]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), String.join(" ", line));
            assertFalse(Files.exists(data.resolve("test/r.html")));
        }
    }
}
