package dev.sobolev.cli;

import java.nio.file.Path;
import java.util.function.Function;

import dev.sobolev.core.InvalidParameterException;

/**
 * Reads the files and directories that options name, so that a refusal names the option as well as the file and
 * field the reader names: {@code --model: model file m.json: architecture.activation must be one of ...}.
 */
final class Inputs {
    private Inputs() {
    }

    /**
     * Applies a reader to the path an option gives.
     *
     * @param option the option, e.g. {@code --model}
     * @param path   its value
     * @param reader the reader
     * @param <T>    what it reads
     * @return what it read
     * @throws IllegalArgumentException the reader's refusal with the option in front; an
     *                                  {@link InvalidParameterException} passes unchanged, since {@link OptionNames}
     *                                  maps its parameter to the option that supplied it
     */
    static <T> T read(String option, Path path, Function<Path, T> reader) {
        try {
            return reader.apply(path);
        } catch (InvalidParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
