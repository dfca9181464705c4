package dev.sobolev.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.sobolev.core.InvalidParameterException;

/**
 * The disk space a planned output needs, checked against the file system that will hold it before any work
 * starts, so that a data set too large for the disk is refused at once instead of filling the disk.
 */
public final class DiskSpace {
    private DiskSpace() {
    }

    /**
     * Refuses an output of {@code bytes} bytes at {@code target} when the file system there has less usable space.
     * A file system whose free space cannot be read is not checked.
     *
     * @param target    the output file or directory (it need not exist; its nearest existing ancestor is asked)
     * @param bytes     the bytes the output will need, ≥ 0
     * @param parameter the library parameter that sets the size, named in the message
     * @param value     that parameter's value, shown in the message
     * @throws InvalidParameterException naming {@code parameter} if the output does not fit
     */
    public static void require(Path target, double bytes, String parameter, Object value) {
        Path p = target.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(p).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return;
        }
        if (bytes > free) {
            throw new InvalidParameterException(parameter, "of " + value + " needs about " + size(bytes)
                    + " on disk, but the file system of " + p + " has " + size(free) + " free");
        }
    }

    /** Bytes as a short figure with a binary unit: {@code 4.0 GiB}. */
    static String size(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
