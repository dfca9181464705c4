package dev.sobolev.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.sobolev.pruning.interval.InputBox;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters of the options that are not plain numbers: enums by their dashed lower-case labels
 * ({@code per-feature}, {@code one-cycle}), paths (not empty), hidden-layer specs, width lists and input boxes. A bad value fails with
 * an {@link OptionValueException} whose message reads after the option name ({@code must be npy or csv, got
 * parquet}); {@link SobolevCli} prints it as one line naming the option.
 */
final class Converters {
    private Converters() {
    }

    /** A value an option cannot take; the message names the value and what is allowed, without the option. */
    static final class OptionValueException extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        OptionValueException(String message) {
            super(message);
        }
    }

    /**
     * Registers the enum converters with a command line and its subcommands.
     *
     * @param cl the command line
     * @param enums the enum types its options take
     */
    static void registerEnums(CommandLine cl, List<Class<? extends Enum<?>>> enums) {
        for (Class<? extends Enum<?>> type : enums) {
            register(cl, type);
        }
    }

    private static <E extends Enum<E>> void register(CommandLine cl, Class<? extends Enum<?>> type) {
        @SuppressWarnings("unchecked")
        Class<E> e = (Class<E>) type;
        cl.registerConverter(e, new EnumConverter<>(e));
    }

    /** The label of an enum constant on the command line: lower case, '_' as '-'. */
    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "a, b or c". */
    static String alternatives(List<String> labels) {
        int n = labels.size();
        return n == 1 ? labels.get(0) : String.join(", ", labels.subList(0, n - 1)) + " or " + labels.get(n - 1);
    }

    /** An enum by its label, case-insensitively. */
    static final class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        EnumConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            String v = value.strip();
            for (E e : type.getEnumConstants()) {
                if (label(e).equalsIgnoreCase(v)) {
                    return e;
                }
            }
            throw new OptionValueException("must be " + alternatives(Arrays.stream(type.getEnumConstants())
                    .map(Converters::label).toList()) + ", got " + value);
        }
    }

    /** A file or directory; an empty value is refused (it would name the working directory). */
    static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new OptionValueException("must name a file or directory, got '" + value + "'");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new OptionValueException("is not a valid path: " + e.getMessage());
            }
        }
    }

    /**
     * Layer widths as an option's value (picocli takes an array-typed option as a repeatable one, so a list given
     * in one value needs this holder).
     *
     * @param widths the widths
     */
    record WidthList(int[] widths) {
        /** Copies the widths. */
        WidthList {
            widths = widths.clone();
        }

        /** A copy of the widths. */
        @Override
        public int[] widths() {
            return widths.clone();
        }
    }

    /** Hidden layers as WIDTHxLAYERS ({@code 128x6}) or a list of widths ({@code 64,32}). */
    static final class HiddenLayers implements ITypeConverter<WidthList> {
        @Override
        public WidthList convert(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.matches("\\d+x\\d+")) {
                    String[] p = t.split("x");
                    int width = Integer.parseInt(p[0]);
                    int layers = Integer.parseInt(p[1]);
                    if (width < 1 || layers < 1) {
                        throw new OptionValueException("width and layer count must be >= 1, got " + s);
                    }
                    int[] w = new int[layers];
                    Arrays.fill(w, width);
                    return new WidthList(w);
                }
                if (t.matches("\\d+(,\\d+)*")) {
                    int[] w = Arrays.stream(t.split(",")).mapToInt(Integer::parseInt).toArray();
                    for (int v : w) {
                        if (v < 1) {
                            throw new OptionValueException("widths must be >= 1, got " + s);
                        }
                    }
                    return new WidthList(w);
                }
            } catch (NumberFormatException e) {
                throw new OptionValueException("has a number too large: " + s);
            }
            throw new OptionValueException("must look like 128x6 (width x layers) or 64,32 (widths), got " + s);
        }
    }

    /** One width ({@code 8}) or a comma-separated list ({@code 16,8,8}); their range is the pruner's to check. */
    static final class Widths implements ITypeConverter<WidthList> {
        @Override
        public WidthList convert(String text) {
            try {
                return new WidthList(Arrays.stream(text.trim().split(",")).mapToInt(s -> Integer.parseInt(s.trim()))
                        .toArray());
            } catch (NumberFormatException e) {
                throw new OptionValueException("must be a width (8) or one per hidden layer (16,8,8), got " + text);
            }
        }
    }

    /** An input box as {@code lo:hi} per input, comma-separated, in data units. */
    static final class Box implements ITypeConverter<InputBox> {
        @Override
        public InputBox convert(String text) {
            String[] cells = text.trim().split(",");
            int d = cells.length;
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int j = 0; j < d; j++) {
                String[] ends = cells[j].split(":");
                if (ends.length != 2) {
                    throw new OptionValueException("entry " + (j + 1) + " must be lo:hi, got " + cells[j]);
                }
                try {
                    lo[j] = Double.parseDouble(ends[0].trim());
                    hi[j] = Double.parseDouble(ends[1].trim());
                } catch (NumberFormatException e) {
                    throw new OptionValueException("entry " + (j + 1) + " is not a number: " + cells[j]);
                }
                if (!(lo[j] <= hi[j]) || !Double.isFinite(lo[j]) || !Double.isFinite(hi[j])) {
                    throw new OptionValueException("entry " + (j + 1) + " needs finite lo <= hi, got " + cells[j]);
                }
            }
            return InputBox.of(lo, hi);
        }
    }
}
