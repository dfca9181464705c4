package dev.sobolev.surrogate.train;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import dev.sobolev.surrogate.nn.Mlp;

/**
 * Weight initialisers (Rojo, "Machine Learning for Physics and Astronomy"; Glorot &amp; Bengio 2010; He et al. 2015; LeCun et al. 1998). Biases start
 * at zero (except {@link #PYTORCH}); weights of layer l are drawn with fan-in nₗ₋₁ and fan-out nₗ.
 */
public enum Initializer {
    /** All zero (a baseline: symmetric networks do not learn). */
    ZERO,
    /** U(−0.05, 0.05). */
    UNIFORM,
    /** N(0, 0.05²). */
    NORMAL,
    /** Glorot/Xavier uniform: U(−√(6/(fan_in + fan_out)), +…). */
    GLOROT,
    /** He normal: N(0, 2/fan_in). */
    HE,
    /** LeCun normal: N(0, 1/fan_in). */
    LECUN,
    /**
     * PyTorch's {@code nn.Linear} default (Kaiming uniform with a = √5): weights and biases
     * U(−1/√fan_in, 1/√fan_in); the initialisation of the Kichler et al. notebook.
     */
    PYTORCH;

    /**
     * Initial parameters for an architecture.
     *
     * @param widths n₀..n_{L+1}
     * @param rng    random stream
     */
    public double[] initialise(int[] widths, UniformRandomProvider rng) {
        double[] p = new double[Mlp.parameterCount(widths)];
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int off = 0;
        for (int l = 1; l < widths.length; l++) {
            int fanIn = widths[l - 1];
            int fanOut = widths[l];
            for (int i = 0; i < fanIn * fanOut; i++) {
                p[off + i] = switch (this) {
                    case ZERO -> 0.0;
                    case UNIFORM -> rng.nextDouble(-0.05, 0.05);
                    case NORMAL -> 0.05 * normal.sample();
                    case GLOROT -> {
                        double a = Math.sqrt(6.0 / (fanIn + fanOut));
                        yield rng.nextDouble(-a, a);
                    }
                    case HE -> Math.sqrt(2.0 / fanIn) * normal.sample();
                    case LECUN -> Math.sqrt(1.0 / fanIn) * normal.sample();
                    case PYTORCH -> rng.nextDouble(-1.0, 1.0) / Math.sqrt(fanIn);
                };
            }
            off += fanIn * fanOut;
            for (int i = 0; i < fanOut; i++) {
                p[off + i] = this == PYTORCH ? rng.nextDouble(-1.0, 1.0) / Math.sqrt(fanIn) : 0.0;
            }
            off += fanOut;
        }
        return p;
    }
}
