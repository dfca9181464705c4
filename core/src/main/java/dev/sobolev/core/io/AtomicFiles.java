package dev.sobolev.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a whole file atomically: the text goes to a hidden temporary file in the same directory, is forced to
 * the device, and the temporary file is then renamed over the target, so a reader never sees a half-written file
 * and a failure leaves the old file (or none). Used for model files and run summaries; data set directories use
 * the same idea at directory level ({@code DatasetWriter}).
 *
 * <p>The temporary file is created without explicit permissions, so the process's umask applies, as for any
 * other file the process creates (0644 under the usual umask 022); {@link Files#createTempFile} would make it
 * 0600 and the rename would keep that mode.
 */
public final class AtomicFiles {
    /** Attempts at a fresh temporary name before giving up (a clash needs 64 random bits to repeat). */
    private static final int NAME_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target}, creating missing parent directories.
     *
     * @param target the file to write; replaced if it exists
     * @param text   the whole content
     * @return the absolute target path
     * @throws IOException if the directory or file cannot be written
     */
    public static Path writeString(Path target, String text) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new FileSystemException(target.toString(), null, "a file-system root cannot be written as a file");
        }
        Files.createDirectories(dir);
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        Path tmp = createTemporary(dir, abs.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return abs;
    }

    /**
     * Creates an empty hidden file {@code .<name>.<random>.partial} in {@code dir}, with the permissions the umask
     * gives (no file attribute is passed).
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        SecureRandom random = new SecureRandom();
        for (int attempt = 1; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + ".partial");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
