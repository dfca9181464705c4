package dev.sobolev.reports.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Printable;
import dev.sobolev.reports.model.LearningCurve;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Learning curves as CSV ({@code learning-curves.csv}: columns {@code training}, {@code epoch}, {@code trainLoss},
 * {@code validationLoss}; one line per epoch, a training's epochs 1, 2, … on consecutive lines, an empty cell for
 * a missing loss) and as a model file's provenance stores them.
 */
public final class LearningCurves {
    /** The header of the CSV form. */
    public static final List<String> COLUMNS = List.of("training", "epoch", "trainLoss", "validationLoss");

    /** Largest file {@link #read} accepts: 64 MiB, a million epochs of long names. */
    private static final long MAX_BYTES = 64L << 20;

    private LearningCurves() {
    }

    /**
     * The curves as CSV with a header line, written by Tablesaw; NaN losses (no validation split) are empty cells.
     *
     * @param curves the curves, in order
     * @return the CSV text
     */
    public static String csv(List<LearningCurve> curves) {
        StringColumn training = StringColumn.create(COLUMNS.get(0));
        IntColumn epoch = IntColumn.create(COLUMNS.get(1));
        DoubleColumn train = DoubleColumn.create(COLUMNS.get(2));
        DoubleColumn validation = DoubleColumn.create(COLUMNS.get(3));
        for (LearningCurve c : curves) {
            for (int e = 0; e < c.trainLoss().size(); e++) {
                training.append(c.name());
                epoch.append(e + 1);
                train.append(c.trainLoss().get(e));
                validation.append(e < c.validationLoss().size() ? c.validationLoss().get(e) : Double.NaN);
            }
        }
        StringWriter w = new StringWriter();
        Table.create("learning-curves", training, epoch, train, validation).write().csv(w);
        return w.toString();
    }

    /**
     * Reads {@link #csv}'s form back. A curve whose validation losses are all missing gets an empty validation
     * list.
     *
     * @param file the CSV file
     * @return the curves in file order
     * @throws InvalidParameterException naming {@code history}, with the file, and the line and column of a bad
     *                                   cell: an unreadable file, another header, a cell that is not a number
     *                                   (epochs: whole numbers), epochs that do not count 1, 2, … per training,
     *                                   or a training whose lines are not consecutive
     */
    public static List<LearningCurve> read(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidParameterException("history", file + ": does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidParameterException("history", file + ": is not a file");
        }
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidParameterException("history", file + ": has " + Files.size(file) + " bytes, more "
                        + "than the " + MAX_BYTES + " a learning-curve file may have");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new InvalidParameterException("history", file + ": is not UTF-8 text, so not a CSV file", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidParameterException("history", file + ": cannot be read as a text file ("
                    + Printable.oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
        if (lines.isEmpty() || !cells(file, 1, lines.get(0)).equals(COLUMNS)) {
            throw new InvalidParameterException("history", file + ": line 1 must be the header "
                    + String.join(",", COLUMNS) + ", got " + (lines.isEmpty() ? "an empty file"
                    : "'" + Printable.of(lines.get(0), 80) + "'"));
        }
        List<LearningCurve> curves = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String name = null;
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            int line = i + 1;
            if (lines.get(i).isEmpty() && i == lines.size() - 1) {
                break;
            }
            List<String> c = cells(file, line, lines.get(i));
            if (c.size() != COLUMNS.size()) {
                throw bad(file, line, Math.min(c.size(), COLUMNS.size()) + 1, "has " + c.size() + " cells, "
                        + COLUMNS.size() + " are needed");
            }
            if (!c.get(0).equals(name)) {
                if (name != null) {
                    curves.add(curve(name, train, validation));
                }
                if (c.get(0).isEmpty() || seen.contains(c.get(0))) {
                    throw bad(file, line, 1, c.get(0).isEmpty() ? "is empty; each line names its training"
                            : "'" + Printable.of(c.get(0), 40) + "' appears again after another training; a "
                            + "training's epochs must be on consecutive lines");
                }
                name = c.get(0);
                seen.add(name);
                train = new ArrayList<>();
                validation = new ArrayList<>();
            }
            long epoch = epoch(file, line, c.get(1));
            if (epoch != train.size() + 1) {
                throw bad(file, line, 2, "epoch " + epoch + " of '" + Printable.of(name, 40) + "' must be "
                        + (train.size() + 1) + " (epochs count 1, 2, ...)");
            }
            train.add(loss(file, line, 3, c.get(2)));
            validation.add(loss(file, line, 4, c.get(3)));
        }
        if (name != null) {
            curves.add(curve(name, train, validation));
        }
        return curves;
    }

    private static LearningCurve curve(String name, List<Double> train, List<Double> validation) {
        boolean none = validation.stream().allMatch(v -> Double.isNaN(v));
        return new LearningCurve(name, train, none ? List.of() : validation);
    }

    private static long epoch(Path file, int line, String cell) {
        try {
            return Long.parseLong(cell.strip());
        } catch (NumberFormatException e) {
            throw bad(file, line, 2, "'" + Printable.of(cell, 40) + "' is not a whole number");
        }
    }

    /** A loss cell: a finite number; blank only as a validation loss (no validation split), read as NaN. */
    private static double loss(Path file, int line, int column, String cell) {
        if (cell.isBlank()) {
            if (column == 4) {
                return Double.NaN;
            }
            throw bad(file, line, column, "is empty; every epoch needs its training loss");
        }
        double v;
        try {
            v = Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            throw bad(file, line, column, "'" + Printable.of(cell, 40) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw bad(file, line, column, "'" + Printable.of(cell, 40) + "' is not finite");
        }
        return v;
    }

    private static InvalidParameterException bad(Path file, int line, int column, String detail) {
        return new InvalidParameterException("history", file + ": line " + line + ", column " + column + " ("
                + COLUMNS.get(Math.min(column, COLUMNS.size()) - 1) + ") " + detail);
    }

    /** The cells of one CSV line: comma-separated, a cell in double quotes may hold commas and "" for a quote. */
    private static List<String> cells(Path file, int line, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw bad(file, line, Math.min(out.size() + 1, COLUMNS.size()), "has a quote that is not closed");
        }
        out.add(cell.toString());
        return out;
    }

    /**
     * The training losses a model file's provenance records ({@code result.trainLoss}, one per epoch, as the train
     * job stores them).
     *
     * @param name       the curve's name
     * @param provenance the provenance object of a model file
     * @return the curve without validation losses, empty if the provenance holds no such array of numbers
     */
    public static Optional<LearningCurve> fromProvenance(String name, JsonNode provenance) {
        JsonNode losses = provenance == null ? null : provenance.path("result").path("trainLoss");
        if (losses == null || !losses.isArray() || losses.isEmpty()) {
            return Optional.empty();
        }
        List<Double> train = new ArrayList<>();
        for (JsonNode v : losses) {
            if (!v.isNumber()) {
                return Optional.empty();
            }
            train.add(v.asDouble());
        }
        return Optional.of(new LearningCurve(name, train, List.of()));
    }
}
