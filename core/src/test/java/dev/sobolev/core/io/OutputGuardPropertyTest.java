package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.fuzz.Fuzz;

/**
 * Seeded property test of {@link OutputGuard#checkFile}: random trees of files, directories and symbolic links,
 * output and input paths written in random forms, and the expected answer computed independently with
 * {@link Path#toRealPath} on the path as written (the operating system resolves links before {@code ..}). An
 * output is checked both where its name is (the rename that publishes it replaces a symbolic link there) and where
 * a link at that name leads.
 */
class OutputGuardPropertyTest {
    private static final int CASES = 300;

    @TempDir
    Path tmp;

    @Test
    void theGuardRefusesExactlyTheClashingOutputsAndChangesNothing() {
        Fuzz.run(0x6A_0D_24L, CASES, r -> {
            Path root = Files.createTempDirectory(tmp, "case");
            List<Path> nodes = tree(root, r);
            TreeMap<String, String> before = snapshot(root);
            for (int check = 0; check < 8; check++) {
                Path out = form(pick(nodes, root, r), r);
                boolean overwrite = r.nextBoolean();
                List<OutputGuard.Input> inputs = new ArrayList<>();
                int k = r.nextInt(3);
                for (int i = 0; i < k; i++) {
                    Path in = nodes.get(r.nextInt(nodes.size()));
                    inputs.add(new OutputGuard.Input("input", form(in, r)));
                }
                String expected = expected(out, overwrite, inputs);
                String actual;
                try {
                    OutputGuard.checkFile("file", out, overwrite, inputs);
                    actual = null;
                } catch (InvalidParameterException e) {
                    actual = e.detail();
                } catch (RuntimeException e) {
                    throw new AssertionError("threw " + e + " for " + out + " " + inputs, e);
                }
                if ((expected == null) != (actual == null)) {
                    fail("out " + out + " overwrite " + overwrite + " inputs " + inputs + ": expected "
                            + (expected == null ? "acceptance" : "refusal (" + expected + ")") + ", got "
                            + (actual == null ? "acceptance" : "refusal (" + actual + ")") + "; tree "
                            + snapshot(root));
                }
            }
            assertEquals(before, snapshot(root), "the guard changed the file system");
        });
    }

    /** Directories, files and symbolic links (to earlier nodes, absolute or relative, or dangling). */
    private static List<Path> tree(Path root, SplittableRandom r) throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(root));
        List<Path> nodes = new ArrayList<>();
        int nd = 1 + r.nextInt(4);
        for (int i = 0; i < nd; i++) {
            Path d = Files.createDirectory(dirs.get(r.nextInt(dirs.size())).resolve("d" + i));
            dirs.add(d);
            nodes.add(d);
        }
        int nf = 1 + r.nextInt(4);
        for (int i = 0; i < nf; i++) {
            nodes.add(Files.writeString(dirs.get(r.nextInt(dirs.size())).resolve("f" + i), "x" + i));
        }
        int nl = r.nextInt(4);
        for (int i = 0; i < nl; i++) {
            Path link = dirs.get(r.nextInt(dirs.size())).resolve("l" + i);
            Path target = r.nextInt(5) == 0 ? root.resolve("missing" + i) : nodes.get(r.nextInt(nodes.size()));
            Path relative = link.getParent().relativize(target);
            Path written = r.nextBoolean() || relative.toString().isEmpty() ? target : relative;
            Files.createSymbolicLink(link, written);
            nodes.add(link);
            if (Files.isDirectory(link)) {
                dirs.add(link);
            }
        }
        return nodes;
    }

    /** An existing node, or a new name inside an existing directory (possibly a linked one). */
    private static Path pick(List<Path> nodes, Path root, SplittableRandom r) {
        Path p = nodes.get(r.nextInt(nodes.size()));
        if (r.nextInt(3) == 0) {
            Path dir = Files.isDirectory(p) ? p : root;
            return dir.resolve("new" + r.nextInt(3));
        }
        return p;
    }

    /** The same path written differently: relative, with {@code .}, with {@code x/..}, trailing separator. */
    private static Path form(Path p, SplittableRandom r) {
        Path base = p.getRoot();
        List<String> names = new ArrayList<>();
        for (Path n : p) {
            names.add(n.toString());
        }
        StringBuilder s = new StringBuilder();
        Path cur = base;
        for (int i = 0; i < names.size(); i++) {
            cur = cur.resolve(names.get(i));
            s.append(names.get(i));
            if (i < names.size() - 1) {
                s.append('/');
                if (r.nextInt(6) == 0) {
                    s.append("./");
                }
                if (r.nextInt(6) == 0 && Files.isDirectory(cur)) {
                    // a sibling that exists, so that ".." after it is defined
                    try (Stream<Path> list = Files.list(cur)) {
                        Path child = list.filter(Files::isDirectory).sorted().findFirst().orElse(null);
                        if (child != null) {
                            s.append(child.getFileName()).append("/../");
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        Path abs = Path.of(base + s.toString() + (r.nextInt(5) == 0 ? "/" : ""));
        if (r.nextBoolean()) {
            return Path.of("").toAbsolutePath().relativize(abs);
        }
        return abs;
    }

    /**
     * Where the operating system would write {@code p}: the real path of its longest existing prefix as written
     * (so links are followed before {@code ..}), a dangling link followed to its target, then the rest.
     */
    private static Path resolve(Path p) throws IOException {
        Path abs = p.toAbsolutePath();
        int n = abs.getNameCount();
        for (int k = n; k > 0; k--) {
            Path prefix = abs.getRoot().resolve(abs.subpath(0, k));
            Path real;
            if (Files.exists(prefix)) {
                real = prefix.toRealPath();
            } else if (Files.isSymbolicLink(prefix)) {
                Path target = Files.readSymbolicLink(prefix);
                real = resolve(prefix.getParent().resolve(target));
            } else {
                continue;
            }
            return k == n ? real : real.resolve(abs.subpath(k, n));
        }
        return abs;
    }

    /** The refusal the guard should give, or null if the output may be written. */
    private static String expected(Path out, boolean overwrite, List<OutputGuard.Input> inputs) throws IOException {
        Path real = resolve(out);
        Path abs = out.toAbsolutePath();
        String name = abs.getFileName().toString();
        Path placed = name.equals(".") || name.equals("..") ? real : resolve(abs.getParent()).resolve(name);
        for (OutputGuard.Input in : inputs) {
            Path input = resolve(in.path());
            if (real.equals(input) || placed.equals(input)) {
                return "is the input";
            }
            if ((real.startsWith(input) || placed.startsWith(input)) && Files.isDirectory(input)) {
                return "inside the input";
            }
        }
        if (Files.isDirectory(out)) {
            return "is a directory";
        }
        if (!overwrite && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return "exists";
        }
        return null;
    }

    /** Every path under {@code root} with its kind, content or link target. */
    private static TreeMap<String, String> snapshot(Path root) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String v;
                if (Files.isSymbolicLink(p)) {
                    v = "link " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p)) {
                    v = "dir";
                } else {
                    v = "file " + Files.readString(p);
                }
                m.put(root.relativize(p).toString(), v);
            }
        }
        return m;
    }
}
