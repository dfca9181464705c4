package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("sub").resolve("model.json");
        assertEquals(target.toAbsolutePath(), AtomicFiles.writeString(target, "first ü\n"));
        AtomicFiles.writeString(target, "second\n");
        assertEquals("second\n", Files.readString(target, StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "only the target is left");
        }
    }

    @Test
    void fileAndParentGetTheUmaskPermissions() throws IOException {
        Path target = tmp.resolve("new-dir").resolve("pipeline.json");
        AtomicFiles.writeString(target, "{}\n");
        UmaskPermissions.assertUsualForFile(target);
        UmaskPermissions.assertUsualForDirectory(target.getParent());
        AtomicFiles.writeString(target, "{\"again\": true}\n");
        UmaskPermissions.assertUsualForFile(target);
    }

    @Test
    void withoutReplaceAnExistingFileIsKeptAndNothingIsLeft() throws IOException {
        Path target = tmp.resolve("keep.json");
        AtomicFiles.writeString(target, "new\n", false);
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeString(target, "other\n", false));
        assertEquals("new\n", Files.readString(target));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(target), s.toList(), "only the target is left");
        }
    }

    @Test
    void aFailingContentLeavesNoStagingFileAndAStaleOneIsSwept() throws IOException {
        Path target = tmp.resolve("x.bin");
        Path stale = Files.createFile(tmp.resolve(".x.bin.999999999-ab.partial"));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, true, ch -> {
            throw new IOException("disk full");
        }));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "the stale staging file was swept and the new one removed");
        }
        assertEquals(false, Files.exists(stale));
    }
}
