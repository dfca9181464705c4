package dev.sobolev.reports.experiments;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * The 8-D problem of McDonagh &amp; Chen (§4.1, eq. 14): y = β₁x₀ + β₂β₃exp[β₄(x₁ − 0.1)] + β₅β₆exp[β₇(x₂ − 0.2)] + β₈
 * with β ~ U[−0.5, 0.5]⁸, x₀ = 1 the constant and x₁, x₂ ~ U[0, 1].
 *
 * <p>The paper does not say which eight numbers the network reads. Here they are β, the latent parameters, as in
 * the 2-D and 4-D problems, and (x₁, x₂) is the simulator's randomness, drawn afresh for every row: a training
 * row is β with the pathwise output y and its pathwise gradient ∂y/∂β, both unbiased for the conditional
 * expectation E[y | β] and its gradient (a least-squares Monte Carlo regression, the theme of this project);
 * a test row is β with the exact E[y | β] = β₁ + β₂β₃G(β₄; 0.1) + β₅β₆G(β₇; 0.2) + β₈ and its exact gradient,
 * where G(b; a) = E[exp(b(x − a))] = e^{−ab}(e^b − 1)/b for x ~ U[0, 1]. So the test set is noise-free and the
 * surrogate learns a smooth 8-D function from noisy labels, which is why the paper needs thousands of rows.
 *
 * <p>The surrogate: 10 hidden layers of 4η tanh units and a linear output on raw inputs and outputs (β is within
 * tanh's active range and y is of order one), trained by {@link PaperProtocol} for 300 epochs.
 */
public final class ExponentialProblem implements Problem {
    /** Number of parameters β. */
    public static final int PARAMETERS = 8;
    /** The shift of x₁ (the paper's α). */
    public static final double SHIFT_1 = 0.1;
    /** The shift of x₂ (the paper's η, not the complexity). */
    public static final double SHIFT_2 = 0.2;
    /** Lower end of the prior of each β. */
    public static final double PRIOR_LOW = -0.5;
    /** Upper end of the prior of each β. */
    public static final double PRIOR_HIGH = 0.5;
    /** Hidden layers of the surrogate. */
    public static final int LAYERS = 10;

    /** Below this |b| the series of (e^b − 1)/b and its derivative are summed instead of the closed forms. */
    private static final double SERIES_LIMIT = 1;
    /**
     * Terms of the series: for |b| &lt; 1 the first one left out, |b|²⁰/21! in h (21·|b|²⁰/22! in h′), is below
     * 1/21! ≈ 2e-20, far below an ulp of h ≥ 0.63.
     */
    private static final int SERIES_TERMS = 20;

    private static final List<PaperRow> TABLE = List.of(new PaperRow(2500, 30, 30), new PaperRow(5000, 20, 20),
            new PaperRow(7500, 30, 30), new PaperRow(10000, 20, 70));

    @Override
    public String name() {
        return "8d";
    }

    @Override
    public String description() {
        return "8-D function y = b1 + b2 b3 exp[b4(x1 - 0.1)] + b5 b6 exp[b7(x2 - 0.2)] + b8 of b ~ U[-0.5, 0.5]^8, "
                + "x1, x2 ~ U[0, 1] drawn per row; test labels E[y | b] (McDonagh & Chen, eq. 14)";
    }

    @Override
    public int inputs() {
        return PARAMETERS;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public TrainingData training(int rows, long seed) {
        return draw(rows, RandomStreams.stream(seed, RandomStreams.TRAINING, 0), 2, false);
    }

    @Override
    public TrainingData test(int rows, long seed) {
        return draw(rows, RandomStreams.stream(seed, RandomStreams.TEST, 0), 1, true);
    }

    @Override
    public TrainingConfig config(int eta, boolean gradients, long seed, int threads) {
        return PaperProtocol.config(LAYERS, Activation.IDENTITY, Normalisation.Kind.NONE, eta, gradients, seed,
                threads);
    }

    @Override
    public List<PaperRow> paperTable() {
        return TABLE;
    }

    /**
     * Eq. 14 on one draw of the simulator's randomness, with the pathwise gradient.
     *
     * @param beta     β₁..β₈ (8 values)
     * @param x1       x₁
     * @param x2       x₂
     * @param gradient receives ∂y/∂βⱼ (8 values)
     * @return y
     * @throws InvalidParameterException naming {@code beta} or {@code gradient} when it does not hold 8 values
     */
    public static double simulate(double[] beta, double x1, double x2, double[] gradient) {
        checkLengths(beta, gradient);
        double e1 = Math.exp(beta[3] * (x1 - SHIFT_1));
        double e2 = Math.exp(beta[6] * (x2 - SHIFT_2));
        gradient[0] = 1;
        gradient[1] = beta[2] * e1;
        gradient[2] = beta[1] * e1;
        gradient[3] = beta[1] * beta[2] * (x1 - SHIFT_1) * e1;
        gradient[4] = beta[5] * e2;
        gradient[5] = beta[4] * e2;
        gradient[6] = beta[4] * beta[5] * (x2 - SHIFT_2) * e2;
        gradient[7] = 1;
        return beta[0] + beta[1] * beta[2] * e1 + beta[4] * beta[5] * e2 + beta[7];
    }

    /**
     * The conditional expectation E[y | β] over x₁, x₂ ~ U[0, 1] and its exact gradient.
     *
     * @param beta     β₁..β₈ (8 values)
     * @param gradient receives ∂E[y | β]/∂βⱼ (8 values)
     * @return E[y | β]
     * @throws InvalidParameterException naming {@code beta} or {@code gradient} when it does not hold 8 values
     */
    public static double expectation(double[] beta, double[] gradient) {
        checkLengths(beta, gradient);
        double[] g1 = shiftedMean(beta[3], SHIFT_1);
        double[] g2 = shiftedMean(beta[6], SHIFT_2);
        gradient[0] = 1;
        gradient[1] = beta[2] * g1[0];
        gradient[2] = beta[1] * g1[0];
        gradient[3] = beta[1] * beta[2] * g1[1];
        gradient[4] = beta[5] * g2[0];
        gradient[5] = beta[4] * g2[0];
        gradient[6] = beta[4] * beta[5] * g2[1];
        gradient[7] = 1;
        return beta[0] + beta[1] * beta[2] * g1[0] + beta[4] * beta[5] * g2[0] + beta[7];
    }

    /**
     * G(b; a) = E[exp(b(x − a))] = e^{−ab}·h(b) for x ~ U[0, 1], with h(b) = (e^b − 1)/b, and
     * G′(b) = e^{−ab}(h′(b) − a·h(b)). Near b = 0 both closed forms cancel, so h = Σ bᵏ/(k+1)! and
     * h′ = Σ (k+1)·bᵏ/(k+2)! are summed there.
     *
     * @return {G, ∂G/∂b}
     */
    private static double[] shiftedMean(double b, double a) {
        double h;
        double dh;
        if (Math.abs(b) < SERIES_LIMIT) {
            h = 0;
            dh = 0;
            double power = 1; // bᵏ
            double factorial = 1; // (k+1)!
            for (int k = 0; k < SERIES_TERMS; k++) {
                factorial *= k + 1;
                h += power / factorial;
                dh += (k + 1) * power / (factorial * (k + 2));
                power *= b;
            }
        } else {
            double em1 = Math.expm1(b);
            h = em1 / b;
            dh = (b * Math.exp(b) - em1) / (b * b);
        }
        double shift = Math.exp(-a * b);
        return new double[] {shift * h, shift * (dh - a * h)};
    }

    private static void checkLengths(double[] beta, double[] gradient) {
        checkLength("beta", beta);
        checkLength("gradient", gradient);
    }

    private static void checkLength(String name, double[] values) {
        if (values == null || values.length != PARAMETERS) {
            throw new InvalidParameterException(name, "must hold " + PARAMETERS + " values, got "
                    + (values == null ? "none" : values.length));
        }
    }

    private static TrainingData draw(int rows, UniformRandomProvider rng, int minimum, boolean exact) {
        if (rows < minimum) {
            throw new InvalidParameterException("rows", "must be >= " + minimum + ", got " + rows);
        }
        double[] x = new double[rows * PARAMETERS];
        double[] y = new double[rows];
        double[] dydx = new double[rows * PARAMETERS];
        double[] beta = new double[PARAMETERS];
        double[] gradient = new double[PARAMETERS];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < PARAMETERS; j++) {
                beta[j] = PRIOR_LOW + (PRIOR_HIGH - PRIOR_LOW) * rng.nextDouble();
            }
            y[r] = exact ? expectation(beta, gradient) : simulate(beta, rng.nextDouble(), rng.nextDouble(), gradient);
            System.arraycopy(beta, 0, x, r * PARAMETERS, PARAMETERS);
            System.arraycopy(gradient, 0, dydx, r * PARAMETERS, PARAMETERS);
        }
        return new TrainingData(x, y, dydx, null, null, rows);
    }
}
