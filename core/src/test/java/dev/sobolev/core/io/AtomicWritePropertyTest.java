package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.fuzz.Fuzz;

/**
 * Seeded property tests of atomic publication: random sequences of {@link AtomicFiles} writes that succeed or fail
 * inside their content callback leave the target with the last complete content (or absent) and no staging file;
 * {@link Staging#sweep} over random leftover names removes exactly those of processes that are gone.
 */
class AtomicWritePropertyTest {
    /** Above Linux's largest pid_max (2^22), so no process has it. */
    private static final long GONE = 999_999_999L;

    @TempDir
    Path tmp;

    @Test
    void aTargetHoldsTheLastCompleteContentAndNoStagingFileRemains() {
        Fuzz.run(0xA70_24L, 60, r -> {
            Path dir = Files.createTempDirectory(tmp, "case");
            Path target = dir.resolve(r.nextBoolean() ? "m.json" : "sub/x.npy");
            byte[] current = null;
            int steps = 1 + r.nextInt(8);
            for (int s = 0; s < steps; s++) {
                byte[] content = new byte[r.nextInt(3) == 0 ? r.nextInt(200_000) : r.nextInt(64)];
                r.nextBytes(content);
                boolean fail = r.nextInt(3) == 0;
                boolean replace = r.nextInt(4) != 0;
                int failAt = content.length == 0 ? 0 : r.nextInt(content.length);
                AtomicFiles.Content body = ch -> {
                    ByteBuffer b = ByteBuffer.wrap(content, 0, fail ? failAt : content.length);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    if (fail) {
                        throw new IOException("injected failure after " + failAt + " bytes");
                    }
                };
                boolean refusedAsExisting = !replace && current != null;
                if (fail || refusedAsExisting) {
                    assertThrows(IOException.class, () -> AtomicFiles.write(target, replace, body));
                } else {
                    AtomicFiles.write(target, replace, body);
                    current = content;
                }
                if (current == null) {
                    assertFalse(Files.exists(target), "a failed first write left " + target);
                } else {
                    assertArrayEquals(current, Files.readAllBytes(target), "step " + s);
                }
                try (Stream<Path> list = Files.list(target.getParent())) {
                    List<Path> left = list.filter(p -> !p.equals(target)).toList();
                    assertEquals(List.of(), left, "staging files left after step " + s);
                }
            }
        });
    }

    @Test
    void aSweepRemovesExactlyTheLeftoversOfGoneProcesses() {
        long self = ProcessHandle.current().pid();
        Optional<Long> liveJava = ProcessHandle.current().parent().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("java")).orElse(false)).map(ProcessHandle::pid);
        Fuzz.run(0x5E_24L, 40, r -> {
            Path dir = Files.createTempDirectory(tmp, "case");
            Path target = dir.resolve(r.nextBoolean() ? "data" : "m.json");
            String t = target.getFileName().toString();
            TreeSet<String> expectedLeft = new TreeSet<>();
            List<Staging.Entry> held = new ArrayList<>();
            int n = 1 + r.nextInt(10);
            for (int i = 0; i < n; i++) {
                String hex = Long.toHexString(r.nextLong() & Long.MAX_VALUE);
                int kind = r.nextInt(6);
                long pid = kind == 0 ? GONE : kind == 1 ? self : kind == 2 && liveJava.isPresent() ? liveJava.get()
                        : GONE - 1 - r.nextInt(1000);
                boolean directory = r.nextBoolean();
                String name;
                boolean removable;
                if (kind == 5) {
                    String[] malformed = {"." + t + ".partial-" + pid, "." + t + ".partial-x" + pid + "-" + hex,
                        "." + t + "." + pid + "-" + hex + ".partial~", t + ".partial-" + pid + "-" + hex,
                        "." + t + "x.partial-" + pid + "-" + hex, "." + t + ".partial-" + pid + "-" + hex + "Z",
                        "." + t + ".partial-99999999999999999999999-" + hex};
                    name = malformed[r.nextInt(malformed.length)];
                    removable = false;
                } else {
                    name = directory ? "." + t + ".partial-" + pid + "-" + hex : "." + t + "." + pid + "-" + hex
                            + ".partial";
                    removable = !(kind == 2 && liveJava.isPresent());
                }
                Path p = dir.resolve(name);
                if (Files.exists(p)) {
                    continue;
                }
                if (directory) {
                    Files.createDirectories(p);
                    Files.write(p.resolve("X.npy"), new byte[r.nextInt(100)]);
                } else {
                    Files.write(p, new byte[r.nextInt(100)]);
                }
                if (kind == 1 && r.nextBoolean()) {
                    held.add(Staging.register(p));
                    removable = false;
                }
                if (!removable) {
                    expectedLeft.add(name);
                }
            }
            try {
                Staging.sweep(target);
                TreeSet<String> left = new TreeSet<>();
                try (Stream<Path> list = Files.list(dir)) {
                    list.forEach(p -> left.add(p.getFileName().toString()));
                }
                assertEquals(expectedLeft, left);
            } finally {
                for (Staging.Entry e : held) {
                    e.discard();
                }
            }
            try (Stream<Path> list = Files.list(dir)) {
                assertTrue(list.allMatch(p -> expectedLeft.contains(p.getFileName().toString())));
            }
        });
    }
}
