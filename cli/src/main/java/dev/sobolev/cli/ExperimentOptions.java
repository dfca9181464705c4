package dev.sobolev.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.sobolev.core.InvalidParameterException;
import picocli.CommandLine.Option;

/**
 * Options of every {@code experiment} command besides {@link CommonOptions}: how many random draws to average
 * over and where the tables and the report go.
 */
final class ExperimentOptions {
    @Option(names = "--draws", description = "Random draws (training sets, surrogates) to average over "
            + "(default: the experiment's, see its description).")
    Integer draws;

    @Option(names = "--out", description = "Directory for the CSV tables and report.html "
            + "(default: sobolev-experiments/<experiment>); files of the same names are replaced.")
    Path out;

    /**
     * The draws, or the experiment's default.
     *
     * @param fallback the experiment's default
     * @return the draws to run
     */
    int draws(int fallback) {
        return draws == null ? fallback : draws;
    }

    /**
     * The output directory.
     *
     * @param experiment the experiment's name
     * @return {@code --out}, or {@code sobolev-experiments/<experiment>}
     */
    Path out(String experiment) {
        return out == null ? Path.of("sobolev-experiments", experiment) : out;
    }

    /**
     * The output directory, checked before an experiment runs: a file in its place would only be found after the
     * whole run.
     *
     * @param experiment the experiment's name
     * @return {@code --out}, or {@code sobolev-experiments/<experiment>}
     * @throws InvalidParameterException naming {@code out} when it exists and is not a directory
     */
    Path checkedOut(String experiment) {
        Path dir = out(experiment);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidParameterException("out", dir + " is a file; a directory is needed");
        }
        return dir;
    }
}
