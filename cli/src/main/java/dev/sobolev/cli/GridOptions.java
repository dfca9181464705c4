package dev.sobolev.cli;

import java.util.List;

import picocli.CommandLine.Option;

/** The grid of a complexity sweep ({@code experiment delta-min}, {@code fig2}): training sizes and complexities. */
final class GridOptions extends SizesOptions {
    @Option(names = "--etas", split = ",", paramLabel = "ETA[,ETA...]", description = "Complexities eta (hidden "
            + "layers of 4 eta tanh units), increasing (default: the experiment's).")
    List<Integer> etas;
}
