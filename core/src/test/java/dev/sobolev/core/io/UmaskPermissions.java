package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Checks that files and directories carry the permissions the process's umask gives a plainly created file or
 * directory (the reference is created next to them), and that under the usual umask (022) others may read
 * them. Skips where the file system has no POSIX permissions.
 */
public final class UmaskPermissions {
    private UmaskPermissions() {
    }

    /**
     * Asserts that {@code file} has the permissions of a file created in its directory without attributes.
     *
     * @param file a regular file written by the code under test
     */
    public static void assertUsualForFile(Path file) throws IOException {
        Path reference = Files.createFile(file.resolveSibling(".umask-reference-file"));
        try {
            assertUsual(file, reference);
        } finally {
            Files.delete(reference);
        }
    }

    /**
     * Asserts that {@code dir} has the permissions of a directory created next to it without attributes.
     *
     * @param dir a directory created by the code under test
     */
    public static void assertUsualForDirectory(Path dir) throws IOException {
        Path reference = Files.createDirectory(dir.resolveSibling(".umask-reference-dir"));
        try {
            assertUsual(dir, reference);
        } finally {
            Files.delete(reference);
        }
    }

    private static void assertUsual(Path written, Path reference) throws IOException {
        assumeTrue(Files.getFileStore(written).supportsFileAttributeView(PosixFileAttributeView.class),
                "no POSIX permissions on this file system");
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(reference);
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(written);
        assertEquals(usual, actual, written + " has other permissions than the umask gives");
        if (usual.contains(PosixFilePermission.OTHERS_READ)) {
            assertTrue(actual.contains(PosixFilePermission.GROUP_READ) && actual.contains(PosixFilePermission.OTHERS_READ),
                    written + " is not readable by group and others: " + actual);
        }
    }
}
