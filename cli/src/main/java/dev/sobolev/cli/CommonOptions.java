package dev.sobolev.cli;

import picocli.CommandLine.Option;

/** Options every command accepts (DESIGN.md): {@code --json}, {@code --seed}, {@code --threads}. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print one JSON object on standard output and nothing else.")
    boolean json;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random draw; recorded in the output (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: available processors); results do not "
            + "depend on it.")
    Integer threads;

    /** The thread count, defaulting to the available processors. */
    int threads() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new IllegalArgumentException("--threads must be in [1, 1024], got " + t);
        }
        return t;
    }
}
