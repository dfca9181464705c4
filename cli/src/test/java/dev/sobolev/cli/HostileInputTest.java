package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The hostile-input suite of the command line (issue 24, acceptance 2): every case of {@code hostile-cases.tsv}
 * runs in-process through {@link SobolevCli#execute} in a fresh directory holding copies of the fixture files the
 * case names (a small data set and corrupted variants of it, a model file and corrupted variants, GARCH series,
 * an empty file, a directory, random bytes) and must end
 * with the expected exit code, exactly one line on standard error and no stack trace in it, nothing on standard
 * output, and the directory as it was (names, sizes and SHA-256 of every file). Each case's exit code and
 * message are written to {@code target/hostile-inputs.tsv}.
 */
class HostileInputTest {
    private static final String CASES = "hostile-cases.tsv";
    /** Commands whose second word is a subcommand. */
    private static final Set<String> GROUPS = Set.of("price", "dataset", "garch", "experiment");
    /** The command tree, for the names of commands and subcommands. */
    private static final CommandLine COMMANDS = SobolevCli.commandLine();

    @TempDir
    static Path root;
    static Path fixtures;
    /** Per command: cases run and cases passed, printed as a table at the end. */
    private static final Map<String, int[]> TALLY = new TreeMap<>();
    /** Every case's exit code and standard error, written to {@code target/hostile-inputs.tsv} for review. */
    private static final List<String> RECORD = new ArrayList<>();

    /** One line of a case file. */
    record Case(String id, int code, String line) {
    }

    @BeforeAll
    static void fixtures() throws IOException {
        fixtures = Files.createDirectory(root.resolve("fixtures"));
        Path f = fixtures;
        cli("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "256", "--test-size", "64",
                "--seed", "1", "--out", f.resolve("ds").toString());
        cli("dataset", "bachelier", "--recipe", "huge-savine", "--dim", "5", "--size", "64", "--test-size", "16",
                "--seed", "2", "--out", f.resolve("ds5").toString());
        cli("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "64", "--format", "csv",
                "--seed", "3", "--out", f.resolve("dscsv").toString());
        cli("train", "--data", f.resolve("ds").toString(), "--hidden", "4x1", "--epochs", "2", "--out",
                f.resolve("model.json").toString());
        files(f);
        series(f);
        models(f);
        datasets(f);
    }

    @TestFactory
    Stream<DynamicTest> hostileInputs() {
        List<Case> cases = read(CASES);
        assertTrue(cases.size() >= 300, "at least 300 cases, got " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.line(), () -> check(c)));
    }

    @AfterAll
    static void table() {
        StringBuilder s = new StringBuilder("\nHostile inputs: cases per command\n");
        s.append(String.format("%-20s %6s %7s%n", "command", "cases", "passed"));
        int n = 0;
        int ok = 0;
        for (Map.Entry<String, int[]> e : TALLY.entrySet()) {
            s.append(String.format("%-20s %6d %7d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            n += e.getValue()[0];
            ok += e.getValue()[1];
        }
        s.append(String.format("%-20s %6d %7d%n", "total", n, ok));
        System.out.print(s);
        try {
            Files.write(Path.of("target", "hostile-inputs.tsv"), RECORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Case c) throws IOException {
        Path dir = Files.createDirectory(root.resolve("case-" + c.id().replaceAll("[^A-Za-z0-9.=+-]", "_")));
        Matcher named = Pattern.compile("\\$T/([^/' ]+)").matcher(c.line());
        while (named.find()) {
            Path fixture = fixtures.resolve(named.group(1));
            if (Files.exists(fixture) && !Files.exists(dir.resolve(named.group(1)))) {
                copy(fixture, dir.resolve(named.group(1)));
            }
        }
        Map<String, String> before = snapshot(dir);
        String[] args = words(c.line()).stream().map(w -> w.replace("$T", dir.toString())).toArray(String[]::new);
        int[] tally;
        synchronized (TALLY) {
            tally = TALLY.computeIfAbsent(command(c), k -> new int[2]);
            tally[0]++;
        }
        CliRunner.Run r = CliRunner.run(args);
        synchronized (RECORD) {
            RECORD.add(c.id() + "\t" + r.code() + "\t" + r.err().strip().replace("\n", "\\n"));
        }
        String what = c.id() + " (exit " + r.code() + ", stderr: " + r.err() + ", stdout: " + r.out() + ")";
        assertEquals(c.code(), r.code(), "exit code of " + what);
        assertEquals("", r.out(), "standard output of " + what);
        String err = r.err().endsWith("\n") ? r.err().substring(0, r.err().length() - 1) : r.err();
        assertFalse(err.isBlank(), "a message on standard error: " + what);
        assertFalse(err.contains("\n") || err.contains("\r"), "one line on standard error: " + what);
        assertTrue(err.startsWith("sobolev: "), "the message starts with 'sobolev: ': " + what);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace or exception name: " + what);
        assertEquals(before, snapshot(dir), "files of the case directory unchanged: " + what);
        synchronized (TALLY) {
            tally[1]++;
        }
        delete(dir);
    }

    /** The command a case exercises: its first word, and the second where the first has subcommands. */
    private static String command(Case c) {
        List<String> w = words(c.line());
        if (w.isEmpty() || !COMMANDS.getSubcommands().containsKey(w.get(0))) {
            return "sobolev";
        }
        boolean sub = GROUPS.contains(w.get(0)) && w.size() > 1
                && COMMANDS.getSubcommands().get(w.get(0)).getSubcommands().containsKey(w.get(1));
        return sub ? w.get(0) + " " + w.get(1) : w.get(0);
    }

    private static List<Case> read(String resource) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = HostileInputTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                assertEquals(3, cells.length, "id, exit code, command line: " + line);
                cases.add(new Case(cells[0], Integer.parseInt(cells[1]), cells[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(cases.size(), cases.stream().map(Case::id).distinct().count(), "unique ids in " + resource);
        return cases;
    }

    /** The words of a command line: split at spaces, {@code '...'} one word (possibly empty). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char ch = line.charAt(i);
            if (ch == ' ') {
                i++;
            } else if (ch == '\'') {
                int end = line.indexOf('\'', i + 1);
                assertTrue(end > 0, "closing quote in " + line);
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- fixtures

    private static void cli(String... args) {
        CliRunner.Run r = CliRunner.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    }

    private static void files(Path f) throws IOException {
        Files.createDirectory(f.resolve("adir"));
        Files.write(f.resolve("empty.txt"), new byte[0]);
        Files.writeString(f.resolve("text.txt"), "hello world\n");
        Files.writeString(f.resolve("scen.csv"), "id,S1,S2,S3\na,1,1,1\nb,1.1,0.9,1\n");
        byte[] garbage = new byte[1024];
        new Random(7).nextBytes(garbage);
        Files.write(f.resolve("garbage.bin"), garbage);
    }

    private static void series(Path f) throws IOException {
        List<String> values = Files.readAllLines(Path.of("..", "data", "dem2gbp.csv")).stream().skip(1)
                .map(l -> l.substring(l.indexOf(',') + 1)).filter(v -> !v.isBlank()).limit(400).toList();
        Files.writeString(f.resolve("series.csv"), "r\n" + String.join("\n", values) + "\n");
        Files.writeString(f.resolve("series-plain.csv"), String.join("\n", values) + "\n");
        Files.writeString(f.resolve("series-nan.csv"), column(values, 50, "NaN"));
        Files.writeString(f.resolve("series-text.csv"), column(values, 50, "abc"));
        Files.writeString(f.resolve("series-inf.csv"), column(values, 50, "1e400"));
        Files.writeString(f.resolve("series-emptycell.csv"), column(values, 50, ""));
        Files.writeString(f.resolve("series-2col.csv"), values.stream().map(v -> v + "," + v)
                .collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(f.resolve("series-ragged.csv"), "a,b\n" + values.stream().limit(100)
                .map(v -> v + "," + v).collect(Collectors.joining("\n")) + "\n1,2,3\n");
        Files.writeString(f.resolve("series-short.csv"), "r\n0.1\n-0.2\n0.3\n");
        Files.writeString(f.resolve("series-const.csv"), "r\n" + "0.5\n".repeat(200));
        Files.writeString(f.resolve("series-blank.csv"), "\n\n  \n");
        Files.writeString(f.resolve("series-header-only.csv"), "t,r\n");
        Files.writeString(f.resolve("series-tiny.csv"), "r\n" + values.stream().map(v -> Double.parseDouble(v) * 1e-160 + "")
                .collect(Collectors.joining("\n")) + "\n");
        Files.writeString(f.resolve("series-huge.csv"), "r\n" + values.stream().map(v -> Double.parseDouble(v) * 1e160 + "")
                .collect(Collectors.joining("\n")) + "\n");
    }

    /** A one-column series with a header and {@code cell} in place of value {@code at}. */
    private static String column(List<String> values, int at, String cell) {
        List<String> v = new ArrayList<>(values);
        v.set(at, cell);
        return "r\n" + String.join("\n", v) + "\n";
    }

    private static void models(Path f) throws IOException {
        String m = Files.readString(f.resolve("model.json"));
        Files.writeString(f.resolve("model-trunc.json"), m.substring(0, m.length() / 2));
        Files.writeString(f.resolve("model-badact.json"), field(m, "activation", "\"swish\""));
        Files.writeString(f.resolve("model-badoact.json"), field(m, "outputActivation", "\"bogus\""));
        Files.writeString(f.resolve("model-numact.json"), field(m, "activation", "3"));
        Files.writeString(f.resolve("model-v99.json"), field(m, "version", "99"));
        Files.writeString(f.resolve("model-vstr.json"), field(m, "version", "\"1\""));
        Files.writeString(f.resolve("model-v19.json"), field(m, "version", "1.9"));
        Files.writeString(f.resolve("model-format.json"), field(m, "format", "\"other\""));
        Files.writeString(f.resolve("model-params.json"), m.replaceFirst("(\"parameters\"\\s*:\\s*\\[)\\s*[^,]+,", "$1"));
        Files.writeString(f.resolve("model-strparam.json"), m.replaceFirst("(\"parameters\"\\s*:\\s*\\[)\\s*[^,]+,",
                "$1 \"x\","));
        Files.writeString(f.resolve("model-array.json"), "[1, 2, 3]\n");
        Files.writeString(f.resolve("model-null.json"), "null\n");
        Files.writeString(f.resolve("model-widths.json"), field(m, "widths", "[ 3, -4, 1 ]"));
        Files.writeString(f.resolve("model-nowidths.json"), m.replace("\"widths\"", "\"widthz\""));
        Files.writeString(f.resolve("model-xstd.json"), m.replaceFirst("(\"xStd\"\\s*:\\s*\\[)\\s*[^,]+,", "$1 0.0,"));
        for (String name : List.of("model-badact.json", "model-badoact.json", "model-numact.json", "model-v99.json",
                "model-vstr.json", "model-v19.json", "model-format.json", "model-params.json", "model-strparam.json",
                "model-widths.json", "model-nowidths.json", "model-xstd.json")) {
            assertFalse(Files.readString(f.resolve(name)).equals(m), "fixture " + name + " differs from model.json");
        }
    }

    /** The JSON text with the first value of {@code key} (a string, number or flat array) replaced. */
    private static String field(String json, String key, String value) {
        String out = json.replaceFirst("(\"" + key + "\"\\s*:\\s*)(\"[^\"]*\"|\\[[^\\]]*\\]|[-0-9.eE+]+)",
                java.util.regex.Matcher.quoteReplacement("\"" + key + "\" : " + value));
        assertFalse(out.equals(json), key + " found in the model file");
        return out;
    }

    private static void datasets(Path f) throws IOException {
        Path ds = f.resolve("ds");
        Files.write(variant(f, "ds-truncY").resolve("Y.npy"), Arrays.copyOf(Files.readAllBytes(ds.resolve("Y.npy")), 200));
        Files.delete(variant(f, "ds-noY").resolve("Y.npy"));
        Path ydir = variant(f, "ds-Ydir").resolve("Y.npy");
        Files.delete(ydir);
        Files.createDirectory(ydir);
        Files.copy(f.resolve("garbage.bin"), variant(f, "ds-garbX").resolve("X.npy"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(variant(f, "ds-emptyX").resolve("X.npy"), new byte[0]);
        Files.copy(ds.resolve("test").resolve("Y.npy"), variant(f, "ds-shortY").resolve("Y.npy"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(variant(f, "ds-nodydx").resolve("dYdX.npy"));
        Files.writeString(variant(f, "ds-metagarb").resolve("meta.json"), "{not json");
        Files.writeString(variant(f, "ds-metaempty").resolve("meta.json"), "");
        Files.writeString(variant(f, "ds-metaarr").resolve("meta.json"), "[]");
        Files.writeString(variant(f, "ds-both").resolve("X.csv"), "1,2,3\n");
        Path nan = variant(f, "ds-nan").resolve("Y.npy");
        byte[] y = Files.readAllBytes(nan);
        ByteBuffer.wrap(y).order(ByteOrder.LITTLE_ENDIAN).putDouble(y.length - Double.BYTES, Double.NaN);
        Files.write(nan, y);
        Path csv = copy(f.resolve("dscsv"), Files.createDirectory(f.resolve("ds-csvbad"))).resolve("Y.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.set(1, "abc");
        Files.write(csv, lines);
        npyHeader(variant(f, "ds-fortran").resolve("X.npy"), h -> h.replace("'fortran_order': False", "'fortran_order': True"));
        npyHeader(variant(f, "ds-dtype").resolve("X.npy"), h -> h.replace("'<f8'", "'<c8'"));
        npyHeader(variant(f, "ds-hugeshape").resolve("X.npy"), h -> h.replace("(256, 3)", "(2560000000000, 3)"));
        Path lies = variant(f, "ds-metalies").resolve("meta.json");
        Files.writeString(lies, Files.readString(lies).replace("\"size\": 256", "\"size\": 999"));
    }

    /** A copy of the data set {@code ds} under another name. */
    private static Path variant(Path f, String name) throws IOException {
        return copy(f.resolve("ds"), Files.createDirectory(f.resolve(name)));
    }

    /** Rewrites the header dictionary of a {@code .npy} file, keeping its length (spaces pad it). */
    private static void npyHeader(Path file, UnaryOperator<String> edit) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int len = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        String header = new String(b, 10, len, StandardCharsets.ISO_8859_1);
        String dict = edit.apply(header.strip());
        assertFalse(dict.equals(header.strip()), "header edited: " + header);
        String padded = dict + " ".repeat(len - 1 - dict.length()) + "\n";
        System.arraycopy(padded.getBytes(StandardCharsets.ISO_8859_1), 0, b, 10, len);
        Files.write(file, b);
    }

    // ---------------------------------------------------------------- directories

    private static Path copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            return to;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Every file and directory under {@code dir}: relative name to size and SHA-256 (or "dir"). */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String name = dir.relativize(p).toString();
                out.put(name, Files.isDirectory(p) ? "dir" : Files.size(p) + " " + sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
