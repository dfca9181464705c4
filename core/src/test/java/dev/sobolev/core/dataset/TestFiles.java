package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared helpers for the dataset tests. */
final class TestFiles {
    private TestFiles() {
    }

    /** Names in a directory, sorted. */
    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Bitwise equality (distinguishes -0.0 and 0.0). */
    static void assertBitsEqual(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                assertEquals(expected[i], actual[i], "index " + i);
                throw new AssertionError("index " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    /** A hand-made .npy file (v1.0 or v2.0) with an arbitrary header dict and raw little-endian data. */
    static void writeRawNpy(Path file, int major, String dict, ByteBuffer data) throws IOException {
        int prefix = major == 1 ? 10 : 12;
        int hlen = dict.length() + 1;
        int pad = (64 - (prefix + hlen) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(prefix + hlen + pad + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) (hlen + pad));
        } else {
            b.putInt(hlen + pad);
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        b.put(data);
        Files.write(file, b.array());
    }

    static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
