package dev.sobolev.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.ExperimentReport;
import dev.sobolev.reports.model.ExperimentSection;
import dev.sobolev.reports.model.NamedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ExperimentFilesTest {
    @TempDir
    Path dir;

    private static ExperimentReport report(String... stems) {
        List<NamedTable> tables = java.util.Arrays.stream(stems).map(s -> new NamedTable(s, "caption",
                Table.create(s, IntColumn.create("size", 10, 12), DoubleColumn.create("rmse", 0.1, 1.0 / 3)))).toList();
        return new ExperimentReport("ridge", "t", "s", List.of(new ExperimentSection("a", "A", "", List.of(), tables,
                List.of())), List.of());
    }

    @Test
    void writesEveryTableAsCsvAndThePage() throws Exception {
        ExperimentFiles.Written w = ExperimentFiles.write(report("sweep", "means"), dir.resolve("out/ridge"));
        assertEquals(dir.resolve("out/ridge/report.html"), w.report());
        assertEquals(List.of(dir.resolve("out/ridge/sweep.csv"), dir.resolve("out/ridge/means.csv")), w.tables());
        // the CSV keeps every digit (shortest round trip), the page rounds for reading
        assertEquals(List.of("size,rmse", "10,0.1", "12,0.3333333333333333"), Files.readAllLines(w.tables().get(0)));
        assertTrue(Files.readString(w.report()).contains("0.333333<"));
    }

    @Test
    void refusesAFileAsDirectoryAndTwinStems() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ExperimentFiles.write(report("a"), file));
        assertEquals("out", e.parameter());
        assertThrows(IllegalArgumentException.class, () -> ExperimentFiles.write(report("a", "a"), dir.resolve("x")));
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written");
    }
}
