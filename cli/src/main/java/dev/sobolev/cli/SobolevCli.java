package dev.sobolev.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.pricing.lsmc.SecondOrder;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.reports.batch.TooManyRejectsException;
import dev.sobolev.reports.experiments.RidgeExperiment;
import dev.sobolev.surrogate.api.DomainPolicy;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Precision;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.OptimizerKind;
import dev.sobolev.surrogate.train.ScheduleKind;
import dev.sobolev.surrogate.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sobolev} command line (DESIGN.md "Command line contract"). Commands parse and validate their
 * options and delegate to the engines; bad input ends with exit code 2 and one line on standard error that
 * names the option and the value ({@link OptionNames} turns the engines' parameter names into options), a
 * GARCH fit that did not converge with 3, a training run that diverged with 4, other failures with exit code 1.
 */
@Command(name = "sobolev", mixinStandardHelpOptions = true, versionProvider = SobolevCli.VersionProvider.class,
        description = "Gradient-enhanced surrogate pricing: Monte Carlo with pathwise derivatives, LSMC data sets, "
                + "Sobolev-trained surrogates and their interval-adjoint pruning.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:failure", "2:bad input (one line naming the option and the value)",
            "3:GARCH fit did not converge", "4:training or fine-tuning diverged, nothing written (see --keep-best); batch: more rows rejected "
                + "than --max-rejects (--resume continues)"},
        subcommands = {PriceCommand.class, DatasetCommand.class, GarchCommand.class, TrainCommand.class,
            EvalCommand.class, PruneCommand.class, ReportCommand.class, PipelineCommand.class, ScenariosCommand.class,
            BatchCommand.class, ExperimentCommand.class})
public final class SobolevCli implements Runnable {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for failures that are not the user's input. */
    public static final int FAILURE = 1;
    /**
     * Exit code of a training or fine-tuning run that diverged (nothing written without {@code --keep-best}), and of
     * a batch run stopped by its reject limit.
     */
    public static final int DIVERGED = 4;

    /** The enum types that options take, each converted from its dashed lower-case labels. */
    private static final List<Class<? extends Enum<?>>> OPTION_ENUMS = List.of(Activation.class,
            Normalisation.Kind.class, Initializer.class, OptimizerKind.class, ScheduleKind.class, Loss.class,
            Saliency.class, FineTuning.class, DatasetFormat.class, LsmcRecipe.Kind.class, SecondOrder.Kind.class,
            PayoffKind.class, DomainPolicy.class, RidgeExperiment.BasisKind.class, Precision.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw ParseErrors.missingSubcommand(spec.commandLine());
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
            err.println("sobolev: " + oneLine(ParseErrors.message(ex)));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof GarchCommand.NotConverged) {
                return GarchCommand.NOT_CONVERGED;
            }
            if (ex instanceof TrainingDivergedException e) {
                err.println("sobolev: " + oneLine(e.getMessage()) + "; nothing written" + (e.keepBestAsked() ? ""
                        : " (--keep-best writes the best finished epoch's weights)"));
                return DIVERGED;
            }
            if (ex instanceof TooManyRejectsException e) {
                err.println("sobolev: " + oneLine(e.getMessage()).replace(" with resume", " with --resume"));
                return DIVERGED;
            }
            if (ex instanceof InvalidParameterException e) {
                err.println("sobolev: " + oneLine(OptionNames.message(String.join(" ", commandPath(c)), e)));
                return BAD_INPUT;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("sobolev: " + oneLine(String.valueOf(ex.getMessage())));
                return BAD_INPUT;
            }
            err.println("sobolev: " + failure(ex));
            return FAILURE;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            err.println("sobolev: " + failure(e));
            code = FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree with its option converters registered. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SobolevCli());
        Converters.registerEnums(cl, OPTION_ENUMS);
        cl.registerConverter(Path.class, new Converters.PathConverter());
        return cl;
    }

    private static List<String> commandPath(CommandLine c) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        for (CommandLine x = c; x != null && x.getParent() != null; x = x.getParent()) {
            names.add(0, x.getCommandName());
        }
        return names;
    }

    /** The message on one line, other control characters (from a binary file's bytes) shown as '?'. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?").trim();
    }

    /**
     * The line of a failure that is not the user's input: an I/O error says what failed; anything else is a
     * defect and says so.
     */
    private static String failure(Throwable ex) {
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(String.valueOf(ex.getMessage())) + "); give the JVM more with "
                    + "SOBOLEV_JAVA_OPTS=-Xmx..., or use smaller sizes";
        }
        if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
            return oneLine(String.valueOf(ex.getMessage()));
        }
        return "internal error, please report: " + ex.getClass().getName() + ": " + oneLine(String.valueOf(ex.getMessage()));
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
