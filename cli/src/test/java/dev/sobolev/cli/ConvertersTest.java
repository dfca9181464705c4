package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.ScheduleKind;
import dev.sobolev.surrogate.train.TrainingConfig;
import picocli.CommandLine;

class ConvertersTest {
    @TempDir
    static Path tmp;

    private static <T> T parsed(String... args) {
        CommandLine.ParseResult r = SobolevCli.commandLine().parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().commandLine().getCommand();
    }

    @Test
    void theTrainCommandsDefaultsAreTheBuilders() {
        TrainCommand c = parsed("train", "--data", "d", "--out", "m.json", "--threads", "3");
        assertEquals(TrainingConfig.builder().threads(3).build(), c.config());
    }

    @Test
    void enumsConvertFromTheirDashedLabelsInAnyCase() {
        TrainCommand c = parsed("train", "--data", "d", "--out", "m.json", "--threads", "1", "--normalisation",
                "Per-Feature", "--schedule", "one-cycle", "--hidden", "64,32");
        assertEquals(Normalisation.Kind.PER_FEATURE, c.normalisation);
        assertEquals(ScheduleKind.ONE_CYCLE, c.training.schedule);
        assertArrayEquals(new int[] {64, 32}, c.hidden.widths());
        assertArrayEquals(new int[] {128, 128, 128}, new Converters.HiddenLayers().convert("128x3").widths());
    }

    @Test
    void theBoxConverterReadsOneIntervalPerInput() {
        assertEquals(InputBox.of(new double[] {0, -1}, new double[] {1, 2.5}), new Converters.Box().convert("0:1, -1:2.5"));
        assertEquals("entry 2 must be lo:hi, got 3", assertThrows(Converters.OptionValueException.class,
                () -> new Converters.Box().convert("0:1,3")).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "normalisation | --normalisation | layer | --normalisation must be none, per-feature or global, got layer",
        "schedule | --schedule | onecycle | --schedule must be constant, cosine, one-cycle, time-decay or step, got onecycle",
        "optimizer | --optimizer | adagrad | --optimizer must be adam, adamw, sgd, momentum, nesterov or rmsprop, got adagrad",
        "init | --init | xavier | --init must be zero, uniform, normal, glorot, he, lecun or pytorch, got xavier",
        "hidden zero | --hidden | 64,0 | --hidden widths must be >= 1, got 64,0",
        "batch | --batch | 0 | --batch must be >= 1, got 0",
        "validation | --validation | 0.7 | --validation must be in [0, 0.5], got 0.7",
        "dropout | --dropout | 1 | --dropout must be in [0, 1), got 1.0",
        "alpha | --alpha | 2 | --alpha must be in [0, 1], got 2.0"})
    void badTrainingOptionsGiveOneLineNamingTheOption(String what, String option, String value, String message) {
        Path data = tmp.resolve("absent");
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--out", tmp.resolve("m.json").toString(),
                option, value);
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("sobolev: " + message, r.err().strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "format | dataset bachelier --recipe kichler --size 8 --out OUT --format parquet | --format must be npy or csv, got parquet",
        "payoff | price bachelier --spots 1 --weights 1 --vols 1 --strike 1 --maturity 1 --payoff put | --payoff must be call, smoothed-call, digital or smoothed-digital, got put",
        "width | prune --model M --data D --out OUT --width 8,x | --width must be a width (8) or one per hidden layer (16,8,8), got 8,x",
        "box | prune --model M --data D --out OUT --width 8 --box 0:1,x:2 | --box entry 2 is not a number: x:2"})
    void badValuesOfOtherCommandsNameTheOption(String what, String args, String message) {
        String[] a = args.replace("OUT", tmp.resolve(what).toString()).split(" ");
        CliRunner.Run r = CliRunner.run(a);
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("sobolev: " + message, r.err().strip());
    }
}
