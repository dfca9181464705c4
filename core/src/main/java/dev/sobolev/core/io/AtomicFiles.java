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

/**
 * The one path by which single files are written: the content goes to a hidden staging file
 * ({@link Staging#fileName}) in the same directory, is forced to the device, and the staging file is then renamed
 * onto the target, so a reader never sees a half-written file and a failure leaves the old file (or none). Used for
 * model files, {@code .npy} files written whole and run summaries; data set directories use the same idea at
 * directory level ({@code DatasetWriter}). The staging file is registered with {@link Staging}, so SIGTERM removes
 * it, and a writer first {@link Staging#sweep sweeps} staging files that killed runs left beside the target.
 *
 * <p>The staging file is created without explicit permissions, so the process's umask applies, as for any other
 * file the process creates (0644 under the usual umask 022); {@link Files#createTempFile} would make it 0600 and
 * the rename would keep that mode.
 */
public final class AtomicFiles {
    /** Attempts at a fresh staging name before giving up (a clash needs 63 random bits to repeat). */
    private static final int NAME_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content to a channel positioned at the start of an empty file.
         *
         * @param channel the staging file
         * @throws IOException if writing fails
         */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target}, replacing it if it exists, creating missing parent directories.
     *
     * @param target the file to write
     * @param text   the whole content
     * @return the absolute target path
     * @throws IOException if the directory or file cannot be written
     */
    public static Path writeString(Path target, String text) throws IOException {
        return writeString(target, text, true);
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target}, creating missing parent directories.
     *
     * @param target  the file to write
     * @param text    the whole content
     * @param replace whether an existing target is replaced; if false, an existing target is left as it is and
     *                the write fails, checked atomically with the rename
     * @return the absolute target path
     * @throws FileAlreadyExistsException if {@code replace} is false and the target exists
     * @throws IOException                if the directory or file cannot be written
     */
    public static Path writeString(Path target, String text, boolean replace) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        return write(target, replace, ch -> {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        });
    }

    /**
     * Writes a file from {@code content}, creating missing parent directories.
     *
     * @param target  the file to write
     * @param replace whether an existing target is replaced (see {@link #writeString(Path, String, boolean)})
     * @param content writes the bytes
     * @return the absolute target path
     * @throws FileAlreadyExistsException if {@code replace} is false and the target exists
     * @throws IOException                if the directory or file cannot be written, or {@code content} fails
     */
    public static Path write(Path target, boolean replace, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new FileSystemException(target.toString(), null, "a file-system root cannot be written as a file");
        }
        Files.createDirectories(dir);
        Staging.sweepAndReport(abs);
        if (!replace && Files.exists(abs)) {
            throw new FileAlreadyExistsException(abs.toString());
        }
        Path tmp = createTemporary(dir, abs.getFileName().toString());
        Staging.Entry entry = Staging.register(tmp);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                ch.force(true);
            }
            entry.commit(() -> publish(tmp, abs, replace));
        } finally {
            entry.discard();
        }
        return abs;
    }

    private static void publish(Path tmp, Path abs, boolean replace) throws IOException {
        if (replace) {
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            // a hard link fails if the target exists, in the same system call that creates it
            Files.createLink(abs, tmp);
            Files.delete(tmp);
        } catch (UnsupportedOperationException e) {
            Files.move(tmp, abs);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (FileSystemException e) {
            if (Files.exists(abs)) {
                throw new FileAlreadyExistsException(abs.toString());
            }
            Files.move(tmp, abs);
        }
    }

    /**
     * Creates an empty staging file {@link Staging#fileName} in {@code dir}, with the permissions the umask
     * gives (no file attribute is passed).
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path tmp = dir.resolve(Staging.fileName(name));
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
