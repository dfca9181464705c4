package dev.sobolev.surrogate.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileMemoryTest {
    @TempDir
    Path tmp;

    /** A model file far larger than the heap is refused by its size, before a byte is parsed (a sparse file). */
    @Test
    void aModelFileTooLargeForTheHeapIsRefusedBeforeReading() throws IOException {
        Path huge = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 40);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(huge));
        assertTrue(e.getMessage().startsWith("model file " + huge + " holds 1024.0 GiB; reading it needs about 3072.0 "
                + "GiB, but the JVM has "), e.getMessage());
        assertTrue(e.getMessage().endsWith("maximum heap: raise the maximum heap (-Xmx)"), e.getMessage());
    }
}
