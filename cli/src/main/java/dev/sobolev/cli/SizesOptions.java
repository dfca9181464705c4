package dev.sobolev.cli;

import java.util.List;

import picocli.CommandLine.Option;

/** The training sizes of an experiment ({@code experiment fig1}; with the complexities, {@link GridOptions}). */
class SizesOptions {
    @Option(names = "--sizes", split = ",", paramLabel = "N[,N...]", description = "Training sizes, increasing "
            + "(default: the experiment's, see its description).")
    List<Integer> sizes;
}
