package dev.sobolev.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.pricing.lsmc.SecondOrder;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.OptimizerKind;
import dev.sobolev.surrogate.train.ScheduleKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sobolev} command line (DESIGN.md "Command line contract"). Commands parse and validate their
 * options and delegate to the engines; bad input ends with exit code 2 and one line on standard error that
 * names the option and the value, other failures with exit code 1.
 */
@Command(name = "sobolev", mixinStandardHelpOptions = true, versionProvider = SobolevCli.VersionProvider.class,
        description = "Gradient-enhanced surrogate pricing: Monte Carlo with pathwise derivatives, LSMC data sets, "
                + "Sobolev-trained surrogates and their interval-adjoint pruning.",
        subcommands = {PriceCommand.class, DatasetCommand.class, GarchCommand.class, TrainCommand.class,
            EvalCommand.class, PruneCommand.class, PipelineCommand.class})
public final class SobolevCli implements Runnable {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for failures that are not the user's input. */
    public static final int FAILURE = 1;

    /** Parameter names of engine messages that correspond to a command-line option of the same name. */
    private static final List<String> OPTION_NAMES = List.of("spots", "weights", "vols", "corr", "strike",
            "maturity", "paths", "threads", "seed", "width", "dim", "size", "test-size");

    /** The options of the library parameters that the jobs and the training configuration name. */
    private static final Map<String, String> JOB_OPTIONS = Map.ofEntries(Map.entry("hidden", "--hidden"),
            Map.entry("alpha", "--alpha"), Map.entry("secondOrderWeight", "--hv-weight"), Map.entry("epochs", "--epochs"),
            Map.entry("batchSize", "--batch"), Map.entry("l2", "--l2"), Map.entry("dropout", "--dropout"),
            Map.entry("validationFraction", "--validation"), Map.entry("threads", "--threads"),
            Map.entry("learningRate", "--lr"), Map.entry("loss", "--loss"), Map.entry("data", "--data"),
            Map.entry("box", "--box"), Map.entry("retrainEpochs", "--retrain-epochs"),
            Map.entry("tolerance", "--tolerance"), Map.entry("fineTuneData", "--finetune-data"),
            Map.entry("out", "--out"));

    /** The enum types that options take, each converted from its dashed lower-case labels. */
    private static final List<Class<? extends Enum<?>>> OPTION_ENUMS = List.of(Activation.class,
            Normalisation.Kind.class, Initializer.class, OptimizerKind.class, ScheduleKind.class, Loss.class,
            Saliency.class, FineTuning.class, DatasetFormat.class, LsmcRecipe.Kind.class, SecondOrder.Kind.class,
            PayoffKind.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams and returns the exit code (for tests and embedding).
     *
     * @param args command-line arguments
     * @param out  standard output
     * @param err  standard error
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            if (ex.getCause() instanceof Converters.OptionValueException bad
                    && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
                err.println("sobolev: " + option.longestName() + " " + oneLine(bad.getMessage()));
                return BAD_INPUT;
            }
            err.println("sobolev: " + oneLine(ex.getMessage()));
            err.println("Try 'sobolev " + String.join(" ", commandPath(ex.getCommandLine())) + " --help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof GarchCommand.NotConverged) {
                return GarchCommand.NOT_CONVERGED;
            }
            if (ex instanceof InvalidParameterException bad && JOB_OPTIONS.containsKey(bad.baseName())) {
                err.println("sobolev: " + JOB_OPTIONS.get(bad.baseName())
                        + bad.parameter().substring(bad.baseName().length()) + " " + oneLine(bad.detail()));
                return BAD_INPUT;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("sobolev: " + optionMessage(ex.getMessage()));
                return BAD_INPUT;
            }
            err.println("sobolev: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage())));
            return FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree with its option converters registered. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SobolevCli());
        Converters.registerEnums(cl, OPTION_ENUMS);
        return cl;
    }

    private static List<String> commandPath(CommandLine c) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        for (CommandLine x = c; x != null && x.getParent() != null; x = x.getParent()) {
            names.add(0, x.getCommandName());
        }
        return names;
    }

    /** Engine messages start with the parameter name; give it the option's dashes. */
    static String optionMessage(String message) {
        String m = oneLine(String.valueOf(message));
        for (String name : OPTION_NAMES) {
            if (m.startsWith(name + " ") || m.startsWith(name + "[")) {
                return "--" + m;
            }
        }
        return m;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /** Prints the project version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sobolev " + dev.sobolev.core.Version.get() + " (Java "
                    + System.getProperty("java.version") + ", " + System.getProperty("os.arch").toLowerCase(Locale.ROOT) + ")"};
        }
    }
}
