package dev.sobolev.reports.model;

import java.util.List;

/**
 * Where the report's figures come from: software and Java versions, seeds, the commands or calls that produced
 * each artefact, the configuration, per-stage timings and the machine.
 *
 * @param software      versions ("sobolev" → "0.1.0", "java" → "17.0.15", …)
 * @param seeds         every seed used, named
 * @param commands      the equivalent command line of each artefact, in order
 * @param configuration settings not in the protocol
 * @param timings       seconds per stage
 * @param machine       processor, cores, operating system, heap
 */
public record RunProvenance(List<Fact> software, List<Fact> seeds, List<String> commands, List<Fact> configuration,
                            List<Fact> timings, List<Fact> machine) {
    /** Copies the lists. */
    public RunProvenance {
        software = List.copyOf(software);
        seeds = List.copyOf(seeds);
        commands = List.copyOf(commands);
        configuration = List.copyOf(configuration);
        timings = List.copyOf(timings);
        machine = List.copyOf(machine);
    }
}
