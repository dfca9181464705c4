package dev.sobolev.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import dev.sobolev.core.InvalidParameterException;

/**
 * Seeded property tests for file readers: random corruptions of a valid file, the case loop and the refusal
 * contract. The number of cases comes from the system property {@code fuzz.cases} (default {@value #DEFAULT_CASES};
 * the {@code fuzz-nightly} Maven profile raises it), the base seed from {@code fuzz.seed} (default: the test's own
 * fixed seed), so that a failing case is replayed with {@code -Dfuzz.seed=S -Dfuzz.cases=1} where S is the seed the
 * failure reports.
 */
public final class Fuzz {
    /** Cases per reader when {@code fuzz.cases} is not set. */
    public static final int DEFAULT_CASES = 2000;
    /** A case that runs longer than this is a hang: every reader's work is bounded by its (small) input. */
    private static final Duration HANG = Duration.ofSeconds(60);
    /** Bytes a corrupting insertion is drawn from: structure characters of NPY, CSV and JSON, and edge bytes. */
    private static final byte[] INTERESTING = "\0\n\r\t ,.-+eE0123456789\"'{}[]():;L\\NnaIifTF\u007f".getBytes(
            StandardCharsets.ISO_8859_1);

    private Fuzz() {
    }

    /** The body of one case. */
    @FunctionalInterface
    public interface Case {
        /**
         * Runs one case.
         *
         * @param r the case's random source
         * @throws Exception on a failure of the test's own set-up
         */
        void run(SplittableRandom r) throws Exception;
    }

    /**
     * The number of cases per reader.
     *
     * @return {@code fuzz.cases}, or {@value #DEFAULT_CASES}
     */
    public static int cases() {
        return Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    }

    /**
     * Runs {@link #cases()} cases, each with its own seed {@code seed + i}; a failure names that seed.
     *
     * @param seed the test's fixed base seed (overridden by {@code fuzz.seed})
     * @param body one case
     */
    public static void run(long seed, Case body) {
        run(seed, cases(), body);
    }

    /**
     * Runs the given number of cases, each with its own seed {@code seed + i}; a failure names that seed.
     *
     * @param seed  the test's fixed base seed (overridden by {@code fuzz.seed})
     * @param cases how many cases (a targeted property may take a share of {@link #cases()})
     * @param body  one case
     */
    public static void run(long seed, int cases, Case body) {
        long base = Long.getLong("fuzz.seed", seed);
        for (int i = 0; i < cases; i++) {
            long s = base + i;
            try {
                assertTimeoutPreemptively(HANG, () -> body.run(new SplittableRandom(s)), "hang");
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " (replay with -Dfuzz.seed=" + s + " -Dfuzz.cases=1) failed: "
                        + t, t);
            }
        }
    }

    /**
     * Checks the refusal contract: a plain {@link IllegalArgumentException} or an {@link InvalidParameterException}
     * (never a subclass such as {@link NumberFormatException}, never another exception), with a message on one
     * line that contains {@code names}.
     *
     * @param t       what the reader threw
     * @param names   text the message must contain (the file, or the directory and file name)
     * @param context the mutation, for the failure message
     */
    public static void assertCleanRefusal(Throwable t, String names, String context) {
        boolean clean = t.getClass() == IllegalArgumentException.class || t instanceof InvalidParameterException;
        if (!clean) {
            throw new AssertionError("expected IllegalArgumentException after " + context + ", got " + t, t);
        }
        String m = t.getMessage();
        if (m == null || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("message is not one line after " + context + ": " + m, t);
        }
        if (!m.contains(names)) {
            throw new AssertionError("message does not name " + names + " after " + context + ": " + m, t);
        }
    }

    /** A corrupted copy of a file and what was done to it. */
    public record Mutant(byte[] bytes, String description) {
    }

    /**
     * One random byte-level corruption: bit flips, a byte set to a structural or edge value, a truncation (to
     * empty, a few bytes, inside the first 128 bytes, anywhere, or one byte short), an insertion, a deletion, a
     * repeated chunk or appended garbage.
     *
     * @param original the valid file
     * @param r        random source
     * @return the corrupted bytes and what was done
     */
    public static Mutant bytes(byte[] original, SplittableRandom r) {
        int n = original.length;
        switch (r.nextInt(8)) {
            case 0: {
                byte[] b = original.clone();
                int flips = 1 + r.nextInt(4);
                StringBuilder d = new StringBuilder("bit flips at");
                for (int i = 0; i < flips && n > 0; i++) {
                    int at = r.nextInt(n);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    d.append(' ').append(at);
                }
                return new Mutant(b, d.toString());
            }
            case 1: {
                byte[] b = original.clone();
                if (n == 0) {
                    return new Mutant(b, "unchanged empty file");
                }
                int at = r.nextInt(n);
                b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                return new Mutant(b, "byte " + at + " set to 0x" + Integer.toHexString(b[at] & 0xFF));
            }
            case 2: {
                int len;
                switch (r.nextInt(5)) {
                    case 0:
                        len = 0;
                        break;
                    case 1:
                        len = Math.min(n, r.nextInt(12));
                        break;
                    case 2:
                        len = Math.min(n, r.nextInt(129));
                        break;
                    case 3:
                        len = Math.max(0, n - 1);
                        break;
                    default:
                        len = n == 0 ? 0 : r.nextInt(n);
                        break;
                }
                return new Mutant(Arrays.copyOf(original, len), "truncated to " + len + " of " + n + " bytes");
            }
            case 3: {
                int at = r.nextInt(n + 1);
                int k = 1 + r.nextInt(16);
                byte[] ins = new byte[k];
                for (int i = 0; i < k; i++) {
                    ins[i] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
                }
                return new Mutant(splice(original, at, 0, ins), k + " bytes inserted at " + at);
            }
            case 4: {
                if (n == 0) {
                    return new Mutant(original.clone(), "unchanged empty file");
                }
                int at = r.nextInt(n);
                int k = 1 + r.nextInt(Math.min(n - at, 32));
                return new Mutant(splice(original, at, k, new byte[0]), k + " bytes deleted at " + at);
            }
            case 5: {
                if (n == 0) {
                    return new Mutant(original.clone(), "unchanged empty file");
                }
                int at = r.nextInt(n);
                int k = 1 + r.nextInt(Math.min(n - at, 64));
                byte[] chunk = Arrays.copyOfRange(original, at, at + k);
                int to = r.nextInt(n + 1);
                return new Mutant(splice(original, to, 0, chunk), k + " bytes from " + at + " repeated at " + to);
            }
            case 6: {
                byte[] tail = new byte[1 + r.nextInt(24)];
                r.nextBytes(tail);
                return new Mutant(splice(original, n, 0, tail), tail.length + " random bytes appended");
            }
            default: {
                byte[] b = original.clone();
                int at = n == 0 ? 0 : r.nextInt(n);
                int k = Math.min(n - at, 1 + r.nextInt(8));
                for (int i = 0; i < k; i++) {
                    b[at + i] = (byte) r.nextInt(256);
                }
                return new Mutant(b, k + " random bytes written at " + at);
            }
        }
    }

    /**
     * Replaces {@code remove} bytes at {@code at} by {@code insert}.
     *
     * @param b      the bytes
     * @param at     position, {@code 0 <= at <= b.length - remove}
     * @param remove how many bytes to drop
     * @param insert what to put in their place
     * @return a new array
     */
    public static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
