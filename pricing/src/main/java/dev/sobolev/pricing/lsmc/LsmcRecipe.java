package dev.sobolev.pricing.lsmc;

import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.payoff.Payoff;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.core.random.RandomStreams;

/**
 * A least-squares Monte Carlo recipe for a Bachelier basket option (REFERENCES.md §2): training inputs are
 * the spots X = S(T₁) = S(0) + volMult·√T₁·diag(σ)·R·z₀, labels the payoff of the basket at T₂ with
 * antithetic increments, Y = ½(f(B₊) + f(B₋)), and its pathwise gradient
 * dY/dX = ½(f′(B₊) + f′(B₋))·w. The test inputs are uniform on the box [L, U]^d with
 * adj = 1 + ½√((d−1)(hi−lo)/12), L = 1 − (1−lo)·adj, U = 1 + (hi−1)·adj.
 *
 * @param name      recipe name ("kichler" or "huge-savine")
 * @param option    market and option as seen from T₁: spots S(0), weights, vols, correlation, strike K,
 *                  maturity τ = T₂ − T₁ (the option whose exact price labels the test set)
 * @param t1        the input date T₁ &gt; 0
 * @param volMult   multiplier of the vols when simulating the inputs (more samples in the wings)
 * @param payoff    the training payoff of the basket at T₂
 * @param lo        test box parameter lo
 * @param hi        test box parameter hi
 * @param published  whether the market is the published one (Kichler, d = 7) rather than drawn at random
 * @param marketSeed seed of the random market (auxiliary stream 0 of that seed); unused when published
 */
public record LsmcRecipe(String name, BachelierBasket option, double t1, double volMult, Payoff payoff,
                         double lo, double hi, boolean published, long marketSeed) {
    /** T₁ of both recipes. */
    public static final double T1 = 1.0;
    /** T₂ of both recipes. */
    public static final double T2 = 2.0;
    /** Strike of both recipes. */
    public static final double STRIKE = 1.10;
    /** Input vol multiplier of both recipes. */
    public static final double VOL_MULT = 1.5;
    /** Basket normal vol of both recipes. */
    public static final double BASKET_VOL = 0.2;
    /**
     * Smoothing width of the Kichler training payoff: 0.005, the width of the authors' notebook that produced
     * the published R² table (REFERENCES.md §1; the slides illustrate the smoothing with w = 0.05, which biases
     * prices near the money by about 10 % of the at-the-money price and caps the test R² of values near 0.99).
     */
    public static final double KICHLER_WIDTH = 0.005;

    /** Validates the recipe. */
    public LsmcRecipe {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(payoff, "payoff");
        if (!(t1 > 0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("t1 must be finite and > 0, got " + t1);
        }
        if (!(volMult > 0) || !Double.isFinite(volMult)) {
            throw new IllegalArgumentException("volMult must be finite and > 0, got " + volMult);
        }
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("test box needs finite lo < hi, got lo=" + lo + ", hi=" + hi);
        }
    }

    /** The recipes by command-line name. */
    public enum Kind {
        /** Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning": smoothed call, published market for d = 7. */
        KICHLER("kichler"),
        /** Huge &amp; Savine: plain call, random market. */
        HUGE_SAVINE("huge-savine");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name in data set metadata ({@code kichler}, {@code huge-savine}). */
        public String label() {
            return label;
        }
    }

    /**
     * Largest number of assets. The random market's correlation factor and the label kernel's set-up are cubic in d:
     * a 64-row data set at d = 500 took 14 s end to end on a loaded 2-core machine (d = 300: 7 s), and d = 1000
     * would take over a minute, d = 10,000 hours.
     */
    public static final int MAX_DIMENSION = 500;

    /**
     * Builds a recipe.
     *
     * @param kind       which recipe
     * @param dimension  number of assets, 1 ≤ d ≤ {@value #MAX_DIMENSION}
     * @param marketSeed seed of the random market; ignored for the published Kichler market
     * @param payoff     training payoff, or null for the recipe's own (Kichler: smoothed call w = 0.005;
     *                   Huge–Savine: call)
     * @param published  use the published Kichler market (only for kind KICHLER and dimension 7)
     * @throws InvalidParameterException naming {@code dimension} or {@code published} when they are out of range
     */
    public static LsmcRecipe of(Kind kind, int dimension, long marketSeed, Payoff payoff, boolean published) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new InvalidParameterException("dimension", "must be in [1, " + MAX_DIMENSION + "], got " + dimension
                    + (dimension > MAX_DIMENSION ? " (building the random market takes time cubic in d: d = 500 takes "
                    + "about 10 s)" : ""));
        }
        double tau = T2 - T1;
        BachelierBasket option;
        if (published) {
            if (kind != Kind.KICHLER || dimension != 7) {
                throw new InvalidParameterException("published", "needs the kichler recipe with dimension 7, got "
                        + kind.label() + " with dimension " + dimension);
            }
            option = BasketMarkets.kichler(STRIKE, tau);
        } else {
            option = BasketMarkets.hugeSavine(dimension, RandomStreams.stream(marketSeed, RandomStreams.AUXILIARY, 0),
                    BASKET_VOL, STRIKE, tau);
        }
        Payoff p = payoff != null ? payoff
                : kind == Kind.KICHLER ? new SmoothedCall(STRIKE, KICHLER_WIDTH) : new Call(STRIKE);
        return new LsmcRecipe(kind.label(), option, T1, VOL_MULT, p, 0.5, 1.5, published, marketSeed);
    }

    /** Number of assets d. */
    public int dimension() {
        return option.dimension();
    }

    /** Lower corner L of the test box. */
    public double testLower() {
        return 1.0 - (1.0 - lo) * boxAdjustment();
    }

    /** Upper corner U of the test box. */
    public double testUpper() {
        return 1.0 + (hi - 1.0) * boxAdjustment();
    }

    private double boxAdjustment() {
        return 1.0 + 0.5 * Math.sqrt((dimension() - 1) * (hi - lo) / 12.0);
    }
}
