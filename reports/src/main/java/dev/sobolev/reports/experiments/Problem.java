package dev.sobolev.reports.experiments;

import java.util.List;

import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * A test problem of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning Model
 * Training" (§3–4): a simulator with exact input gradients, its prior, and the paper's surrogate family of
 * complexity η with its training protocol. The problems are the 2-D cosine simulator (eq. 7), the 4-D GARCH(1,1)
 * forecast (eqs. 12–13) and the 8-D exponential function (eq. 14).
 */
public interface Problem {
    /** @return the name the command line uses: {@code 2d}, {@code 4d} or {@code 8d} */
    String name();

    /** @return one line naming the simulator, its equation and prior */
    String description();

    /** @return the input dimension d (the latent parameters θ) */
    int inputs();

    /** @return the output dimension m */
    int outputs();

    /**
     * Training rows drawn from the prior with simulator outputs and their exact θ-gradients (data units).
     *
     * @param rows rows ≥ 2
     * @param seed seed of the draw (the same seed gives the same rows)
     * @return inputs, outputs and derivative labels
     */
    TrainingData training(int rows, long seed);

    /**
     * Test rows with exact labels (the simulator's noise-free outputs or conditional expectations) and exact
     * gradients, drawn from a stream independent of every {@link #training} stream of the same seed.
     *
     * @param rows rows ≥ 1
     * @param seed seed of the draw
     * @return inputs, outputs and derivative labels
     */
    TrainingData test(int rows, long seed);

    /**
     * The paper's surrogate of complexity η and its training protocol.
     *
     * @param eta       complexity η ≥ 1 (hidden layers of 4η units)
     * @param gradients whether to train with the gradient term (the Sobolev loss) or on values only
     * @param seed      initialisation and shuffling seed
     * @param threads   worker threads (the result does not depend on it)
     * @return the configuration
     */
    TrainingConfig config(int eta, boolean gradients, long seed, int threads);

    /** @return the rows of the paper's Table 1 for this problem (training size, optimal η, δ_min bound) */
    List<PaperRow> paperTable();

    /**
     * One row of the paper's Table 1.
     *
     * @param size    training size N
     * @param optimal the complexity with the lowest test RMSE
     * @param bound   the complexity bound δ_min implies
     */
    record PaperRow(int size, int optimal, int bound) {
    }
}
