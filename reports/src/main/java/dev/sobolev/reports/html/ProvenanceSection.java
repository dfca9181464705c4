package dev.sobolev.reports.html;

import java.util.List;
import java.util.stream.Collectors;

import dev.sobolev.reports.model.Fact;
import dev.sobolev.reports.model.RunProvenance;

/** Where the figures come from: software, seeds, commands, configuration, timings and the machine. */
final class ProvenanceSection {
    private ProvenanceSection() {
    }

    /** The section; an empty part is one line. */
    static Section of(RunProvenance p) {
        String commands = p.commands().isEmpty() ? Html.notAvailable("Commands", "none recorded")
                : "<pre>" + p.commands().stream().map(Html::escape).collect(Collectors.joining("\n")) + "</pre>\n";
        String body = part("Software", p.software()) + part("Seeds", p.seeds())
                + Html.heading("Commands") + commands
                + part("Configuration", p.configuration()) + part("Timings (seconds)", p.timings())
                + part("Machine", p.machine());
        return new Section("provenance", "Provenance", body);
    }

    private static String part(String title, List<Fact> facts) {
        return Html.heading(title) + (facts.isEmpty() ? Html.notAvailable(title, "none recorded") : Html.facts(facts));
    }
}
