package dev.sobolev.reports.experiments;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.reports.html.ExperimentRenderer;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.NamedTable;

/**
 * Writes an {@link ExperimentReport} into a directory: every table as {@code <stem>.csv} (Tablesaw's CSV writer, a
 * header row, numbers in Java's shortest round-trip form) and the page as {@code report.html}. Each file is
 * written atomically (a temporary file renamed into place), so a reader never sees half a file; files of an earlier
 * run with the same names are replaced, others are left alone.
 */
public final class ExperimentFiles {
    /** The page's file name. */
    public static final String REPORT = "report.html";

    private ExperimentFiles() {
    }

    /**
     * What was written.
     *
     * @param report the HTML page
     * @param tables the CSV files in the report's order
     */
    public record Written(Path report, List<Path> tables) {
        /** Copies the list. */
        public Written {
            tables = List.copyOf(tables);
        }
    }

    /**
     * Writes the report.
     *
     * @param report the report
     * @param dir    the output directory (created with its parents if absent)
     * @return the files written
     * @throws InvalidParameterException naming {@code out} when {@code dir} is an existing file
     * @throws IllegalArgumentException  when two tables of the report share a stem
     * @throws UncheckedIOException      when a file cannot be written
     */
    public static Written write(ExperimentReport report, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidParameterException("out", dir + " is a file; a directory is needed");
        }
        List<NamedTable> tables = new ArrayList<>();
        Set<String> stems = new HashSet<>();
        for (ExperimentSection s : report.sections()) {
            for (NamedTable t : s.tables()) {
                if (!stems.add(t.stem())) {
                    throw new IllegalArgumentException("two tables of report " + report.name() + " share the stem "
                            + t.stem());
                }
                tables.add(t);
            }
        }
        String html = ExperimentRenderer.render(report);
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            for (NamedTable t : tables) {
                StringWriter csv = new StringWriter();
                t.table().write().csv(csv);
                written.add(AtomicFiles.writeString(dir.resolve(t.stem() + ".csv"), csv.toString(), true));
            }
            Path page = AtomicFiles.writeString(dir.resolve(REPORT), html, true);
            return new Written(page, written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment report into " + dir, e);
        }
    }
}
