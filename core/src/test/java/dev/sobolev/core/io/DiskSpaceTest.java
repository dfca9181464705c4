package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;

class DiskSpaceTest {
    @TempDir
    Path tmp;

    @Test
    void anOutputLargerThanTheFileSystemIsRefusedNamingTheParameterBeforeAnythingIsWritten() {
        Path target = tmp.resolve("not/yet/there");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> DiskSpace.require(target, 1e30, "size", 12_345L));
        assertEquals("size", e.parameter());
        assertTrue(e.detail().startsWith("of 12345 needs about 867361737988.4 EiB on disk, but the file system of " + tmp
                + " has "), e.detail());
        assertTrue(!target.getParent().getParent().toFile().exists());
    }

    @Test
    void anOutputThatFitsPasses() {
        assertDoesNotThrow(() -> DiskSpace.require(tmp.resolve("x"), 1024, "size", 1));
    }

    @Test
    void sizesAreShownWithBinaryUnits() {
        assertEquals("512 B", DiskSpace.size(512));
        assertEquals("1.5 KiB", DiskSpace.size(1536));
        assertEquals("4.0 GiB", DiskSpace.size(4.0 * (1L << 30)));
    }
}
