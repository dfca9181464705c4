package dev.sobolev.surrogate.inference;

import java.util.SplittableRandom;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

/** Models for the likelihood and MLE tests: a closed-form one and a small random surrogate. */
final class TestModels {
    private TestModels() {
    }

    /**
     * J = 2, M = 3: y₀ = θ₁ sin θ₀, y₁ = exp(0.3θ₀ − 0.2θ₁), y₂ = θ₀² + θ₀θ₁, with hand-derived Jacobian and
     * Hessians (checked against finite differences in {@link GaussianLikelihoodTest}).
     */
    static ParametricModel closedForm() {
        return ParametricModel.of(2, 3, (t, y, jac) -> {
            double s = Math.sin(t[0]);
            double e = Math.exp(0.3 * t[0] - 0.2 * t[1]);
            y[0] = t[1] * s;
            y[1] = e;
            y[2] = t[0] * t[0] + t[0] * t[1];
            if (jac != null) {
                jac[0] = t[1] * Math.cos(t[0]);
                jac[1] = s;
                jac[2] = 0.3 * e;
                jac[3] = -0.2 * e;
                jac[4] = 2 * t[0] + t[1];
                jac[5] = t[0];
            }
        }, (t, k, h) -> {
            switch (k) {
                case 0 -> {
                    h[0] = -t[1] * Math.sin(t[0]);
                    h[1] = Math.cos(t[0]);
                    h[2] = Math.cos(t[0]);
                    h[3] = 0;
                }
                case 1 -> {
                    double e = Math.exp(0.3 * t[0] - 0.2 * t[1]);
                    h[0] = 0.09 * e;
                    h[1] = -0.06 * e;
                    h[2] = -0.06 * e;
                    h[3] = 0.04 * e;
                }
                default -> {
                    h[0] = 2;
                    h[1] = 1;
                    h[2] = 1;
                    h[3] = 0;
                }
            }
        });
    }

    /** A tanh surrogate 2 → 5 → 5 → 3 with random weights and a non-trivial scaling. */
    static Surrogate smallSurrogate(long seed) {
        int[] widths = {2, 5, 5, 3};
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[Mlp.parameterCount(widths)];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-1, 1);
        }
        Mlp net = new Mlp(widths, Activation.TANH, Activation.IDENTITY, p);
        Normalisation norm = new Normalisation(new double[] {1, -0.5}, new double[] {0.8, 1.5},
                new double[] {0.2, -0.1, 0.4}, new double[] {0.5, 2, 0.25});
        return new Surrogate(net, norm);
    }
}
