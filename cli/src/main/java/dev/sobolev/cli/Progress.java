package dev.sobolev.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Progress of a long run on standard error, only when a terminal is attached (batch logs stay clean);
 * standard output is never touched, so {@code --json} output stays one object.
 */
final class Progress implements LongConsumer {
    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();

    Progress(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
        this.enabled = System.console() != null && total >= 1_000_000;
    }

    @Override
    public void accept(long done) {
        if (enabled) {
            double s = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "\r%s %5.1f%%  %,d / %,d rows  %.1f s", bar(done, total), 100.0 * done / total, done,
                    total, s);
            err.flush();
        }
    }

    /** A 24-character bar such as {@code [#########---------------]} for done out of total. */
    static String bar(long done, long total) {
        int width = 24;
        int full = total <= 0 ? width : (int) Math.min(width, Math.max(0, done * width / total));
        return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
    }

    void done() {
        if (enabled) {
            err.println();
        }
    }
}
