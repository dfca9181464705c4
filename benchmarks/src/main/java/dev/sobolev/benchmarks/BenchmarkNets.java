package dev.sobolev.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;

/**
 * The networks the benchmarks measure: 7 inputs, equal hidden widths, one output. Public for the benchmarks that
 * sit in the packages they measure ({@code LayerProductsBenchmark} in {@code dev.sobolev.surrogate.nn}).
 */
public final class BenchmarkNets {
    private BenchmarkNets() {
    }

    /**
     * A 7 → width×layers → 1 network with weights uniform in ±1/√width (the scale after Glorot-type
     * initialisation), from a fixed seed.
     *
     * @param spec "WIDTHxLAYERS" or "WIDTHxLAYERS-activation" (SiLU when no activation is named)
     */
    public static Mlp random(String spec) {
        String[] p = spec.split("[x-]");
        int width = Integer.parseInt(p[0]);
        int layers = Integer.parseInt(p[1]);
        int[] widths = new int[layers + 2];
        Arrays.fill(widths, width);
        widths[0] = 7;
        widths[layers + 1] = 1;
        SplittableRandom r = new SplittableRandom(1);
        double[] theta = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextDouble(-1, 1) / Math.sqrt(width);
        }
        Activation act = p.length > 2 ? Activation.parse(p[2]) : Activation.SILU;
        return new Mlp(widths, act, Activation.IDENTITY, theta);
    }
}
