package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error contract on the examples of issue 24: exit code 2, exactly the one line shown on standard error,
 * naming the option (or file and field) and the value, and nothing on standard output.
 */
class ErrorContractTest {
    private static final List<String> PRICE = List.of("price", "bachelier", "--spots", "100", "--weights", "1",
            "--vols", "20", "--strike", "100", "--maturity", "1");

    @TempDir
    Path tmp;

    /** The words of {@code base} followed by {@code more}. */
    private static String[] append(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void refused(CliRunner.Run r, String line) {
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("sobolev: " + line + "\n", r.err());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheOptionAndTheValue() {
        refused(CliRunner.run(PRICE, "--paths", "many"), "--paths: 'many' is not an integer");
        refused(CliRunner.run(PRICE, "--maturity", "soon"), "--maturity: 'soon' is not a number");
        refused(CliRunner.run(PRICE, "--paths", "99999999999999999999"),
                "--paths: '99999999999999999999' is out of range for an integer option (at most 9223372036854775807)");
    }

    @Test
    void unknownMissingAndRepeatedOptionsAreOneLine() {
        CliRunner.Run unknown = CliRunner.run(PRICE, "--pahts", "10");
        assertEquals(SobolevCli.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().startsWith("sobolev: unknown option --pahts (did you mean ")
                && unknown.err().contains("--paths") && unknown.err().endsWith("?)\n"), unknown.err());
        refused(CliRunner.run("train", "--out", tmp.resolve("m.json").toString()), "--data is required");
        refused(CliRunner.run("price", "bachelier", "--spots", "100"),
                "--weights, --vols, --strike and --maturity are required");
        refused(CliRunner.run(append(PRICE, "--paths", "10", "--paths", "20")), "--paths is given more than once");
        refused(CliRunner.run("price", "bachelier", "--spots"), "--spots needs a value");
        refused(CliRunner.run(append(PRICE, "--json=yes")), "--json: 'yes' is not a valid boolean");
        refused(CliRunner.run(append(PRICE, "extra")), "unexpected argument 'extra'");
    }

    @Test
    void aMissingOrUnknownCommandIsBadInput() {
        refused(CliRunner.run(), "a command is required: price, dataset, garch, train, eval, prune, report, pipeline, "
                + "scenarios, batch or experiment (see sobolev --help)");
        refused(CliRunner.run("price"), "price needs a subcommand: bachelier (see sobolev price --help)");
        refused(CliRunner.run("pric"), "unknown command 'pric' (did you mean price, prune or scenarios?)");
    }

    @Test
    void anEmptyPathIsRefusedBeforeAnythingIsRead() {
        refused(CliRunner.run("eval", "--model", "", "--test", tmp.toString()),
                "--model must name a file or directory, got ''");
    }

    @Test
    void aDirectoryWhereAFileIsExpectedNamesTheOption() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        refused(CliRunner.run("eval", "--model", dir.toString(), "--test", dir.toString()),
                "--model: model file " + dir + " is a directory, not a file");
        refused(CliRunner.run("garch", "fit", "--data", dir.toString()),
                "--data " + dir + " is a directory, not a CSV file");
        Path file = Files.writeString(tmp.resolve("file.txt"), "1\n");
        refused(CliRunner.run("train", "--data", file.toString(), "--out", tmp.resolve("m.json").toString()),
                "--data: " + file + " is not a directory, so not a dataset directory");
    }

    @Test
    void aModelFileFieldIsNamedWithTheFileNotTheOptionOfTheSameName() throws IOException {
        Path data = tmp.resolve("ds");
        assertEquals(0, CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "2", "--size", "64",
                "--test-size", "16", "--out", data.toString()).code());
        Path model = tmp.resolve("m.json");
        assertEquals(0, CliRunner.run("train", "--data", data.toString(), "--hidden", "3x1", "--epochs", "1",
                "--out", model.toString()).code());
        Path bad = Files.writeString(tmp.resolve("bad.json"),
                Files.readString(model).replaceFirst("\"activation\" : \"softplus\"", "\"activation\" : \"swish\""));
        refused(CliRunner.run("eval", "--model", bad.toString(), "--test", data.resolve("test").toString()),
                "--model: model file " + bad + ": architecture.activation must be one of identity, tanh, sigmoid, "
                        + "softplus, silu, relu, gelu; got swish");
        refused(CliRunner.run("train", "--data", data.toString(), "--output-activation", "bogus", "--out",
                tmp.resolve("o.json").toString()),
                "--output-activation must be identity, tanh, sigmoid, softplus, silu, relu or gelu, got bogus");
    }

    @Test
    void widthAppliesToTheKichlerRecipesDefaultSmoothedCall() {
        Path out = tmp.resolve("k");
        CliRunner.Run r = CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "2", "--size", "64",
                "--width", "0.01", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"payoff\":\"smoothed-call(K=1.1, w=0.01)\""), r.out());
        refused(CliRunner.run("dataset", "bachelier", "--recipe", "huge-savine", "--dim", "2", "--size", "64",
                "--width", "0.01", "--out", tmp.resolve("h").toString()),
                "--width applies to smoothed-call only, and the huge-savine recipe's payoff is call "
                        + "(give --payoff smoothed-call)");
    }

    @Test
    void settingsThatAnOptimiserOrScheduleIgnoresAreStillChecked() {
        List<String> train = List.of("train", "--data", tmp.toString(), "--out", tmp.resolve("m.json").toString());
        refused(CliRunner.run(train, "--weight-decay", "-1"), "--weight-decay must be finite and >= 0, got -1.0");
        refused(CliRunner.run(train, "--alpha", "NaN"), "--alpha must be in [0, 1], got NaN");
        refused(CliRunner.run(train, "--schedule", "constant", "--min-lr", "-1"),
                "--min-lr must be finite and > 0, got -1.0");
    }

    @Test
    void hessianVectorOptionsNameTheOptions() {
        List<String> two = List.of("price", "bachelier", "--spots", "100,95", "--weights", "0.5,0.5", "--vols", "20,15",
                "--corr", "1,0.5;0.5,1", "--strike", "100", "--maturity", "1");
        refused(CliRunner.run(two, "--hv", "NaN,1"), "--hv row 1, column 1 must be finite, got NaN");
        refused(CliRunner.run(two, "--hv", "1,0", "--paths", "1000"),
                "--hv with --paths needs a smoothed payoff (smoothed-call or smoothed-digital), got --payoff call");
    }
}
