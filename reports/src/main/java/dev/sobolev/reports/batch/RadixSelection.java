package dev.sobolev.reports.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact order statistics of the columns of a spill file (rows of {@code stride} little-endian doubles) in memory
 * bounded independently of the number of rows, by radix selection on order-preserving keys.
 *
 * <p>A double maps to a signed {@code long} key whose order is {@link Double#compare}'s ({@link #key}); its
 * unsigned form (key with the sign bit flipped) is cut into four 16-bit digits. Each pass reads the spill once;
 * for every target order statistic not yet found, the keys sharing its known leading digits (its range) are
 * either gathered and sorted, which finds the statistic exactly, or counted in a histogram of the next digit
 * (65,536 counts), which narrows the range to one bucket. A pass gathers the smallest ranges as long as their
 * values fit in {@code gatherLimit} together and histograms the rest. Targets sharing a range share its array;
 * in one pass all live ranges have the same number of known digits and are disjoint. Two passes suffice when
 * the buckets of the top digit that hold the targets are small enough (top digit, then gather); every refinement
 * adds a pass, at most five in all (a range with all 64 bits known holds equal values).
 *
 * <p>A target may also ask for the sum of the {@code k} smallest values (expected shortfall): values below the
 * chosen bucket are summed, Neumaier-compensated, in the pass after the bucket is chosen, and the gathered values
 * up to rank {@code k} in sorted order; the result depends only on the data and its order in the spill.
 *
 * <p>Memory: a read buffer of {@code 32,768 × stride × 8} bytes, per column a 65,536-int table from the top
 * digit to the ranges, at most {@code gatherLimit} gathered longs, and a 65,536-long histogram per histogrammed
 * range (at most one per target).
 */
final class RadixSelection {
    private static final int DIGIT = 16;
    private static final int BUCKETS = 1 << DIGIT;
    private static final int BUFFER_ROWS = 1 << 15;

    /** One requested order statistic of a column, and its state during the passes. */
    static final class Target {
        final int column;
        final long rank;
        final boolean wantSum;
        /** Rank within the current range, 1-based. */
        long rankInRange;
        /** Known leading bits of the unsigned key. */
        int bits;
        long prefix;
        /** Values in the current range (known after the histogram that chose it). */
        long count;
        /** Keys (signed) in [sumLo, sumHi] are summed in the next pass; none when sumLo > sumHi. */
        long sumLo = 1;
        long sumHi = 0;
        double sum;
        double comp;
        boolean found;
        double value;

        Target(int column, long rank, boolean wantSum) {
            this.column = column;
            this.rank = rank;
            this.wantSum = wantSum;
        }

        /** The order statistic x_(rank), valid after {@link #select}. */
        double value() {
            return value;
        }

        /** Σ of the rank smallest values, valid after {@link #select} when asked for. */
        double smallestSum() {
            return sum + comp;
        }

        void add(double x) {
            double t = sum + x;
            comp += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        boolean pendingSum() {
            return sumLo <= sumHi;
        }
    }

    /** A range of keys (signed, inclusive) live in one pass, with the targets inside it. */
    private static final class Range {
        final int column;
        final long lo;
        final long hi;
        final int bits;
        final long count;
        final List<Target> targets = new ArrayList<>();
        long[] histogram;
        long[] gathered;
        int filled;

        Range(int column, long lo, long hi, int bits, long count) {
            this.column = column;
            this.lo = lo;
            this.hi = hi;
            this.bits = bits;
            this.count = count;
        }
    }

    private RadixSelection() {
    }

    /** The signed key of a (non-NaN) double: key order is {@link Double#compare}'s, −0.0 below 0.0. */
    static long key(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** The double of a key ({@link #key}'s inverse). */
    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * Finds every target's order statistic (and smallest-k sum when asked).
     *
     * @param channel     the spill, read from position 0 (its position is not used)
     * @param rows        rows in the spill (≥ every target's rank)
     * @param stride      doubles per row
     * @param targets     the targets (1 ≤ rank ≤ rows), filled in place
     * @param gatherLimit most values gathered in one pass, all ranges together (≥ 1)
     */
    static void select(FileChannel channel, long rows, int stride, List<Target> targets, int gatherLimit) {
        for (Target t : targets) {
            t.rankInRange = t.rank;
            t.count = rows;
        }
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_ROWS * stride * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            List<Range> ranges = liveRanges(targets, gatherLimit);
            List<Target> summing = targets.stream().filter(Target::pendingSum).toList();
            if (ranges.isEmpty() && summing.isEmpty()) {
                return;
            }
            scan(channel, rows, stride, buffer, ranges, summing);
            for (Target t : summing) {
                t.sumLo = 1;
                t.sumHi = 0;
            }
            for (Range r : ranges) {
                if (r.gathered != null) {
                    resolveGathered(r);
                } else {
                    narrow(r);
                }
            }
        }
    }

    /** Groups the unresolved targets into ranges; targets whose 64 bits are known are resolved here. */
    private static List<Range> liveRanges(List<Target> targets, int gatherLimit) {
        List<Range> ranges = new ArrayList<>();
        for (Target t : targets) {
            if (t.found) {
                continue;
            }
            long uLo = t.bits == 0 ? 0 : t.prefix << (64 - t.bits);
            long uHi = t.bits == 0 ? -1L : uLo | (-1L >>> t.bits);
            if (t.bits == 64) {
                t.value = value(uLo ^ Long.MIN_VALUE);
                if (t.wantSum) {
                    for (long i = 0; i < t.rankInRange; i++) {
                        t.add(t.value);
                    }
                }
                t.found = true;
                continue;
            }
            long lo = uLo ^ Long.MIN_VALUE;
            Range range = null;
            for (Range r : ranges) {
                if (r.column == t.column && r.lo == lo) {
                    range = r;
                }
            }
            if (range == null) {
                range = new Range(t.column, lo, uHi ^ Long.MIN_VALUE, t.bits, t.count);
                ranges.add(range);
            }
            range.targets.add(t);
        }
        // gather the smallest ranges while the pass's budget lasts; histogram the rest
        ranges.sort(Comparator.comparingLong(r -> r.count));
        long budget = gatherLimit;
        for (Range r : ranges) {
            if (r.count <= budget) {
                r.gathered = new long[(int) r.count];
                budget -= r.count;
            } else {
                r.histogram = new long[BUCKETS];
            }
        }
        ranges.sort(Comparator.<Range>comparingInt(r -> r.column).thenComparingLong(r -> r.lo));
        return ranges;
    }

    private static void scan(FileChannel channel, long rows, int stride, ByteBuffer buffer, List<Range> ranges,
            List<Target> summing) {
        int columns = stride;
        Range[][] byColumn = new Range[columns][];
        int[][] first = new int[columns][];
        for (int c = 0; c < columns; c++) {
            int col = c;
            byColumn[c] = ranges.stream().filter(r -> r.column == col).toArray(Range[]::new);
            first[c] = firstRange(byColumn[c]);
        }
        Target[] sums = summing.toArray(Target[]::new);
        long position = 0;
        long end = rows * stride * Double.BYTES;
        try {
            while (position < end) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), end - position));
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer, position + buffer.position());
                    if (read < 0) {
                        throw new IOException("spill ends at byte " + (position + buffer.position()) + ", expected "
                                + end);
                    }
                }
                int n = buffer.limit();
                for (int off = 0; off < n; off += stride * Double.BYTES) {
                    for (int c = 0; c < columns; c++) {
                        long k = key(buffer.getDouble(off + c * Double.BYTES));
                        Range[] rs = byColumn[c];
                        if (rs.length > 0) {
                            long u = k ^ Long.MIN_VALUE;
                            int top = (int) (u >>> (64 - DIGIT));
                            for (int at = first[c][top]; at >= 0 && at < rs.length && k >= rs[at].lo; at++) {
                                Range r = rs[at];
                                if (k <= r.hi) {
                                    if (r.gathered != null) {
                                        r.gathered[r.filled++] = k;
                                    } else {
                                        r.histogram[(int) ((u >>> (64 - DIGIT - r.bits)) & (BUCKETS - 1))]++;
                                    }
                                    break;
                                }
                            }
                        }
                        for (Target t : sums) {
                            if (t.column == c && k >= t.sumLo && k <= t.sumHi) {
                                t.add(value(k));
                            }
                        }
                    }
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For each value of the top digit, the index of the first range (sorted by key) that may hold keys with it, or
     * −1: the ranges of a pass are disjoint and each lies in one top bucket except the first pass's whole line.
     */
    private static int[] firstRange(Range[] rs) {
        int[] first = new int[BUCKETS];
        Arrays.fill(first, -1);
        for (int i = rs.length - 1; i >= 0; i--) {
            int lo = (int) ((rs[i].lo ^ Long.MIN_VALUE) >>> (64 - DIGIT));
            int hi = (int) ((rs[i].hi ^ Long.MIN_VALUE) >>> (64 - DIGIT));
            Arrays.fill(first, lo, hi + 1, i);
        }
        return first;
    }

    private static void resolveGathered(Range r) {
        long[] keys = r.gathered;
        Arrays.sort(keys, 0, r.filled);
        for (Target t : r.targets) {
            t.value = value(keys[(int) t.rankInRange - 1]);
            if (t.wantSum) {
                for (int i = 0; i < t.rankInRange; i++) {
                    t.add(value(keys[i]));
                }
            }
            t.found = true;
        }
    }

    /** Moves every target of a histogrammed range into the bucket of the next digit that holds its rank. */
    private static void narrow(Range r) {
        int shift = 64 - DIGIT - r.bits;
        for (Target t : r.targets) {
            long below = 0;
            int b = 0;
            while (below + r.histogram[b] < t.rankInRange) {
                below += r.histogram[b];
                b++;
            }
            long prefix = (t.prefix << DIGIT) | b;
            long subLo = (prefix << shift) ^ Long.MIN_VALUE;
            if (t.wantSum && below > 0) {
                t.sumLo = r.lo;
                t.sumHi = subLo - 1;
            }
            t.prefix = prefix;
            t.bits += DIGIT;
            t.rankInRange -= below;
            t.count = r.histogram[b];
        }
    }
}
