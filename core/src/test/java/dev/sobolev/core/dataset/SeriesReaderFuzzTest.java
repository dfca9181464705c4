package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.fuzz.Fuzz;

/**
 * Property: {@link SeriesReader#read} of a corrupted series CSV (one column, one column under a header, or a date
 * and a value column under a header) either refuses with a one-line {@link IllegalArgumentException} naming the
 * file, or returns finite values; edits that keep the meaning (CRLF, a byte-order mark, quoted or padded cells,
 * blank lines around the table) return the original series, and an empty, non-finite or unparsable value is
 * refused.
 */
class SeriesReaderFuzzTest {
    private static final List<String> BAD_CELLS = List.of("", "  ", "NaN", "-nan", "inf", "-Infinity", "1e400",
            "-1e999", "x", "1f", "0x1", "1e+", "\"\"");

    @TempDir
    Path tmp;

    /** A series file: its text, the values, and the column to ask for (null for the default). */
    private record Series(String text, double[] values, String column, int valueCell) {
        static Series random(SplittableRandom r) {
            double[] v = r.doubles(3 + r.nextInt(30), -0.05, 0.05).toArray();
            int layout = r.nextInt(3);
            StringBuilder sb = new StringBuilder(layout == 0 ? "" : layout == 1 ? "r\n" : "t,r\n");
            for (int i = 0; i < v.length; i++) {
                sb.append(layout == 2 ? (i + 1) + "," : "").append(v[i]).append('\n');
            }
            String column = layout == 2 && r.nextBoolean() ? "r" : null;
            return new Series(sb.toString(), v, column, layout == 2 ? 1 : 0);
        }

        /** 1 with a header row, else 0. */
        int firstDataLine() {
            return text.startsWith("r\n") || text.startsWith("t,r\n") ? 1 : 0;
        }
    }

    @Test
    void corruptedSeriesAreRefusedOrReadAsFiniteValues() {
        Path file = tmp.resolve("returns.csv");
        Fuzz.run(7007, r -> {
            Series s = Series.random(r);
            Fuzz.Mutant m = Fuzz.bytes(s.text().getBytes(StandardCharsets.ISO_8859_1), r);
            Files.write(file, m.bytes());
            double[] out;
            try {
                out = SeriesReader.read(file, s.column());
            } catch (Throwable t) {
                Fuzz.assertCleanRefusal(t, file.toString(), m.description());
                return;
            }
            for (double v : out) {
                assertTrue(Double.isFinite(v), m.description() + ": accepted " + v);
            }
        });
    }

    @Test
    void meaningPreservingEditsReadTheOriginal() {
        Path file = tmp.resolve("same.csv");
        Fuzz.run(8008, Math.max(1, Fuzz.cases() / 4), r -> {
            Series s = Series.random(r);
            String t = s.text();
            if (r.nextBoolean()) {
                t = t.replace("\n", "\r\n");
            }
            if (r.nextBoolean()) {
                t = t.replace(",", " , ").replace("\n", " \n").replace("\r \n", " \r\n");
            }
            if (r.nextBoolean()) {
                t = "\n\n" + t + "\n \n";
            }
            if (r.nextBoolean()) {
                t = t.replaceAll("(-?[0-9][0-9.E-]*)", "\"$1\"");
            }
            if (r.nextBoolean()) {
                t = "\u00EF\u00BB\u00BF" + t;
            }
            Files.write(file, t.getBytes(StandardCharsets.ISO_8859_1));
            assertArrayEquals(s.values(), SeriesReader.read(file, s.column()), t);
        });
    }

    @Test
    void emptyOrNonFiniteValuesAreRefusedNamingTheFile() {
        Path file = tmp.resolve("bad.csv");
        Fuzz.run(9009, Math.max(1, Fuzz.cases() / 4), r -> {
            Series s = Series.random(r);
            List<String> lines = new ArrayList<>(List.of(s.text().split("\n")));
            // not the first line of a file without a header (text there is a header), nor the last line (a blank
            // line at the end of a one-column file is the file's end, not an empty value)
            int line = 1 + r.nextInt(s.values().length - 2 + s.firstDataLine());
            String[] cells = lines.get(line).split(",", -1);
            String bad = BAD_CELLS.get(r.nextInt(BAD_CELLS.size()));
            cells[s.valueCell()] = bad;
            lines.set(line, String.join(",", cells));
            Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            String what = "line " + (line + 1) + " value '" + bad + "'";
            Throwable t = assertThrows(Throwable.class, () -> SeriesReader.read(file, s.column()), what);
            Fuzz.assertCleanRefusal(t, file + " line " + (line + 1), what);
        });
    }

    /** A one-column series with an empty cell (a blank line between its rows) was read without it. */
    @Test
    void regressionEmptyCellOfAOneColumnSeriesIsRefused() throws Exception {
        Path file = tmp.resolve("gap.csv");
        Files.writeString(file, "r\n0.01\n\n-0.02\n0.005\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesReader.read(file, null));
        assertEquals("file " + file + " line 3 is blank: a missing observation between rows 1 and 2 of the series",
                e.getMessage());
        Files.writeString(file, "\n0.01\n-0.02\n\n\n");
        assertArrayEquals(new double[] {0.01, -0.02}, SeriesReader.read(file, null));
    }

    /** A directory given as the series file was an UncheckedIOException. */
    @Test
    void regressionDirectoryIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesReader.read(tmp, null));
        assertEquals("file " + tmp + " is a directory, not a CSV file", e.getMessage());
    }

    /** 1e400 was reported as "Infinity is not allowed", a value the file does not hold. */
    @Test
    void regressionOverflowingValueIsNamedAsWritten() throws Exception {
        Path file = tmp.resolve("big.csv");
        Files.writeString(file, "0.1\n-1E400\n");
        assertEquals("file " + file + " line 2 (row 2), column 1: \"-1E400\" is outside the range of a double",
                assertThrows(IllegalArgumentException.class, () -> SeriesReader.read(file, null)).getMessage());
    }
}
