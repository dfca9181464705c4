package dev.sobolev.reports.experiments;

import java.util.List;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pricing.garch.GarchDataset;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * The 4-D GARCH(1,1) forecast problem of McDonagh &amp; Chen (§4.1, eqs. 12–13): θ = (μ, ω, α, β) ~ U[0, 1]⁴ mapped
 * to the variance forecasts σ²_{t+h}, h = 1..5, with their exact θ-gradients ({@link GarchDataset#fill}), from the
 * known state y_t = 1, σ_t² = 1 (the {@code dataset garch} defaults). The surrogate: 4 hidden layers of 4η tanh
 * units and a softplus output (positive forecasts), trained by {@link PaperProtocol}.
 */
public final class GarchProblem implements Problem {
    /** Forecast horizons h = 1..5. */
    public static final int HORIZON = 5;

    private static final GarchDataset.Job STATE = new GarchDataset.Job(1, 0, 0, 1, 1.0, 1.0, HORIZON,
            DatasetFormat.NPY);
    private static final List<PaperRow> TABLE = List.of(new PaperRow(100, 10, 46), new PaperRow(300, 6, 22),
            new PaperRow(500, 6, 18), new PaperRow(700, 6, 14));

    @Override
    public String name() {
        return "4d";
    }

    @Override
    public String description() {
        return "4-D GARCH(1,1) variance forecasts sigma^2_{t+h}, h = 1..5, of theta = (mu, omega, alpha, beta) "
                + "~ U[0, 1]^4 from y_t = 1, sigma_t^2 = 1 (McDonagh & Chen, eqs. 12-13)";
    }

    @Override
    public int inputs() {
        return 4;
    }

    @Override
    public int outputs() {
        return HORIZON;
    }

    @Override
    public TrainingData training(int rows, long seed) {
        return draw(rows, seed, RandomStreams.TRAINING, 2);
    }

    @Override
    public TrainingData test(int rows, long seed) {
        return draw(rows, seed, RandomStreams.TEST, 1);
    }

    @Override
    public TrainingConfig config(int eta, boolean gradients, long seed, int threads) {
        return PaperProtocol.config(4, Activation.SOFTPLUS, Normalisation.Kind.NONE, eta, gradients, seed, threads);
    }

    @Override
    public List<PaperRow> paperTable() {
        return TABLE;
    }

    private static TrainingData draw(int rows, long seed, int family, int minimum) {
        if (rows < minimum) {
            throw new InvalidParameterException("rows", "must be >= " + minimum + ", got " + rows);
        }
        double[] x = new double[rows * 4];
        double[] y = new double[rows * HORIZON];
        double[] dydx = new double[rows * HORIZON * 4];
        GarchDataset.fill(STATE, RandomStreams.stream(seed, family, 0), rows, 0, x, y, dydx);
        return new TrainingData(x, y, dydx, null, null, rows);
    }
}
