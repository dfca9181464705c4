package dev.sobolev.reports.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.api.DomainPolicy;
import dev.sobolev.surrogate.api.Pricer;
import dev.sobolev.surrogate.api.Quote;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.InputSpec;

/**
 * What a batch revalues: one model, or a portfolio of positions (id, model file, quantity), each priced through the
 * public API ({@link Pricer}). The book's inputs are scenario columns: a model's inputs by name (or an explicit
 * column per input), a portfolio's the union of its positions' inputs in order of first appearance. The book's value
 * is Σᵢ qᵢ·vᵢ (one model: its value), its delta along a scenario column the sum of qᵢ·∂vᵢ/∂xⱼ over the positions
 * that take the column, and its Hessian along a direction v the same sum of qᵢ·Hᵢvᵢ, with vᵢ the direction's entries
 * on position i's inputs. Sums run in position order, the first term taken as it is, so a one-model book gives the
 * pricer's bits.
 *
 * <p>A book is immutable and thread-safe; its per-thread arrays live in a {@link Scratch}.
 */
public final class Book {
    /** A position id: it names output columns ({@code <id>_value}), so no comma, quote or space. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    /** Points per book call of {@link #priceBook}: the surrogate's own block of scaled points. */
    public static final int BLOCK = 64;

    /**
     * One position of a book.
     *
     * @param id       its id (a model's own book uses {@code model})
     * @param model    the model file
     * @param quantity the number of units held (finite; negative for a short position)
     */
    public record Position(String id, Path model, double quantity) {
        /** Checks the parts. */
        public Position {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
        }
    }

    /** A position with its pricer and where its inputs sit among the book's. */
    private record Leg(Position position, ModelFile.Loaded loaded, Pricer pricer, int[] columns, boolean[] first) {
    }

    private final List<Position> positions;
    private final Leg[] legs;
    /** Scenario column of each book input. */
    private final List<String> inputs;
    /** The names of each input in output columns ({@code delta_<label>}). */
    private final List<String> labels;
    /** Per book input the intersection of the training boxes of the positions that take it. */
    private final double[] lower;
    private final double[] upper;
    /** Whether this is a single model whose inputs are the book's in order (no gather, no quantity). */
    private final boolean identity;

    private Book(List<Position> positions, List<ModelFile.Loaded> models, List<String> columnsOfSingle,
            DomainPolicy policy) {
        this.positions = List.copyOf(positions);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Leg> ls = new ArrayList<>();
        boolean[] seen = new boolean[0];
        for (int i = 0; i < positions.size(); i++) {
            ModelFile.Loaded m = models.get(i);
            List<String> names = columnsOfSingle != null ? columnsOfSingle : m.schema().inputNames();
            int[] cols = new int[names.size()];
            for (int j = 0; j < cols.length; j++) {
                cols[j] = index.computeIfAbsent(names.get(j), k -> index.size());
            }
            if (seen.length < index.size()) {
                seen = Arrays.copyOf(seen, index.size());
            }
            boolean[] first = new boolean[cols.length];
            for (int j = 0; j < cols.length; j++) {
                first[j] = !seen[cols[j]];
                seen[cols[j]] = true;
            }
            DomainPolicy p = policy == DomainPolicy.CLAMP ? DomainPolicy.CLAMP : DomainPolicy.FLAG;
            ls.add(new Leg(positions.get(i), m, Pricer.of(m, p), cols, first));
        }
        legs = ls.toArray(new Leg[0]);
        inputs = List.copyOf(index.keySet());
        labels = columnsOfSingle != null ? models.get(0).schema().inputNames() : inputs;
        int d = inputs.size();
        lower = new double[d];
        upper = new double[d];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        for (Leg l : legs) {
            for (int j = 0; j < l.columns.length; j++) {
                InputSpec s = l.loaded.schema().input(j);
                lower[l.columns[j]] = Math.max(lower[l.columns[j]], s.lower());
                upper[l.columns[j]] = Math.min(upper[l.columns[j]], s.upper());
            }
        }
        identity = legs.length == 1 && legs[0].position.quantity() == 1.0;
    }

    /**
     * The book of one model.
     *
     * @param model   the model file
     * @param columns the scenario column of each model input in the model's order, or null to take the model's input
     *                names
     * @param policy  what to do with points outside the training domain ({@link DomainPolicy#REJECT} is the
     *                caller's to apply before pricing: the book then prices as under {@link DomainPolicy#FLAG})
     * @return the book
     * @throws InvalidParameterException ({@code model}) if the file cannot be read as a model, ({@code columns}) if
     *                                   the list does not have one distinct, non-blank name per model input
     */
    public static Book model(Path model, List<String> columns, DomainPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        ModelFile.Loaded m = read("model", model);
        if (columns != null) {
            List<String> names = m.schema().inputNames();
            if (columns.size() != names.size()) {
                throw new InvalidParameterException("columns", "names " + columns.size() + " columns, the model "
                        + model + " takes " + names.size() + " inputs (" + String.join(",", names) + ")");
            }
            Set<String> distinct = new HashSet<>();
            for (String c : columns) {
                if (c.isBlank() || !distinct.add(c)) {
                    throw new InvalidParameterException("columns", "must name distinct non-blank columns, got '"
                            + String.join(",", columns) + "'");
                }
            }
            columns = List.copyOf(columns);
        }
        return new Book(List.of(new Position("model", model, 1.0)), List.of(m), columns, policy);
    }

    /**
     * The book of a portfolio file: CSV with the header {@code id,model,quantity} and one position per line; model
     * paths are relative to the portfolio file's directory; blank lines are skipped.
     *
     * @param file   the portfolio file
     * @param policy as for {@link #model}
     * @return the book, positions in file order
     * @throws InvalidParameterException ({@code portfolio}) naming the file, the line and what is wrong: a missing
     *                                   file, a wrong header or field count, an empty or repeated id or one with
     *                                   other characters than letters, digits, '_', '.' and '-', a model file
     *                                   that cannot be read, a quantity that is not a finite number, no position
     */
    public static Book portfolio(Path file, DomainPolicy policy) {
        Objects.requireNonNull(file, "portfolio");
        Objects.requireNonNull(policy, "policy");
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidParameterException("portfolio", file + " is not a file");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidParameterException("portfolio", file + " cannot be read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals("id,model,quantity")) {
            throw new InvalidParameterException("portfolio", file + " line 1: the header must be id,model,quantity"
                    + (lines.isEmpty() ? ", the file is empty" : ", got '" + lines.get(0).strip() + "'"));
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Position> ps = new ArrayList<>();
        List<ModelFile.Loaded> ms = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new InvalidParameterException("portfolio", where + "needs 3 fields (id,model,quantity), got "
                        + f.length);
            }
            String id = f[0].strip();
            if (!ID.matcher(id).matches()) {
                throw new InvalidParameterException("portfolio", where + "id must be letters, digits, '_', '.' or "
                        + "'-', got '" + id + "'");
            }
            if (!ids.add(id)) {
                throw new InvalidParameterException("portfolio", where + "id " + id + " appears twice");
            }
            double q;
            try {
                q = Double.parseDouble(f[2].strip());
            } catch (NumberFormatException e) {
                q = Double.NaN;
            }
            if (!Double.isFinite(q)) {
                throw new InvalidParameterException("portfolio", where + "quantity must be a finite number, got '"
                        + f[2].strip() + "'");
            }
            if (f[1].isBlank()) {
                throw new InvalidParameterException("portfolio", where + "model must name a model file, got ''");
            }
            Path model;
            try {
                model = dir.resolve(f[1].strip());
            } catch (InvalidPathException e) {
                throw new InvalidParameterException("portfolio", where + "model is not a valid path: " + f[1], e);
            }
            try {
                ms.add(ModelFile.read(model));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new InvalidParameterException("portfolio", where + "model " + model + ": " + e.getMessage(), e);
            }
            ps.add(new Position(id, model, q));
        }
        if (ps.isEmpty()) {
            throw new InvalidParameterException("portfolio", file + ": no position after the header");
        }
        return new Book(ps, ms, null, policy);
    }

    private static ModelFile.Loaded read(String parameter, Path file) {
        Objects.requireNonNull(file, parameter);
        try {
            return ModelFile.read(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidParameterException(parameter, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * The positions.
     *
     * @return the positions in order (one, {@code model}, for a model's book)
     */
    public List<Position> positions() {
        return positions;
    }

    /**
     * The loaded model of a position, for closed forms beside it.
     *
     * @param i position index
     * @return its model and schema
     */
    public ModelFile.Loaded loaded(int i) {
        return legs[i].loaded;
    }

    /**
     * The scenario columns the book reads.
     *
     * @return D column names, in the book's input order
     */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * The names of the inputs in output columns: a model's input names, a portfolio's scenario columns.
     *
     * @return D names, in the book's input order
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The book's number of inputs.
     *
     * @return D
     */
    public int dimension() {
        return inputs.size();
    }

    /**
     * Tells whether the book is a portfolio file's rather than one model's.
     *
     * @return true for more than the one {@code model} position, or a quantity other than 1
     */
    public boolean portfolio() {
        return !identity || legs.length > 1;
    }

    /**
     * The training domain's lower bound of a book input: the largest of the positions' lower bounds.
     *
     * @param c book input index
     * @return the bound, −∞ where unknown
     */
    public double lower(int c) {
        return lower[c];
    }

    /**
     * The training domain's upper bound of a book input: the smallest of the positions' upper bounds.
     *
     * @param c book input index
     * @return the bound, +∞ where unknown
     */
    public double upper(int c) {
        return upper[c];
    }

    /**
     * Per-thread arrays of the book's calls.
     *
     * @return a scratch for one thread
     */
    public Scratch scratch() {
        return new Scratch(this);
    }

    /** The per-thread arrays of {@link Book}'s calls; not thread-safe. */
    public static final class Scratch {
        private final double[][] xs;
        private final double[][] values;
        private final double[][] deltas;
        private final Quote[] quotes;
        private final double[][] point;
        private final double[][] direction;
        private final boolean[] outside = new boolean[BLOCK];
        private final boolean[] anyOutside = new boolean[BLOCK];
        private boolean pointOutside;

        private Scratch(Book b) {
            int n = b.legs.length;
            xs = new double[n][];
            values = new double[n][];
            deltas = new double[n][];
            quotes = new Quote[n];
            point = new double[n][];
            direction = new double[n][];
            for (int i = 0; i < n; i++) {
                int d = b.legs[i].columns.length;
                xs[i] = new double[BLOCK * d];
                values[i] = new double[BLOCK];
                deltas[i] = new double[BLOCK * d];
                quotes[i] = b.legs[i].pricer.newQuote();
                point[i] = new double[d];
                direction[i] = new double[d];
            }
        }

        /**
         * Tells whether the last {@link Book#pricePoint} lay outside a position's training domain.
         *
         * @return true if flagged or clamped
         */
        public boolean outside() {
            return pointOutside;
        }
    }

    /**
     * Values and deltas of n points through book calls per position ({@link Pricer#priceBook}) of
     * {@link #BLOCK} points each (the last block padded with copies of its first point, whose results are
     * dropped), so that a slice of any length is priced from arrays allocated once.
     *
     * @param xs        the points row by row (n × D, finite), not modified
     * @param n         the number of points
     * @param values    receives the book's value of point p at [p]
     * @param deltas    receives ∂value/∂x_c of point p at [p·D + c]
     * @param positions receives position i's value qᵢ·vᵢ at [p·P + i] (P positions), or null
     * @param s         this thread's scratch
     * @return the number of points outside the training domain of at least one position
     */
    public int priceBook(double[] xs, int n, double[] values, double[] deltas, double[] positions, Scratch s) {
        int dd = dimension();
        int np = legs.length;
        int outside = 0;
        boolean[] any = s.anyOutside;
        for (int p0 = 0; p0 < n; p0 += BLOCK) {
            int m = Math.min(BLOCK, n - p0);
            Arrays.fill(any, false);
            for (int i = 0; i < np; i++) {
                Leg l = legs[i];
                int d = l.columns.length;
                double[] bx = s.xs[i];
                for (int p = 0; p < BLOCK; p++) {
                    int row = (p0 + (p < m ? p : 0)) * dd;
                    for (int j = 0; j < d; j++) {
                        bx[p * d + j] = xs[row + l.columns[j]];
                    }
                }
                l.pricer.priceBook(bx, s.values[i], s.deltas[i], s.outside);
                double q = l.position.quantity();
                double[] lv = s.values[i];
                double[] lg = s.deltas[i];
                for (int p = 0; p < m; p++) {
                    any[p] |= s.outside[p];
                    double v = identity ? lv[p] : q * lv[p];
                    int r = p0 + p;
                    values[r] = i == 0 ? v : values[r] + v;
                    if (positions != null) {
                        positions[r * np + i] = v;
                    }
                    for (int j = 0; j < d; j++) {
                        int c = r * dd + l.columns[j];
                        double g = identity ? lg[p * d + j] : q * lg[p * d + j];
                        deltas[c] = l.first[j] ? g : deltas[c] + g;
                    }
                }
            }
            for (int p = 0; p < m; p++) {
                outside += any[p] ? 1 : 0;
            }
        }
        return outside;
    }

    /**
     * Value, deltas and a Hessian–vector product of one point ({@link Pricer#priceWithGamma} without a direction,
     * {@link Pricer#priceAlong} with one).
     *
     * @param x         the point (D entries from offset {@code off})
     * @param off       its offset in x
     * @param v         the direction (D entries), or null for the all-ones vector (gamma 1ᵀH1)
     * @param deltas    receives the D deltas from offset {@code doff}
     * @param doff      offset in deltas
     * @param hv        receives H·v (D entries)
     * @param positions receives the P position values qᵢ·vᵢ from offset {@code poff}, or null
     * @param poff      offset in positions
     * @param s         this thread's scratch
     * @return the book's value; with v null, {@code hv[0..D)} is H·1 and the gamma is returned through
     *         {@link #gamma(double[], double[])}'s sum
     */
    public double pricePoint(double[] x, int off, double[] v, double[] deltas, int doff, double[] hv,
            double[] positions, int poff, Scratch s) {
        double value = 0;
        boolean out = false;
        for (int i = 0; i < legs.length; i++) {
            Leg l = legs[i];
            int d = l.columns.length;
            double[] lx = s.point[i];
            for (int j = 0; j < d; j++) {
                lx[j] = x[off + l.columns[j]];
            }
            Quote qt = s.quotes[i];
            if (v == null) {
                l.pricer.priceWithGamma(lx, qt);
            } else {
                double[] lv = s.direction[i];
                for (int j = 0; j < d; j++) {
                    lv[j] = v[l.columns[j]];
                }
                l.pricer.priceAlong(lx, lv, qt);
            }
            out |= qt.outside();
            double q = l.position.quantity();
            double y = identity ? qt.value() : q * qt.value();
            value = i == 0 ? y : value + y;
            if (positions != null) {
                positions[poff + i] = y;
            }
            for (int j = 0; j < d; j++) {
                int c = l.columns[j];
                double g = identity ? qt.delta(j) : q * qt.delta(j);
                double h = identity ? qt.hessianVector(j) : q * qt.hessianVector(j);
                deltas[doff + c] = l.first[j] ? g : deltas[doff + c] + g;
                hv[c] = l.first[j] ? h : hv[c] + h;
            }
        }
        s.pointOutside = out;
        return value;
    }

    /**
     * The closed-form value and deltas of one point: Σᵢ qᵢ·eᵢ over the positions' exact prices eᵢ, deltas by book
     * input as in {@link #pricePoint}.
     *
     * @param exact  the closed form of each position, in order
     * @param x      the point (D entries from {@code off})
     * @param off    its offset
     * @param deltas receives the D exact deltas from {@code doff}
     * @param doff   offset in deltas
     * @param s      this thread's scratch
     * @return the exact value
     */
    public double priceExact(ExactPricer[] exact, double[] x, int off, double[] deltas, int doff, Scratch s) {
        double value = 0;
        for (int i = 0; i < legs.length; i++) {
            Leg l = legs[i];
            int d = l.columns.length;
            double[] lx = s.point[i];
            for (int j = 0; j < d; j++) {
                lx[j] = x[off + l.columns[j]];
            }
            double[] g = s.direction[i];
            double q = l.position.quantity();
            double y = identity ? exact[i].price(lx, g) : q * exact[i].price(lx, g);
            value = i == 0 ? y : value + y;
            for (int j = 0; j < d; j++) {
                int c = doff + l.columns[j];
                double gj = identity ? g[j] : q * g[j];
                deltas[c] = l.first[j] ? gj : deltas[c] + gj;
            }
        }
        return value;
    }

    /**
     * The gamma of the last {@link #pricePoint} without a direction: the book's 1ᵀH1, Σᵢ qᵢ·γᵢ over the positions
     * in order ({@link Quote#gamma()} of each; one model: its gamma).
     *
     * @param s this thread's scratch, after {@link #pricePoint} with a null direction
     * @return the gamma
     */
    public double gamma(Scratch s) {
        double g = 0;
        for (int i = 0; i < legs.length; i++) {
            double y = identity ? s.quotes[i].gamma() : legs[i].position.quantity() * s.quotes[i].gamma();
            g = i == 0 ? y : g + y;
        }
        return g;
    }

    /**
     * vᵀ·(H·v), summed in input order: the gamma along a direction.
     *
     * @param v  the direction (D entries)
     * @param hv H·v (D entries)
     * @return the curvature along v
     */
    public static double gamma(double[] v, double[] hv) {
        double g = 0;
        for (int c = 0; c < v.length; c++) {
            g += v[c] * hv[c];
        }
        return g;
    }
}
