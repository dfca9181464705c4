package dev.sobolev.reports.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import dev.sobolev.reports.model.Fact;

/** The machine a report was made on: processor, cores, operating system, Java and heap, as facts. */
public final class Machine {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private Machine() {
    }

    /**
     * The facts of this machine: {@code processor} (the {@code model name} of /proc/cpuinfo, when readable),
     * {@code available processors}, {@code operating system} (name, version, architecture), {@code java}
     * (vendor and version) and {@code max heap} (MiB).
     *
     * @return the facts in that order
     */
    public static List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        processor().ifPresent(p -> facts.add(new Fact("processor", p)));
        Runtime rt = Runtime.getRuntime();
        facts.add(new Fact("available processors", Integer.toString(rt.availableProcessors())));
        facts.add(new Fact("operating system", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")"));
        facts.add(new Fact("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version")));
        facts.add(new Fact("max heap", String.format(Locale.ROOT, "%d MiB", rt.maxMemory() >> 20)));
        return facts;
    }

    /** The first {@code model name} line of /proc/cpuinfo, if there is one and it can be read. */
    private static Optional<String> processor() {
        if (!Files.isReadable(CPUINFO)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(CPUINFO, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .filter(s -> !s.isEmpty()).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
