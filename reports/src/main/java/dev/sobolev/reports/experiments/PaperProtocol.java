package dev.sobolev.reports.experiments;

import java.util.Arrays;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.Optimizer;
import dev.sobolev.surrogate.train.Schedule;
import dev.sobolev.surrogate.train.TrainingConfig;

/**
 * The training protocol of McDonagh &amp; Chen's surrogates (§3): L hidden layers of 4η tanh units, 300 epochs of
 * Adam with Keras's time-based decay from 0.01 to 0.0005, the loss of eq. 8 (0.5·MSE of values + 0.5·MSE of
 * gradients, α = 0.5; values only: α = 1) with derivative errors weighed as they are, Glorot initialisation and
 * Keras's default batch of 32. The paper feeds raw data; a problem whose inputs lie far outside tanh's active range
 * (θ ∈ [0, 15]) standardises them per feature, one whose positive outputs come through a softplus keeps raw units
 * (standardised outputs would be negative, out of the softplus's reach).
 */
final class PaperProtocol {
    /** Epochs. */
    static final int EPOCHS = 300;
    /** Initial learning rate. */
    static final double LEARNING_RATE = 0.01;
    /** Learning rate reached at the last epoch. */
    static final double FINAL_LEARNING_RATE = 0.0005;
    /** Mini-batch size. */
    static final int BATCH = 32;

    private PaperProtocol() {
    }

    /**
     * The configuration.
     *
     * @param layers    hidden layers L
     * @param output    output activation
     * @param scaling   input and output scaling
     * @param eta       complexity η ≥ 1
     * @param gradients whether the gradient term is trained
     * @param seed      initialisation and shuffling seed
     * @param threads   worker threads
     * @return the configuration
     * @throws InvalidParameterException naming {@code eta} when below 1
     */
    static TrainingConfig config(int layers, Activation output, Normalisation.Kind scaling, int eta, boolean gradients,
                                 long seed, int threads) {
        if (eta < 1) {
            throw new InvalidParameterException("eta", "must be >= 1, got " + eta);
        }
        int[] hidden = new int[layers];
        Arrays.fill(hidden, 4 * eta);
        return TrainingConfig.builder().hidden(hidden).activation(Activation.TANH).outputActivation(output)
                .normalisation(scaling)
                .alpha(gradients ? 0.5 : 1).derivativeScaling(false).optimizer(Optimizer.Adam.defaults())
                .schedule(Schedule.TimeDecay.between(LEARNING_RATE, FINAL_LEARNING_RATE, EPOCHS)).epochs(EPOCHS)
                .batchSize(BATCH).initializer(Initializer.GLOROT).seed(seed).threads(threads).build();
    }
}
