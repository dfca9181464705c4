package dev.sobolev.reports.experiments;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pricing.simulators.CosineSimulator;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * The 2-D latent-parameter problem of McDonagh &amp; Chen (§3, eq. 7): θ = (θ₁, θ₂) ~ U[0, 15]² mapped by
 * {@link CosineSimulator} to the ten outputs y₁..y₁₀ with their exact θ-Jacobian. The surrogate maps θ to the ten
 * outputs at once (the paper's data set {θᵢ, yᵢ, ∇_θ yᵢ}): 4 hidden layers of 4η tanh units and a linear output,
 * trained by {@link PaperProtocol}.
 */
public final class CosineProblem implements Problem {
    private static final List<PaperRow> TABLE = List.of(new PaperRow(50, 36, 40), new PaperRow(100, 40, 52),
            new PaperRow(300, 28, 52), new PaperRow(500, 24, 32), new PaperRow(700, 20, 24));

    @Override
    public String name() {
        return "2d";
    }

    @Override
    public String description() {
        return "2-D cosine simulator y_t = (cos[0.1(theta1 - t - 5)] cos[0.1(theta2 - t - 5)])^2, t = 1..10, "
                + "theta ~ U[0, 15]^2 (McDonagh & Chen, eq. 7)";
    }

    @Override
    public int inputs() {
        return CosineSimulator.PARAMETERS;
    }

    @Override
    public int outputs() {
        return CosineSimulator.STEPS;
    }

    @Override
    public TrainingData training(int rows, long seed) {
        return draw(rows, RandomStreams.stream(seed, RandomStreams.TRAINING, 0), 2);
    }

    @Override
    public TrainingData test(int rows, long seed) {
        return draw(rows, RandomStreams.stream(seed, RandomStreams.TEST, 0), 1);
    }

    @Override
    public TrainingConfig config(int eta, boolean gradients, long seed, int threads) {
        return PaperProtocol.config(4, Activation.IDENTITY, Normalisation.Kind.PER_FEATURE, eta, gradients, seed,
                threads);
    }

    @Override
    public List<PaperRow> paperTable() {
        return TABLE;
    }

    private static TrainingData draw(int rows, UniformRandomProvider rng, int minimum) {
        if (rows < minimum) {
            throw new InvalidParameterException("rows", "must be >= " + minimum + ", got " + rows);
        }
        int d = CosineSimulator.PARAMETERS;
        int m = CosineSimulator.STEPS;
        double[] x = new double[rows * d];
        double[] y = new double[rows * m];
        double[] dydx = new double[rows * m * d];
        double[] theta = new double[d];
        double[] out = new double[m];
        double[] jac = new double[m * d];
        double width = CosineSimulator.PRIOR_HIGH - CosineSimulator.PRIOR_LOW;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                theta[j] = CosineSimulator.PRIOR_LOW + width * rng.nextDouble();
            }
            CosineSimulator.evaluate(theta, out, jac);
            System.arraycopy(theta, 0, x, r * d, d);
            System.arraycopy(out, 0, y, r * m, m);
            System.arraycopy(jac, 0, dydx, r * m * d, m * d);
        }
        return new TrainingData(x, y, dydx, null, null, rows);
    }
}
