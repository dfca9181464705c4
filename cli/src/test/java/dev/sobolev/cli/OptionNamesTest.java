package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;
import picocli.CommandLine;

/**
 * The table from library parameter names to options: every option it names exists on its command, every command
 * that runs has an entry, and the engines' messages reach the user with the option in place of the parameter.
 */
class OptionNamesTest {
    @TempDir
    Path tmp;

    /** The command at a path such as "price bachelier". */
    private static CommandLine command(String path) {
        CommandLine c = new CommandLine(new SobolevCli());
        for (String name : path.split(" ")) {
            c = c.getSubcommands().get(name);
            assertNotNull(c, "no command " + path);
        }
        return c;
    }

    private static void leaves(CommandLine c, String path, List<String> out) {
        if (c.getSubcommands().isEmpty()) {
            out.add(path);
        }
        c.getSubcommands().forEach((name, sub) -> {
            if (!"help".equals(name)) {
                leaves(sub, path.isEmpty() ? name : path + " " + name, out);
            }
        });
    }

    @Test
    void everyOptionOfTheTableExistsOnItsCommand() {
        for (Map.Entry<String, Map<String, String>> cmd : OptionNames.BY_COMMAND.entrySet()) {
            CommandLine c = command(cmd.getKey());
            cmd.getValue().forEach((parameter, option) -> assertNotNull(c.getCommandSpec().findOption(option),
                    cmd.getKey() + ": " + parameter + " maps to " + option + ", which the command does not have"));
        }
    }

    @Test
    void everyCommandThatRunsHasATable() {
        List<String> leaves = new ArrayList<>();
        leaves(new CommandLine(new SobolevCli()), "", leaves);
        assertEquals(new TreeSet<>(leaves), new TreeSet<>(OptionNames.BY_COMMAND.keySet()));
    }

    @Test
    void theOptionTakesTheParameterNameAndKeepsItsIndex() {
        assertEquals("--vols[1] must be >= 0, got -15.0", OptionNames.message("price bachelier",
                new InvalidParameterException("vols[1]", "must be >= 0, got -15.0")));
        assertEquals("--corr[1][1] must be 1, got 0.9", OptionNames.message("price bachelier",
                new InvalidParameterException("correlation[1][1]", "must be 1, got 0.9")));
        assertEquals("--batch must be >= 1, got 0", OptionNames.message("train",
                new InvalidParameterException("batchSize", "must be >= 1, got 0")));
        assertEquals("--hidden[2] must be >= 1, got 0", OptionNames.message("train",
                new InvalidParameterException("hidden[2]", "must be >= 1, got 0")));
        assertEquals("--data f.csv has 3 columns", OptionNames.message("garch fit",
                new InvalidParameterException("file", "f.csv has 3 columns")));
        assertEquals("--width must be >= 1, got 0", OptionNames.message("prune",
                new InvalidParameterException("widths", "must be >= 1, got 0")));
    }

    @Test
    void aParameterNoOptionSuppliesKeepsItsLibraryName() {
        assertEquals("inputs must be >= 1, got 0", OptionNames.message("train",
                new InvalidParameterException("inputs", "must be >= 1, got 0")));
        assertEquals("spots[0] must be finite, got NaN", OptionNames.message("train",
                new InvalidParameterException("spots[0]", "must be finite, got NaN")));
    }

    private static void oneLine(CliRunner.Run r, String expectedStart) {
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("sobolev: " + expectedStart), lines[0]);
    }

    @Test
    void engineMessagesReachTheUserWithOptionNames() throws IOException {
        oneLine(CliRunner.run("price", "bachelier", "--spots", "100,95", "--weights", "0.5,0.5", "--vols", "20,15",
                "--corr", "1,0.5;0.5,1", "--strike", "100", "--maturity", "1", "--payoff", "digital"),
                "--payoff must be a call or a smoothed call for the closed form, got digital");
        CliRunner.Run readme = CliRunner.run("price", "bachelier", "--spots", "100,95,105", "--weights", "0.5,0.3,0.2",
                "--vols", "20,-15,25", "--corr", "1,0.5,0.3;0.5,1,0.4;0.3,0.4,1", "--strike", "100", "--maturity", "1");
        assertEquals("sobolev: --vols[1] must be >= 0, got -15.0\n", readme.err(), "the README's example");
        oneLine(CliRunner.run("dataset", "bachelier", "--recipe", "kichler", "--dim", "3", "--size", "16",
                "--hv-directions", "pca", "--hv-count", "4", "--out", tmp.resolve("pca").toString()),
                "--hv-count must be <= the dimension (3) for pca directions, got 4");
        oneLine(CliRunner.run("dataset", "garch", "--size", "16", "--test-size", "-1", "--out",
                tmp.resolve("garch").toString()), "--test-size must be >= 0, got -1");
        oneLine(CliRunner.run("dataset", "garch", "--size", "16", "--horizon", "0", "--out",
                tmp.resolve("garch").toString()), "--horizon must be in [1, 1000], got 0");
        Path series = Files.writeString(tmp.resolve("series.csv"), "1,0.1,2\n2,0.2,3\n");
        oneLine(CliRunner.run("garch", "fit", "--data", series.toString()),
                "--data " + series + " has 3 columns and no header row");
        oneLine(CliRunner.run("garch", "forecast", "--data", series.toString(), "--mu", "0", "--omega", "NaN",
                "--alpha", "0.1", "--beta", "0.8"), "--omega must be finite, got NaN");
    }

    @Test
    void aSecondOrderWeightWithoutItsLabelsNamesTheOption() {
        Path data = tmp.resolve("plain");
        assertEquals(0, CliRunner.run("dataset", "bachelier", "--recipe", "huge-savine", "--dim", "2", "--size", "64",
                "--out", data.toString()).code());
        Path model = tmp.resolve("m.json");
        oneLine(CliRunner.run("train", "--data", data.toString(), "--hidden", "4x1", "--epochs", "1", "--hv-weight", "1",
                "--out", model.toString()),
                "--data has no Hessian-vector labels (directions, hv), which the second-order term needs");
        assertTrue(!Files.exists(model));
    }
}
