package dev.sobolev.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its streams. */
final class CliRunner {
    /** Exit code and both streams of one run. */
    record Run(int code, String out, String err) {
    }

    private CliRunner() {
    }

    /**
     * Runs {@code base} with option/value pairs from {@code extra}: an option already in {@code base} gets the new
     * value, another is appended.
     */
    static Run run(java.util.List<String> base, String... extra) {
        java.util.List<String> a = new java.util.ArrayList<>(base);
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return run(a.toArray(String[]::new));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SobolevCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
