package dev.sobolev.reports.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.eval.ErrorStats;

/**
 * Risk figures of a batch run, fed one priced row at a time in row order (by the engine's writer thread), with
 * state that can be checkpointed into the run's journal and restored after a kill with the same bits.
 *
 * <p>Kept per row: the count; mean and variance of the value (Welford's update, Welford 1962; deterministic for a
 * given row order); with a base scenario the same of the P&amp;L and the error of the delta-gamma P&amp;L against
 * it ({@link ErrorStats} with the full P&amp;L as truth); with exact prices ({@link #addExact}) the surrogate's
 * errors of value, of all deltas pooled and of each delta. The value, P&amp;L and delta-gamma P&amp;L of every row
 * go to a spill file (little-endian doubles, one row of one or three doubles, buffered 4,096 rows at a time),
 * from which {@link #finish} computes exact order statistics ({@link RadixSelection}).
 *
 * <p>Definitions, for n rows with order statistics x₍₁₎ ≤ … ≤ x₍ₙ₎ (in {@link Double#compare}'s order):
 * <ul>
 * <li>the quantile at level p is the lower empirical quantile x₍ₖ₎ with k = max(1, ⌈p·n⌉), the smallest x with
 * at least p·n values ≤ x (Hyndman and Fan 1996, definition 1); the levels are 0.1 %, 1 %, 2.5 %, 5 %, 10 %,
 * 25 %, 50 %, 75 %, 90 %, 95 %, 97.5 %, 99 % and 99.9 %, and ⌈p·n⌉ is computed in integers (p in parts per
 * million), so no rounding of p·n moves a rank;</li>
 * <li>value at risk at confidence p (99 % and 97.5 %) is the lower empirical p-quantile of the loss L = −P&amp;L:
 * L₍ₖ₎ with k = ⌈p·n⌉, that is −P&amp;L₍ₙ₋ₖ₊₁₎;</li>
 * <li>expected shortfall at confidence p is the mean of the m = ⌈(1 − p)·n⌉ largest losses:
 * −(1/m)·Σᵢ₌₁..ₘ P&amp;L₍ᵢ₎ (ties at the boundary counted by rank, so exactly m losses enter);</li>
 * <li>the same VaR and ES of the delta-gamma P&amp;L; its error is RMSE and max |dg − full| over the rows.</li>
 * </ul>
 *
 * <p>Memory is bounded independently of n: the spill buffer (96 KiB), and in {@code finish} a 768 KiB read
 * buffer, three 256 KiB lookup tables, at most 2²⁰ gathered values (8 MiB) and at most one 512 KiB histogram per
 * order statistic sought (at most 34 of them: 13 value quantiles, 13 P&amp;L quantiles, 2 VaR and 2 ES ranks for
 * each of P&amp;L and delta-gamma P&amp;L): under 27 MiB in all. The spill takes 8 bytes a row without a base, 24
 * with one. Not thread-safe.
 */
public final class RiskAccumulator implements AutoCloseable {
    /** Quantile levels in parts per million: 0.1 % … 99.9 %. */
    private static final long[] QUANTILE_PPM = {1_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        750_000, 900_000, 950_000, 975_000, 990_000, 999_000};
    /** VaR and ES confidence levels in parts per million: 99 % and 97.5 %. */
    private static final long[] TAIL_PPM = {990_000, 975_000};
    private static final long MILLION = 1_000_000;
    private static final int BUFFER_ROWS = 4096;
    private static final String FORMAT = "risk-accumulator/1";
    /** Most values the selection gathers in one pass: 2²⁰ (8 MiB). */
    static final int GATHER_LIMIT = 1 << 20;

    private final Path spill;
    private final boolean withBase;
    private final int inputs;
    private final int stride;
    private final int gatherLimit;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long rows;
    private double valueMean;
    private double valueM2;
    private double pnlMean;
    private double pnlM2;
    private ErrorStats deltaGamma;
    private ErrorStats exactValue;
    private ErrorStats exactDelta;
    private final ErrorStats[] exactDeltas;

    private RiskAccumulator(Path spill, boolean withBase, int inputs, int gatherLimit, FileChannel channel) {
        this.spill = spill;
        this.withBase = withBase;
        this.inputs = inputs;
        this.stride = withBase ? 3 : 1;
        this.gatherLimit = gatherLimit;
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(BUFFER_ROWS * stride * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.deltaGamma = new ErrorStats();
        this.exactValue = new ErrorStats();
        this.exactDelta = new ErrorStats();
        this.exactDeltas = new ErrorStats[inputs];
        for (int j = 0; j < inputs; j++) {
            exactDeltas[j] = new ErrorStats();
        }
    }

    /**
     * A new accumulator with an empty spill (created, or truncated when it exists).
     *
     * @param spill    the spill file
     * @param withBase whether rows carry a P&amp;L against a base scenario
     * @param inputs   the model's inputs (deltas per row in {@link #addExact}), ≥ 1
     * @return the accumulator
     * @throws InvalidParameterException {@code inputs} below 1, or {@code spill} cannot be created
     */
    public static RiskAccumulator create(Path spill, boolean withBase, int inputs) {
        return create(spill, withBase, inputs, GATHER_LIMIT);
    }

    /** {@link #create(Path, boolean, int)} with the selection's gather limit (tests use a small one). */
    static RiskAccumulator create(Path spill, boolean withBase, int inputs, int gatherLimit) {
        if (inputs < 1) {
            throw new InvalidParameterException("inputs", "must be >= 1, got " + inputs);
        }
        return new RiskAccumulator(spill, withBase, inputs, gatherLimit, open(spill, true));
    }

    private static FileChannel open(Path spill, boolean truncate) {
        try {
            return truncate
                    ? FileChannel.open(spill, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(spill, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InvalidParameterException("spill", "cannot be opened: " + spill + " (" + e + ")", e);
        }
    }

    /**
     * Adds one priced row.
     *
     * @param value         the book's value (finite)
     * @param pnl           value minus the base scenario's value (finite with a base; ignored without)
     * @param deltaGammaPnl the delta-gamma P&amp;L δ·Δx + ½ΔxᵀΓΔx (finite with a base; ignored without)
     * @throws InvalidParameterException a non-finite figure
     */
    public void add(double value, double pnl, double deltaGammaPnl) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException("value", "must be finite, got " + value);
        }
        if (withBase && !Double.isFinite(pnl)) {
            throw new InvalidParameterException("pnl", "must be finite, got " + pnl);
        }
        if (withBase && !Double.isFinite(deltaGammaPnl)) {
            throw new InvalidParameterException("deltaGammaPnl", "must be finite, got " + deltaGammaPnl);
        }
        rows++;
        double d = value - valueMean;
        valueMean += d / rows;
        valueM2 += d * (value - valueMean);
        buffer.putDouble(value);
        if (withBase) {
            double e = pnl - pnlMean;
            pnlMean += e / rows;
            pnlM2 += e * (pnl - pnlMean);
            deltaGamma.add(pnl, deltaGammaPnl);
            buffer.putDouble(pnl).putDouble(deltaGammaPnl);
        }
        if (!buffer.hasRemaining()) {
            drain();
        }
    }

    /**
     * Adds a row priced both by the surrogate and by the closed form (in addition to {@link #add}).
     *
     * @param value       the surrogate's value
     * @param exactValue  the exact value
     * @param deltas      the surrogate's deltas, one per input
     * @param exactDeltas the exact deltas, one per input
     * @throws InvalidParameterException a delta array of the wrong length
     */
    public void addExact(double value, double exactValue, double[] deltas, double[] exactDeltas) {
        if (deltas.length != inputs) {
            throw new InvalidParameterException("deltas", "must have " + inputs + " entries, got " + deltas.length);
        }
        if (exactDeltas.length != inputs) {
            throw new InvalidParameterException("exactDeltas",
                    "must have " + inputs + " entries, got " + exactDeltas.length);
        }
        this.exactValue.add(exactValue, value);
        for (int j = 0; j < inputs; j++) {
            exactDelta.add(exactDeltas[j], deltas[j]);
            this.exactDeltas[j].add(exactDeltas[j], deltas[j]);
        }
    }

    /** Writes the buffered rows to the spill and forces it to the device (before the journal records them). */
    public void flush() {
        drain();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, channel.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.clear();
    }

    /**
     * The complete state, for the journal: rows, spill length in bytes, the running moments and error statistics
     * (doubles as their IEEE bit patterns, so {@link #restore} continues with the same bits). Writes buffered rows
     * to the spill first (call {@link #flush} before to force them to the device).
     *
     * @return a new JSON object
     */
    public ObjectNode checkpoint() {
        drain();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("format", FORMAT);
        node.put("withBase", withBase);
        node.put("inputs", inputs);
        node.put("rows", rows);
        node.put("spillBytes", spillBytes());
        ArrayNode moments = node.putArray("moments");
        for (double v : new double[] {valueMean, valueM2, pnlMean, pnlM2}) {
            moments.add(Double.doubleToRawLongBits(v));
        }
        node.set("deltaGamma", stats(deltaGamma));
        node.set("exactValue", stats(exactValue));
        node.set("exactDelta", stats(exactDelta));
        ArrayNode each = node.putArray("exactDeltas");
        for (ErrorStats s : exactDeltas) {
            each.add(stats(s));
        }
        return node;
    }

    private long spillBytes() {
        return rows * stride * Double.BYTES;
    }

    private static ArrayNode stats(ErrorStats s) {
        ErrorStats.State st = s.state();
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double v : new double[] {st.sse(), st.shift(), st.sum(), st.sumSq(), st.maxError()}) {
            a.add(Double.doubleToRawLongBits(v));
        }
        return a.add(st.count());
    }

    private static ErrorStats stats(JsonNode a) {
        if (!a.isArray() || a.size() != 6 || !allLongs(a)) {
            throw bad("error statistics must be 6 integers, got " + a);
        }
        return ErrorStats.of(new ErrorStats.State(bits(a.get(0)), bits(a.get(1)), bits(a.get(2)), bits(a.get(3)),
                bits(a.get(4)), a.get(5).asLong()));
    }

    private static boolean allLongs(JsonNode a) {
        for (JsonNode e : a) {
            if (!e.canConvertToLong() || !e.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static double bits(JsonNode n) {
        return Double.longBitsToDouble(n.asLong());
    }

    private static InvalidParameterException bad(String detail) {
        return new InvalidParameterException("checkpoint", detail);
    }

    /**
     * An accumulator in the state of a checkpoint; the spill is truncated to the length the checkpoint recorded
     * (rows written after it are dropped), so feeding the rows after the checkpoint gives the bits of an
     * uninterrupted run.
     *
     * @param spill      the spill file the checkpointed accumulator wrote
     * @param checkpoint a state from {@link #checkpoint}
     * @return the accumulator
     * @throws InvalidParameterException a checkpoint that is not one, or a spill shorter than it records
     */
    public static RiskAccumulator restore(Path spill, JsonNode checkpoint) {
        return restore(spill, checkpoint, GATHER_LIMIT);
    }

    /** {@link #restore(Path, JsonNode)} with the selection's gather limit. */
    static RiskAccumulator restore(Path spill, JsonNode checkpoint, int gatherLimit) {
        if (!FORMAT.equals(checkpoint.path("format").asText())) {
            throw bad("must have format " + FORMAT + ", got " + checkpoint.path("format"));
        }
        JsonNode withBase = checkpoint.path("withBase");
        int inputs = checkpoint.path("inputs").asInt(0);
        long rows = checkpoint.path("rows").asLong(-1);
        JsonNode moments = checkpoint.path("moments");
        JsonNode each = checkpoint.path("exactDeltas");
        if (!withBase.isBoolean() || inputs < 1 || rows < 0 || !moments.isArray() || moments.size() != 4
                || !allLongs(moments) || !each.isArray() || each.size() != inputs) {
            throw bad("is incomplete: " + checkpoint);
        }
        FileChannel channel = open(spill, false);
        RiskAccumulator acc = new RiskAccumulator(spill, withBase.asBoolean(), inputs, gatherLimit, channel);
        acc.rows = rows;
        if (checkpoint.path("spillBytes").asLong(-1) != acc.spillBytes()) {
            acc.close();
            throw bad("spillBytes must be " + acc.spillBytes() + " for " + rows + " rows, got "
                    + checkpoint.path("spillBytes"));
        }
        try {
            long size = channel.size();
            if (size < acc.spillBytes()) {
                acc.close();
                throw new InvalidParameterException("spill",
                        "must hold at least " + acc.spillBytes() + " bytes, got " + size + ": " + spill);
            }
            channel.truncate(acc.spillBytes());
        } catch (IOException e) {
            acc.close();
            throw new UncheckedIOException(e);
        }
        acc.valueMean = bits(moments.get(0));
        acc.valueM2 = bits(moments.get(1));
        acc.pnlMean = bits(moments.get(2));
        acc.pnlM2 = bits(moments.get(3));
        acc.deltaGamma = stats(checkpoint.path("deltaGamma"));
        acc.exactValue = stats(checkpoint.path("exactValue"));
        acc.exactDelta = stats(checkpoint.path("exactDelta"));
        for (int j = 0; j < inputs; j++) {
            acc.exactDeltas[j] = stats(each.get(j));
        }
        return acc;
    }

    /** Rows added so far. */
    public long rows() {
        return rows;
    }

    /** The spill file. */
    public Path spill() {
        return spill;
    }

    /**
     * Computes the summary from the running figures and the spill (read in up to five passes), then closes the
     * spill (the caller deletes it).
     *
     * @param priced   rows priced: must equal the rows added
     * @param rejected rows rejected (≥ 0)
     * @param seconds  wall-clock seconds of the run
     * @return the summary
     * @throws InvalidParameterException {@code priced} not the rows added, or {@code rejected} negative
     */
    public RiskSummary finish(long priced, long rejected, double seconds) {
        if (priced != rows) {
            throw new InvalidParameterException("priced", "must equal the rows added, " + rows + ", got " + priced);
        }
        if (rejected < 0) {
            throw new InvalidParameterException("rejected", "must be >= 0, got " + rejected);
        }
        drain();
        List<RadixSelection.Target> targets = new ArrayList<>();
        List<RadixSelection.Target> valueQ = quantileTargets(0, targets);
        List<RadixSelection.Target> pnlQ = withBase ? quantileTargets(1, targets) : List.of();
        List<RadixSelection.Target[]> pnlTail = withBase ? tailTargets(1, targets) : List.of();
        List<RadixSelection.Target[]> dgTail = withBase ? tailTargets(2, targets) : List.of();
        if (rows > 0) {
            RadixSelection.select(channel, rows, stride, targets, gatherLimit);
        }
        close();
        RiskSummary.Distribution value = distribution(valueMean, valueM2, valueQ);
        Optional<RiskSummary.PnlSummary> pnl = withBase
                ? Optional.of(new RiskSummary.PnlSummary(distribution(pnlMean, pnlM2, pnlQ), tail(pnlTail),
                        tail(dgTail), fit(deltaGamma)))
                : Optional.empty();
        Optional<RiskSummary.ExactSummary> exact = Optional.empty();
        if (exactValue.count() > 0) {
            List<RiskSummary.Fit> each = new ArrayList<>();
            for (ErrorStats s : exactDeltas) {
                each.add(fit(s));
            }
            exact = Optional.of(new RiskSummary.ExactSummary(fit(exactValue), fit(exactDelta), each));
        }
        return new RiskSummary(priced, rejected, seconds, seconds > 0 ? priced / seconds : Double.NaN, value, pnl,
                exact);
    }

    /** Closes the spill (idempotent); {@link #finish} does it, a failed run calls it. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rank k = max(1, ⌈ppm·n / 10⁶⌉) of the lower empirical quantile at level ppm/10⁶ among n values. */
    static long lowerRank(long ppm, long n) {
        return Math.max(1, (ppm * n + MILLION - 1) / MILLION);
    }

    /** The level's decimal text: 975,000 ppm is {@code "0.975"}. */
    static String label(long ppm) {
        return BigDecimal.valueOf(ppm, 6).stripTrailingZeros().toPlainString();
    }

    private List<RadixSelection.Target> quantileTargets(int column, List<RadixSelection.Target> all) {
        List<RadixSelection.Target> ts = new ArrayList<>();
        for (long ppm : QUANTILE_PPM) {
            ts.add(new RadixSelection.Target(column, lowerRank(ppm, rows), false));
        }
        all.addAll(ts);
        return ts;
    }

    /** Per confidence level: {VaR target (rank n − ⌈pn⌉ + 1 of the P&amp;L), ES target (sum of the m smallest)}. */
    private List<RadixSelection.Target[]> tailTargets(int column, List<RadixSelection.Target> all) {
        List<RadixSelection.Target[]> ts = new ArrayList<>();
        for (long ppm : TAIL_PPM) {
            RadixSelection.Target var = new RadixSelection.Target(column, rows - lowerRank(ppm, rows) + 1, false);
            RadixSelection.Target es = new RadixSelection.Target(column, lowerRank(MILLION - ppm, rows), true);
            ts.add(new RadixSelection.Target[] {var, es});
            all.add(var);
            all.add(es);
        }
        return ts;
    }

    private RiskSummary.Distribution distribution(double mean, double m2, List<RadixSelection.Target> q) {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        for (int i = 0; i < QUANTILE_PPM.length; i++) {
            quantiles.put(label(QUANTILE_PPM[i]), rows == 0 ? Double.NaN : q.get(i).value());
        }
        return new RiskSummary.Distribution(rows == 0 ? Double.NaN : mean,
                rows < 2 ? Double.NaN : Math.sqrt(m2 / (rows - 1)), quantiles);
    }

    private RiskSummary.Tail tail(List<RadixSelection.Target[]> ts) {
        Map<String, Double> var = new LinkedHashMap<>();
        Map<String, Double> es = new LinkedHashMap<>();
        for (int i = 0; i < TAIL_PPM.length; i++) {
            String l = label(TAIL_PPM[i]);
            RadixSelection.Target[] t = ts.get(i);
            var.put(l, rows == 0 ? Double.NaN : -t[0].value());
            es.put(l, rows == 0 ? Double.NaN : -t[1].smallestSum() / t[1].rank);
        }
        return new RiskSummary.Tail(var, es);
    }

    private static RiskSummary.Fit fit(ErrorStats s) {
        return new RiskSummary.Fit(s.rmse(), s.maxError(), s.r2());
    }
}
