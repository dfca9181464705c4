package dev.sobolev.surrogate.search;

import dev.sobolev.core.InvalidParameterException;

/**
 * The hyperparameter space of McDonagh &amp; Chen's search (§4.2, Fig. 4): the complexity η (hidden layers of 4η
 * units), an integer in [ηmin, ηmax]; the initial learning rate, on a logarithmic grid over [lrmin, lrmax]; and the
 * Sobolev weight α of eq. 4 (α on the value loss, 1 − α on the gradient loss; α = 1 trains on values only), on a
 * linear grid over [αmin, αmax] ⊂ (0, 1]. Each continuous coordinate has {@code levels} grid points, ends included, so
 * that a search revisits candidates it has already trained (and does not train them again) rather than drifting
 * through values that differ in the last digits.
 *
 * @param etaMin          smallest complexity ≥ 1
 * @param etaMax          largest complexity ≥ {@code etaMin}
 * @param learningRateMin smallest initial learning rate, finite and &gt; 0
 * @param learningRateMax largest initial learning rate, finite and &gt; {@code learningRateMin}
 * @param alphaMin        smallest Sobolev weight, in (0, 1)
 * @param alphaMax        largest Sobolev weight, in ({@code alphaMin}, 1]
 * @param levels          grid points of each continuous coordinate, ≥ 2
 */
public record SearchSpace(int etaMin, int etaMax, double learningRateMin, double learningRateMax, double alphaMin,
                          double alphaMax, int levels) {
    /**
     * Validates the ranges.
     *
     * @throws InvalidParameterException naming the first component outside its domain (an empty or inverted range
     *                                   names its upper end)
     */
    public SearchSpace {
        if (etaMin < 1) {
            throw new InvalidParameterException("etaMin", "must be >= 1, got " + etaMin);
        }
        if (etaMax < etaMin) {
            throw new InvalidParameterException("etaMax", "must be >= the smallest eta, " + etaMin + ", got " + etaMax);
        }
        if (!(learningRateMin > 0) || !Double.isFinite(learningRateMin)) {
            throw new InvalidParameterException("learningRateMin", "must be finite and > 0, got " + learningRateMin);
        }
        if (!(learningRateMax > learningRateMin) || !Double.isFinite(learningRateMax)) {
            throw new InvalidParameterException("learningRateMax", "must be finite and above the smallest learning "
                    + "rate, " + learningRateMin + ", got " + learningRateMax);
        }
        if (!(alphaMin > 0 && alphaMin < 1)) {
            throw new InvalidParameterException("alphaMin", "must be in (0, 1), got " + alphaMin);
        }
        if (!(alphaMax > alphaMin && alphaMax <= 1)) {
            throw new InvalidParameterException("alphaMax", "must be in (" + alphaMin
                    + ", 1] (above the smallest alpha), got " + alphaMax);
        }
        if (levels < 2) {
            throw new InvalidParameterException("levels", "must be >= 2, got " + levels);
        }
    }

    /**
     * The same space with complexities above {@code bound} removed: the δ_min step of Fig. 4.
     *
     * @param bound the largest complexity kept, in [ηmin, ηmax]
     * @return the space [ηmin, bound]
     */
    public SearchSpace below(int bound) {
        if (bound < etaMin || bound > etaMax) {
            throw new InvalidParameterException("bound", "must be in [" + etaMin + ", " + etaMax + "], got " + bound);
        }
        return new SearchSpace(etaMin, bound, learningRateMin, learningRateMax, alphaMin, alphaMax, levels);
    }

    /**
     * Learning rate of a grid level: lrmin·(lrmax/lrmin)^(i/(levels − 1)), the ends exact.
     *
     * @param level grid index in [0, levels)
     * @return the learning rate
     */
    public double learningRate(int level) {
        if (level == 0) {
            return learningRateMin;
        }
        if (level == levels - 1) {
            return learningRateMax;
        }
        return Math.exp(Math.log(learningRateMin) + level * (Math.log(learningRateMax) - Math.log(learningRateMin))
                / (levels - 1));
    }

    /**
     * Sobolev weight of a grid level: αmin + (αmax − αmin)·i/(levels − 1), the ends exact.
     *
     * @param level grid index in [0, levels)
     * @return α
     */
    public double alpha(int level) {
        if (level == levels - 1) {
            return alphaMax;
        }
        return alphaMin + level * (alphaMax - alphaMin) / (levels - 1);
    }

    /**
     * The grid point nearest to a point of the unit cube: u₀ ↦ η (the interval [ηmin − ½, ηmax + ½] rounded), u₁ ↦
     * log learning rate, u₂ ↦ α, each coordinate first clamped to [0, 1].
     *
     * @param u0 complexity coordinate
     * @param u1 learning-rate coordinate (log scale)
     * @param u2 Sobolev-weight coordinate
     * @return the candidate
     */
    public Candidate fromUnit(double u0, double u1, double u2) {
        double span = etaMax - etaMin + 1;
        int eta = etaMin + (int) Math.min(span - 1, Math.floor(clamp(u0) * span));
        return new Candidate(eta, learningRate(level(u1)), alpha(level(u2)));
    }

    /**
     * The unit-cube coordinates of a candidate (the inverse of {@link #fromUnit} on the grid).
     *
     * @param c a candidate
     * @return {u₀, u₁, u₂}
     */
    public double[] toUnit(Candidate c) {
        double span = etaMax - etaMin + 1;
        return new double[] {
            clamp((c.eta() - etaMin + 0.5) / span),
            clamp((Math.log(c.learningRate()) - Math.log(learningRateMin))
                    / (Math.log(learningRateMax) - Math.log(learningRateMin))),
            clamp((c.alpha() - alphaMin) / (alphaMax - alphaMin))};
    }

    /**
     * The grid point nearest to a candidate, with the complexity clamped into [ηmin, ηmax].
     *
     * @param c a candidate
     * @return the candidate on this space's grid
     */
    public Candidate snap(Candidate c) {
        double[] u = toUnit(c);
        int eta = Math.max(etaMin, Math.min(etaMax, c.eta()));
        return new Candidate(eta, learningRate(level(u[1])), alpha(level(u[2])));
    }

    /**
     * Whether a candidate lies on this space's grid.
     *
     * @param c a candidate
     * @return true when snapping leaves it as it is
     */
    public boolean contains(Candidate c) {
        return snap(c).equals(c);
    }

    private int level(double u) {
        return (int) Math.round(clamp(u) * (levels - 1));
    }

    private static double clamp(double u) {
        return Math.max(0, Math.min(1, u));
    }
}
