package dev.sobolev.reports.experiments;

import java.util.List;

import dev.sobolev.core.InvalidParameterException;

/** The test problems of McDonagh &amp; Chen by the names the command line uses. */
public final class Problems {
    private static final List<Problem> ALL = List.of(new CosineProblem(), new GarchProblem(),
            new ExponentialProblem());

    private Problems() {
    }

    /** @return the 2-D, 4-D and 8-D problems in that order */
    public static List<Problem> all() {
        return ALL;
    }

    /**
     * The problem of a name.
     *
     * @param name {@code 2d}, {@code 4d} or {@code 8d}
     * @return the problem
     * @throws InvalidParameterException naming {@code problem} for another name
     */
    public static Problem named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
                () -> new InvalidParameterException("problem", "must be one of " + String.join(", ",
                        ALL.stream().map(Problem::name).toList()) + ", got " + name));
    }
}
