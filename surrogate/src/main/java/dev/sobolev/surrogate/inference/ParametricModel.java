package dev.sobolev.surrogate.inference;

import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Surrogate;

/**
 * A twice differentiable map from latent parameters θ ∈ ℝᴶ to outputs y ∈ ℝᴹ: the simulator s(θ) of McDonagh &amp;
 * Chen's eq. 9, or a surrogate ŝ(θ) standing in for it. Implementations are thread-safe; the arrays a call fills
 * are the caller's.
 */
public interface ParametricModel {
    /** @return the number of latent parameters J */
    int parameters();

    /** @return the number of outputs M */
    int outputs();

    /**
     * The outputs and their Jacobian.
     *
     * @param theta    J parameters, finite
     * @param y        receives the M outputs
     * @param jacobian receives ∂y_m/∂θ_j at {@code [m·J + j]} (M·J values), or null for the outputs alone
     */
    void evaluate(double[] theta, double[] y, double[] jacobian);

    /**
     * The Hessian of one output.
     *
     * @param theta   J parameters, finite
     * @param output  output index m in [0, M)
     * @param hessian receives ∂²y_m/∂θ_i∂θ_j at {@code [i·J + j]} (J·J values)
     */
    void hessian(double[] theta, int output, double[] hessian);

    /**
     * A trained surrogate as a model: θ is its input, y its outputs; the Jacobian from
     * {@link Surrogate#valueAndGradient(double[], int, double[])} per output, the Hessian column by column from
     * {@link Surrogate#hessianVector(double[], double[], int, double[])} along the unit vectors.
     *
     * @param surrogate the surrogate (data units)
     * @return the model
     */
    static ParametricModel of(Surrogate surrogate) {
        return new SurrogateModel(Objects.requireNonNull(surrogate, "surrogate"));
    }

    /**
     * A model from two functions, e.g. an exact simulator's {@code evaluate} and {@code hessian}.
     *
     * @param parameters        J ≥ 1
     * @param outputs           M ≥ 1
     * @param evaluation        fills the outputs and (when asked) the Jacobian, as {@link #evaluate}
     * @param secondDerivatives fills one output's Hessian, as {@link #hessian}
     * @return the model
     * @throws InvalidParameterException naming {@code parameters} or {@code outputs} when below 1
     */
    static ParametricModel of(int parameters, int outputs, Evaluation evaluation, SecondDerivatives secondDerivatives) {
        return new FunctionModel(parameters, outputs, evaluation, secondDerivatives);
    }

    /** The outputs and Jacobian of a model given as a function (the contract of {@link #evaluate}). */
    @FunctionalInterface
    interface Evaluation {
        /**
         * @param theta    J parameters
         * @param y        receives the M outputs
         * @param jacobian receives ∂y_m/∂θ_j at {@code [m·J + j]}, or null
         */
        void evaluate(double[] theta, double[] y, double[] jacobian);
    }

    /** One output's Hessian of a model given as a function (the contract of {@link #hessian}). */
    @FunctionalInterface
    interface SecondDerivatives {
        /**
         * @param theta   J parameters
         * @param output  output index m
         * @param hessian receives ∂²y_m/∂θ_i∂θ_j at {@code [i·J + j]}
         */
        void hessian(double[] theta, int output, double[] hessian);
    }
}
