package dev.sobolev.cli;

import java.util.List;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one-line message of a command line that does not parse, naming the option and the value:
 * {@code --paths: 'many' is not an integer}, {@code unknown option --pahts (did you mean --paths?)},
 * {@code --data is required}. {@link SobolevCli} prints it after {@code sobolev: } with exit code 2.
 */
final class ParseErrors {
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class);
    private static final Set<Class<?>> REALS = Set.of(double.class, Double.class, float.class, Float.class);

    private ParseErrors() {
    }

    /**
     * The message of a parse failure, without the {@code sobolev: } prefix.
     *
     * @param ex the failure
     * @return one line
     */
    static String message(ParameterException ex) {
        if (ex instanceof MissingParameterException m) {
            return missing(m);
        }
        if (ex instanceof UnmatchedArgumentException u) {
            return unmatched(u);
        }
        if (ex instanceof OverwrittenOptionException o) {
            return name(o.getOverwritten()) + " is given more than once";
        }
        if (ex.getArgSpec() instanceof OptionSpec option) {
            if (ex.getCause() instanceof Converters.OptionValueException bad) {
                return option.longestName() + " " + bad.getMessage();
            }
            if (ex.getCause() instanceof TypeConversionException) {
                return option.longestName() + ": " + notOfType(option.type(), ex.getValue());
            }
        }
        return String.valueOf(ex.getMessage());
    }

    /**
     * The failure of a command that needs a subcommand and was given none.
     *
     * @param cl the command
     * @return the exception {@link #message} renders as {@code price needs a subcommand: bachelier}
     */
    static ParameterException missingSubcommand(CommandLine cl) {
        List<String> names = List.copyOf(cl.getSubcommands().keySet());
        String path = cl.getCommandSpec().qualifiedName(" ");
        String what = cl.getParent() == null ? "a command is required: " : path.substring(path.indexOf(' ') + 1)
                + " needs a subcommand: ";
        return new ParameterException(cl, what + Converters.alternatives(names) + " (see " + path + " --help)");
    }

    private static String missing(MissingParameterException m) {
        List<String> names = m.getMissing().stream().map(ParseErrors::name).toList();
        if (names.isEmpty()) {
            return String.valueOf(m.getMessage());
        }
        if (String.valueOf(m.getMessage()).startsWith("Missing required parameter")
                || String.valueOf(m.getMessage()).startsWith("Expected parameter")) {
            return names.get(0) + " needs a value";
        }
        return names.size() == 1 ? names.get(0) + " is required"
                : Converters.alternatives(names).replace(" or ", " and ") + " are required";
    }

    private static String unmatched(UnmatchedArgumentException u) {
        List<String> args = u.getUnmatched();
        String first = args.isEmpty() ? "" : args.get(0);
        List<String> suggestions = u.getSuggestions();
        String hint = suggestions.isEmpty() ? "" : " (did you mean " + Converters.alternatives(suggestions) + "?)";
        if (first.startsWith("-") && first.length() > 1) {
            return "unknown option " + first + hint;
        }
        if (!u.getCommandLine().getSubcommands().isEmpty()) {
            return "unknown command '" + first + "'" + hint;
        }
        return "unexpected argument '" + first + "'" + hint;
    }

    /** What is wrong with a value that does not convert to the option's type. */
    private static String notOfType(Class<?> type, String value) {
        String v = "'" + value + "'";
        if (INTEGERS.contains(type)) {
            if (value != null && value.strip().matches("[+-]?\\d+")) {
                return v + " is out of range for an integer option (at most "
                        + (type == long.class || type == Long.class ? Long.MAX_VALUE : Integer.MAX_VALUE) + ")";
            }
            return v + " is not an integer";
        }
        if (REALS.contains(type)) {
            return v + " is not a number";
        }
        return v + " is not a valid " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
    }
}
