package dev.sobolev.reports.cli;

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
            err.printf(Locale.ROOT, "\r%5.1f%%  %,d / %,d rows  %.1f s", 100.0 * done / total, done, total, s);
            err.flush();
        }
    }

    void done() {
        if (enabled) {
            err.println();
        }
    }
}
