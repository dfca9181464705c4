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
 * for every target order statistic not yet found, the keys sharing its known leading digits either go into a
 * histogram of the next digit (65,536 counts) when more than {@code gatherLimit} of them remain, or are gathered
 * and sorted, which finds the statistic exactly. Targets sharing a range share its histogram or gathered array;
 * in one pass all live ranges have the same number of known digits and are disjoint. With a generous limit two
 * passes suffice (top digit, then gather); every refinement adds one pass, at most five in all (a range with all
 * 64 bits known holds equal values).
 *
 * <p>A target may also ask for the sum of the {@code k} smallest values (expected shortfall): values below the
 * chosen bucket are summed, Neumaier-compensated, in the pass after the bucket is chosen, and the gathered values
 * up to rank {@code k} in sorted order; the result depends only on the data and its order in the spill.
 *
 * <p>Memory: one read buffer of {@code 32,768 × stride × 8} bytes plus, per live range, at most
 * {@code max(gatherLimit, 65,536)} longs; the number of live ranges is at most the number of targets.
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
        final List<Target> targets = new ArrayList<>();
        long[] histogram;
        long[] gathered;
        int filled;

        Range(int column, long lo, long hi, int bits) {
            this.column = column;
            this.lo = lo;
            this.hi = hi;
            this.bits = bits;
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
     * @param gatherLimit most values gathered for one range (≥ 1)
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
                range = new Range(t.column, lo, uHi ^ Long.MIN_VALUE, t.bits);
                if (t.count <= gatherLimit) {
                    range.gathered = new long[(int) t.count];
                } else {
                    range.histogram = new long[BUCKETS];
                }
                ranges.add(range);
            }
            range.targets.add(t);
        }
        ranges.sort(Comparator.<Range>comparingInt(r -> r.column).thenComparingLong(r -> r.lo));
        return ranges;
    }

    private static void scan(FileChannel channel, long rows, int stride, ByteBuffer buffer, List<Range> ranges,
            List<Target> summing) {
        int columns = stride;
        Range[][] byColumn = new Range[columns][];
        long[][] los = new long[columns][];
        for (int c = 0; c < columns; c++) {
            int col = c;
            byColumn[c] = ranges.stream().filter(r -> r.column == col).toArray(Range[]::new);
            los[c] = Arrays.stream(byColumn[c]).mapToLong(r -> r.lo).toArray();
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
                            int i = Arrays.binarySearch(los[c], k);
                            int at = i >= 0 ? i : -i - 2;
                            if (at >= 0 && k <= rs[at].hi) {
                                Range r = rs[at];
                                if (r.gathered != null) {
                                    r.gathered[r.filled++] = k;
                                } else {
                                    long u = k ^ Long.MIN_VALUE;
                                    r.histogram[(int) ((u >>> (64 - DIGIT - r.bits)) & (BUCKETS - 1))]++;
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
