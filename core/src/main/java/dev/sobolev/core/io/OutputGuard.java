package dev.sobolev.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;

/**
 * Checks, before any work starts, that an output file may be written: it is none of the job's inputs (and lies
 * inside no input directory, where it would change a data set), it is not a directory, and it does not exist
 * unless overwriting was asked for. Paths are compared as real paths ({@link Path#toRealPath} of the longest
 * existing part, the rest normalised), so symbolic links and {@code ..} do not hide a clash.
 */
public final class OutputGuard {
    /** Symbolic links followed in one path before it counts as a loop (Linux's limit). */
    private static final int MAX_LINKS = 40;

    private OutputGuard() {
    }

    /**
     * An input of a job.
     *
     * @param what what it is, for the message ({@code "model"}, {@code "data set"})
     * @param path its file or directory
     */
    public record Input(String what, Path path) {
        /** Checks that both parts are given. */
        public Input {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Checks an output file against the inputs and the file system.
     *
     * @param parameter the output's parameter name, for the exception
     * @param out       the file to be written
     * @param overwrite whether an existing file (not an input) may be replaced
     * @param inputs    the job's inputs; null entries are skipped
     * @return {@code out} as an absolute path
     * @throws InvalidParameterException naming {@code parameter} if {@code out} is an input or lies inside an input
     *                                   directory, is a directory, or exists and {@code overwrite} is false
     */
    public static Path checkFile(String parameter, Path out, boolean overwrite, List<Input> inputs) {
        Objects.requireNonNull(out, parameter);
        Path real = realPath(parameter, out);
        Path placed = placement(parameter, out, real);
        for (Input in : inputs) {
            if (in == null) {
                continue;
            }
            Path input = realPath(parameter, in.path());
            if (real.equals(input) || placed.equals(input)) {
                throw new InvalidParameterException(parameter, out + " is the input " + in.what() + " " + in.path()
                        + "; writing it would destroy the input; choose another path");
            }
            if ((real.startsWith(input) || placed.startsWith(input)) && Files.isDirectory(input)) {
                throw new InvalidParameterException(parameter, out + " lies inside the input " + in.what() + " "
                        + in.path() + "; writing it would change the input; choose a path outside it");
            }
        }
        if (Files.isDirectory(out)) {
            throw new InvalidParameterException(parameter, out + " is a directory; a file path is needed");
        }
        if (!overwrite && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidParameterException(parameter, out + " already exists; choose a new path or allow "
                    + "overwriting it");
        }
        return out.toAbsolutePath();
    }

    /**
     * Where the rename that publishes {@code out} puts its directory entry: the real path of its directory with
     * its own name, which differs from {@code real} when {@code out} is a symbolic link (the rename replaces the
     * link, in the link's directory).
     */
    private static Path placement(String parameter, Path out, Path real) {
        Path abs = out.toAbsolutePath();
        Path name = abs.getFileName();
        if (abs.getParent() == null || name == null || name.toString().equals(".") || name.toString().equals("..")) {
            return real;
        }
        return realPath(parameter, abs.getParent()).resolve(name);
    }

    /**
     * The real path of {@code p}, resolved name by name as the operating system does: an existing prefix by
     * {@link Path#toRealPath}, a symbolic link (also a dangling one) followed before a later {@code ..} applies,
     * and the names after the longest existing prefix appended.
     *
     * @param parameter named if the path cannot be resolved
     * @param p         the path
     * @return the real path
     * @throws InvalidParameterException naming {@code parameter} if the existing prefix cannot be resolved
     */
    public static Path realPath(String parameter, Path p) {
        Path abs;
        try {
            abs = p.toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new InvalidParameterException(parameter, p + " is not a valid path: " + e.getMessage(), e);
        }
        Deque<Path> names = new ArrayDeque<>();
        abs.forEach(names::addLast);
        Path real = abs.getRoot();
        int links = 0;
        try {
            while (!names.isEmpty()) {
                String name = names.removeFirst().toString();
                if (name.equals(".")) {
                    continue;
                }
                if (name.equals("..")) {
                    real = real.getParent() == null ? real : real.getParent();
                    continue;
                }
                Path next = real.resolve(name);
                if (Files.isSymbolicLink(next)) {
                    if (++links > MAX_LINKS) {
                        throw new InvalidParameterException(parameter, p + " cannot be resolved: too many levels "
                                + "of symbolic links");
                    }
                    Path target = Files.readSymbolicLink(next);
                    List<Path> targetNames = new ArrayList<>();
                    target.forEach(targetNames::add);
                    for (int i = targetNames.size() - 1; i >= 0; i--) {
                        names.addFirst(targetNames.get(i));
                    }
                    if (target.isAbsolute()) {
                        real = target.getRoot();
                    }
                    continue;
                }
                real = Files.exists(next) ? next.toRealPath() : next;
            }
        } catch (IOException e) {
            throw new InvalidParameterException(parameter, p + " cannot be resolved: " + e.getMessage(), e);
        }
        return real;
    }
}
