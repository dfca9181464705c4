package dev.sobolev.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden staging files and directories that atomic writers ({@link AtomicFiles}, {@code DatasetWriter}) fill
 * before renaming them onto their target, and their removal when a run does not finish.
 *
 * <p>Names carry the writing process's id: {@code .<target>.partial-<pid>-<hex>} for a directory,
 * {@code .<target>.<pid>-<hex>.partial} for a file. Each open staging path is registered here; a JVM shutdown
 * hook (run on SIGTERM, SIGINT and normal exit) deletes those still registered, after marking them aborted so
 * that a commit racing with the hook cannot rename a half-deleted directory onto its target. A killed JVM
 * (SIGKILL) runs no hook; the next writer to the same target {@link #sweep sweeps} the staging siblings whose
 * process is gone.
 *
 * <p>The registry is process-wide, as the shutdown it serves is; it is thread-safe.
 */
public final class Staging {
    /** Staging paths not yet committed or discarded, deleted by the shutdown hook. */
    private static final Set<Entry> OPEN = ConcurrentHashMap.newKeySet();
    /** Attempts at deleting a staging directory that another thread may still be adding files to. */
    private static final int DELETE_ATTEMPTS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static boolean hookInstalled;

    private Staging() {
    }

    /** Work on a staging path that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoAction {
        /**
         * Runs the action.
         *
         * @throws IOException if it fails
         */
        void run() throws IOException;
    }

    /**
     * One registered staging path. {@link #commit} runs the rename that publishes it unless the shutdown hook
     * has aborted it; {@link #discard} deletes it. Either ends the registration.
     */
    public static final class Entry {
        private final Path path;
        private boolean aborted;
        private boolean done;

        private Entry(Path path) {
            this.path = path;
        }

        /**
         * The staging path.
         *
         * @return the absolute path
         */
        public Path path() {
            return path;
        }

        /**
         * Publishes the staging path with {@code rename} (which moves it onto its target), unless the shutdown
         * hook has removed it; then ends the registration.
         *
         * @param rename the move onto the target
         * @throws IOException if the rename fails, or if the process is shutting down and the staging path has
         *                     been removed
         */
        public synchronized void commit(IoAction rename) throws IOException {
            if (aborted) {
                throw new IOException("the process is shutting down; " + path + " was removed");
            }
            rename.run();
            done = true;
            OPEN.remove(this);
        }

        /**
         * Whether the shutdown hook has removed the staging path; a writer stops adding files once it has.
         *
         * @return true after the hook ran for this entry
         */
        public synchronized boolean aborted() {
            return aborted;
        }

        /**
         * Deletes the staging path (recursively) and ends the registration. Idempotent.
         *
         * @throws UncheckedIOException if the path cannot be deleted
         */
        public synchronized void discard() {
            OPEN.remove(this);
            if (!done) {
                done = true;
                deleteRecursively(path);
            }
        }

        private synchronized void abort() {
            if (!done) {
                aborted = true;
                done = true;
                try {
                    deleteRecursively(path);
                } catch (UncheckedIOException e) {
                    System.err.println("could not remove staging path " + path + " at shutdown: "
                            + e.getCause().getMessage());
                }
            }
        }
    }

    /**
     * A fresh staging directory name for a target, with this process's id.
     *
     * @param targetName the target's file name
     * @return {@code .<targetName>.partial-<pid>-<hex>}
     */
    public static String directoryName(String targetName) {
        return "." + targetName + ".partial-" + ProcessHandle.current().pid() + "-" + randomHex();
    }

    /**
     * A fresh staging file name for a target, with this process's id.
     *
     * @param targetName the target's file name
     * @return {@code .<targetName>.<pid>-<hex>.partial}
     */
    public static String fileName(String targetName) {
        return "." + targetName + "." + ProcessHandle.current().pid() + "-" + randomHex() + ".partial";
    }

    private static String randomHex() {
        return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /**
     * Registers a staging path that has just been created, so that the shutdown hook deletes it unless it is
     * committed or discarded first.
     *
     * @param path the staging file or directory
     * @return its entry
     */
    public static Entry register(Path path) {
        installHook();
        Entry e = new Entry(path.toAbsolutePath());
        OPEN.add(e);
        return e;
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Entry e : List.copyOf(OPEN)) {
                    e.abort();
                }
            }, "sobolev-staging-cleanup"));
            hookInstalled = true;
        }
    }

    /**
     * Removes the staging siblings of {@code target} left by processes that are gone (killed before they could
     * clean up) and returns one line per staging path removed, or found and not removable. A staging path whose
     * process still runs is left alone: another run may be writing. A process counts as gone when no process
     * has its id, when the process with that id is not a Java process or started after the staging path was last
     * modified (the id was reused), or, for this process's own id, when the path is not registered here.
     *
     * @param target the file or directory about to be written
     * @return notices for standard error, empty if nothing was found
     */
    public static List<String> sweep(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        String quoted = Pattern.quote(abs.getFileName().toString());
        Pattern dirName = Pattern.compile("\\." + quoted + "\\.partial-(\\d+)-[0-9a-f]+");
        Pattern fileName = Pattern.compile("\\." + quoted + "\\.(\\d+)-[0-9a-f]+\\.partial");
        List<String> notices = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, "." + globEscape(abs.getFileName()
                .toString()) + ".*")) {
            for (Path p : siblings) {
                String name = p.getFileName().toString();
                Matcher m = dirName.matcher(name);
                if (!m.matches()) {
                    m = fileName.matcher(name);
                    if (!m.matches()) {
                        continue;
                    }
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    // no process has an id beyond a long; not a name this class gives
                    continue;
                }
                if (ownerAlive(p, pid)) {
                    continue;
                }
                try {
                    deleteRecursively(p);
                    notices.add("removed " + p + ", left by process " + pid + " which no longer runs");
                } catch (UncheckedIOException e) {
                    notices.add("found " + p + ", left by process " + pid + " which no longer runs, and could not "
                            + "remove it: " + e.getCause().getMessage());
                }
            }
        } catch (IOException e) {
            notices.add("could not look for leftover staging paths of " + abs + ": " + e.getMessage());
        }
        return notices;
    }

    /**
     * {@link #sweep} and prints its notices on standard error, one line each.
     *
     * @param target the file or directory about to be written
     */
    public static void sweepAndReport(Path target) {
        for (String notice : sweep(target)) {
            System.err.println(notice);
        }
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static boolean ownerAlive(Path p, long pid) {
        if (pid == ProcessHandle.current().pid()) {
            Path abs = p.toAbsolutePath();
            return OPEN.stream().anyMatch(e -> e.path().equals(abs));
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        ProcessHandle.Info info = handle.get().info();
        if (info.command().isPresent() && !info.command().get().contains("java")) {
            return false;
        }
        Optional<Instant> started = info.startInstant();
        if (started.isEmpty()) {
            return true;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            return !started.get().isAfter(modified.toInstant());
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Deletes a file or a directory tree. Another thread may still be adding files to the tree (a writer that
     * has not yet seen its abort), so the walk is repeated until the root is gone.
     *
     * @param root the path to delete; nothing happens if it does not exist
     * @throws UncheckedIOException if it cannot be deleted
     */
    public static void deleteRecursively(Path root) {
        IOException last = null;
        for (int attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            List<Path> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
            } catch (IOException | UncheckedIOException e) {
                last = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
                continue;
            }
            for (Path p : paths) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException("cannot delete " + root, last == null ? new IOException(root.toString()) : last);
        }
    }
}
