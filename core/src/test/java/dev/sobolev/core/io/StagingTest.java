package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {
    /** Above Linux's largest pid_max (2^22), so no process has it. */
    private static final long GONE = 999_999_999L;

    @TempDir
    Path tmp;

    @Test
    void namesCarryTheProcessId() {
        long pid = ProcessHandle.current().pid();
        assertTrue(Staging.directoryName("out").matches("\\.out\\.partial-" + pid + "-[0-9a-f]+"));
        assertTrue(Staging.fileName("m.json").matches("\\.m\\.json\\." + pid + "-[0-9a-f]+\\.partial"));
    }

    @Test
    void aSweepRemovesWhatAGoneProcessLeftAndSaysSo() throws IOException {
        Path target = tmp.resolve("data");
        Path dir = Files.createDirectories(tmp.resolve(".data.partial-" + GONE + "-1f"));
        Files.write(dir.resolve("X.npy"), new byte[100]);
        Path file = Files.createFile(tmp.resolve(".data." + GONE + "-2e.partial"));
        Path other = Files.createDirectories(tmp.resolve(".database.partial-" + GONE + "-3d"));
        Path unrelated = Files.createFile(tmp.resolve(".data.partial-notes"));
        List<String> notices = Staging.sweep(target);
        assertEquals(2, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("removed "), notices.get(0));
        assertTrue(notices.stream().allMatch(n -> n.contains("process " + GONE + " which no longer runs")));
        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(other), "another target's staging is not touched");
        assertTrue(Files.exists(unrelated), "a name without a process id is not touched");
        assertEquals(List.of(), Staging.sweep(target));
    }

    @Test
    void aSweepLeavesWhatARunningProcessOrAnOpenWriterOfThisProcessHolds() throws IOException {
        Path target = tmp.resolve("out");
        Path own = Files.createDirectories(tmp.resolve(Staging.directoryName("out")));
        Staging.Entry entry = Staging.register(own);
        try {
            assertEquals(List.of(), Staging.sweep(target));
            assertTrue(Files.exists(own));
        } finally {
            entry.discard();
        }
        assertFalse(Files.exists(own), "discard deletes");
        Path unregistered = Files.createDirectories(tmp.resolve(Staging.directoryName("out")));
        assertEquals(1, Staging.sweep(target).size(), "this process's id without a registration: a dead run's");
        assertFalse(Files.exists(unregistered));

        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        Assumptions.assumeTrue(parent.isPresent() && parent.get().info().command().orElse("").contains("java"),
                "the test JVM's parent is a Java process");
        Path live = Files.createDirectories(tmp.resolve(".out.partial-" + parent.get().pid() + "-4c"));
        assertEquals(List.of(), Staging.sweep(target));
        assertTrue(Files.exists(live));
    }

    @Test
    void aCommittedEntryIsNotDeletedByDiscard() throws IOException {
        Path staged = Files.createFile(tmp.resolve(Staging.fileName("t")));
        Path target = tmp.resolve("t");
        Staging.Entry entry = Staging.register(staged);
        entry.commit(() -> Files.move(staged, target));
        entry.discard();
        assertTrue(Files.exists(target));
        assertFalse(entry.aborted());
    }

    @Test
    void aNameWithAnOverlongProcessIdDoesNotStopTheSweep() throws IOException {
        Path odd = Files.createDirectories(tmp.resolve(".data.partial-99999999999999999999999-1f"));
        Path dead = Files.createFile(tmp.resolve(".data." + GONE + "-2e.partial"));
        List<String> notices = Staging.sweep(tmp.resolve("data"));
        assertEquals(1, notices.size(), notices.toString());
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(odd));
    }
}
