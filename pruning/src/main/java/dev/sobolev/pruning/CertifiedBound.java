package dev.sobolev.pruning;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.pruning.interval.Interval;
import dev.sobolev.pruning.interval.IntervalAdjoint;
import dev.sobolev.pruning.interval.IntervalForward;
import dev.sobolev.pruning.interval.IntervalMlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * A certified bound on how far a pruned surrogate can be from its original over a whole input box, beyond
 * the paper: sup over x ∈ B of |y_p(x) − y_o(x)| and of |∂y_p/∂xⱼ(x) − ∂y_o/∂xⱼ(x)|, in data units.
 *
 * <p>The box is cut into a grid of sub-boxes Bₖ. On each, the value difference D = y_p − y_o is enclosed by
 * the better of the direct enclosure [y_p](Bₖ) − [y_o](Bₖ) and the mean-value form
 * D(cₖ) + Σⱼ ([∂y_p/∂xⱼ](Bₖ) − [∂y_o/∂xⱼ](Bₖ))·[−rₖⱼ, rₖⱼ] (Moore; cₖ the centre, rₖⱼ the half-widths, D(cₖ)
 * itself in interval arithmetic so rounding is covered), and the gradient difference by the interval
 * adjoints. Every operation is outward rounded, so the bound holds for every point of the box; it is as
 * tight as interval arithmetic on the two networks allows, and tightens with more sub-boxes.
 *
 * @param value    bound on the value difference
 * @param gradient bound on each input derivative's difference
 * @param boxes    number of sub-boxes
 */
public record CertifiedBound(double value, double[] gradient, int boxes) {
    /** Copies the gradient bounds. */
    public CertifiedBound {
        gradient = gradient.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    /**
     * @param original the original surrogate
     * @param pruned   the pruned (and possibly fine-tuned) surrogate, with the same normalisation
     * @param box      the input box in data units
     * @param splits   sub-boxes per input dimension (≥ 1); the grid has splits^d boxes
     */
    public static CertifiedBound of(Surrogate original, Surrogate pruned, InputBox box, int splits) {
        int d = original.inputs();
        if (pruned.inputs() != d || box.dimension() != d) {
            throw new IllegalArgumentException("the models and the box must have the same dimension, got "
                    + original.inputs() + ", " + pruned.inputs() + " and " + box.dimension());
        }
        Normalisation norm = original.normalisation();
        if (!norm.equals(pruned.normalisation())) {
            throw new IllegalArgumentException("the pruned model must keep the original's normalisation");
        }
        checkSplits(splits, d);
        InputBox whole = Pruner.normalised(box, norm);
        IntervalMlp o = new IntervalMlp(original.network());
        IntervalMlp p = new IntervalMlp(pruned.network());
        int boxes = (int) Math.round(Math.pow(splits, d));
        double valueBound = 0;
        double[] gradBound = new double[d];
        double[] lo = new double[d];
        double[] hi = new double[d];
        double[] c = new double[d];
        int[] cell = new int[d];
        for (int k = 0; k < boxes; k++) {
            for (int j = 0, rest = k; j < d; j++, rest /= splits) {
                cell[j] = rest % splits;
                double a = whole.lower(j);
                double w = whole.upper(j) - a;
                lo[j] = cell[j] == 0 ? a : Math.nextDown(a + w * cell[j] / splits);
                hi[j] = cell[j] == splits - 1 ? whole.upper(j) : Math.nextUp(a + w * (cell[j] + 1) / splits);
                c[j] = 0.5 * (lo[j] + hi[j]);
            }
            InputBox sub = InputBox.of(lo, hi);
            IntervalForward fo = o.forward(sub);
            IntervalForward fp = p.forward(sub);
            IntervalAdjoint ao = o.adjoint(fo, 0);
            IntervalAdjoint ap = p.adjoint(fp, 0);
            Interval direct = fp.output(0).subtract(fo.output(0));
            InputBox centre = InputBox.of(c, c);
            Interval mean = p.forward(centre).output(0).subtract(o.forward(centre).output(0));
            for (int j = 0; j < d; j++) {
                Interval dg = ap.inputGradient(j).subtract(ao.inputGradient(j));
                double r = Math.nextUp(Math.max(c[j] - lo[j], hi[j] - c[j]));
                mean = mean.add(dg.multiply(Interval.of(-r, r)));
                gradBound[j] = Math.max(gradBound[j], dg.magnitude());
            }
            valueBound = Math.max(valueBound, Math.min(direct.magnitude(), mean.magnitude()));
        }
        double[] gradient = new double[d];
        for (int j = 0; j < d; j++) {
            gradient[j] = Math.nextUp(Math.nextUp(gradBound[j] * norm.yStd(0)) / norm.xStd(j));
        }
        return new CertifiedBound(Math.nextUp(valueBound * norm.yStd(0)), gradient, boxes);
    }

    /** Rejects a grid that is empty or has more than 10⁶ sub-boxes (splits^d). */
    public static void checkSplits(int splits, int d) {
        if (splits < 1) {
            throw new InvalidParameterException("splits", "must be >= 1 with splits^d <= 1e6, got " + splits);
        }
        if (Math.pow(splits, d) > 1e6) {
            throw new InvalidParameterException("splits", "must be >= 1 with splits^d <= 1e6, got " + splits
                    + " for d = " + d);
        }
    }

    /** Rejects a sampling check without points. */
    public static void checkSamples(int samples) {
        if (samples < 1) {
            throw new InvalidParameterException("samples", "must be >= 1, got " + samples);
        }
    }

    /**
     * The largest differences found by sampling: {@code n} points uniform in the box (a quarter of them on its
     * faces), the value and every input derivative of both surrogates. Every sampled difference must lie within
     * a certified bound of the same box; a caller checks that with {@link #covers}.
     *
     * @param original the original surrogate
     * @param pruned   the pruned surrogate
     * @param box      the input box in data units
     * @param n        number of points (≥ 1)
     * @param rng      the stream that draws them
     * @return the sampled maxima as a bound-shaped record (boxes = n)
     */
    public static CertifiedBound sampled(Surrogate original, Surrogate pruned, InputBox box, int n,
                                         UniformRandomProvider rng) {
        checkSamples(n);
        int d = box.dimension();
        double[] x = new double[d];
        double[] go = new double[d];
        double[] gp = new double[d];
        double value = 0;
        double[] grad = new double[d];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                double lo = box.lower(j);
                double hi = box.upper(j);
                x[j] = t % 4 == 0 ? (rng.nextBoolean() ? lo : hi) : lo + (hi - lo) * rng.nextDouble();
            }
            value = Math.max(value, Math.abs(pruned.valueAndGradient(x, gp) - original.valueAndGradient(x, go)));
            for (int j = 0; j < d; j++) {
                grad[j] = Math.max(grad[j], Math.abs(gp[j] - go[j]));
            }
        }
        return new CertifiedBound(value, grad, n);
    }

    /** Whether every figure of {@code sample} lies within this bound. */
    public boolean covers(CertifiedBound sample) {
        if (sample.gradient.length != gradient.length || sample.value > value) {
            return false;
        }
        for (int j = 0; j < gradient.length; j++) {
            if (sample.gradient[j] > gradient[j]) {
                return false;
            }
        }
        return true;
    }
}
