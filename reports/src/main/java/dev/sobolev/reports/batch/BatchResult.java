package dev.sobolev.reports.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link BatchJob} run did.
 *
 * @param rows     scenario rows priced
 * @param rejected rows written to the rejects file
 * @param outside  rows priced outside the training domain (flagged or clamped; 0 when such rows are rejected)
 * @param seconds  wall-clock seconds of the run (of all its attempts, when resumed)
 * @param output   the output CSV
 * @param rejects  the rejects CSV
 * @param summary  the summary CSV ({@link RiskSummary#table()})
 * @param risk     the risk figures
 */
public record BatchResult(long rows, long rejected, long outside, double seconds, Path output, Path rejects,
        Path summary, RiskSummary risk) {
    /** Checks the parts. */
    public BatchResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(rejects, "rejects");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(risk, "risk");
    }

    /**
     * The throughput, as the summary states it.
     *
     * @return rows priced per second
     */
    public double rowsPerSecond() {
        return risk.rowsPerSecond();
    }
}
