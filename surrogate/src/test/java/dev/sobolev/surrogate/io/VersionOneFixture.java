package dev.sobolev.surrogate.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The version-1 model file {@code model-v1.json} of the test resources and the bits its value, gradient and H·v
 * had under the build that wrote it ({@code model-v1-bits.txt}, which says how both were made).
 */
public final class VersionOneFixture {
    /** The direction v of the recorded H·v. */
    public static final double[] DIRECTION = {0.3, -1.0, 0.5};

    private VersionOneFixture() {
    }

    /**
     * One recorded point.
     *
     * @param x        the input
     * @param value    bits of y(x)
     * @param gradient bits of ∂y/∂x
     * @param hv       bits of H(x)·{@link #DIRECTION}
     */
    public record Point(double[] x, long value, long[] gradient, long[] hv) {
    }

    /** The model file. */
    public static Path file() {
        return resource("model-v1.json");
    }

    /** The recorded points. */
    public static List<Point> points() {
        try {
            return Files.readAllLines(resource("model-v1-bits.txt")).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(VersionOneFixture::point)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Point point(String line) {
        String[] f = line.split("\\|");
        return new Point(Arrays.stream(bits(f[0])).mapToDouble(Double::longBitsToDouble).toArray(), bits(f[1])[0],
                bits(f[2]), bits(f[3]));
    }

    private static long[] bits(String field) {
        return Arrays.stream(field.trim().split(" ")).mapToLong(h -> Long.parseUnsignedLong(h, 16)).toArray();
    }

    private static Path resource(String name) {
        try {
            return Path.of(VersionOneFixture.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
