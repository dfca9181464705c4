package dev.sobolev.surrogate.inference;

import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;

/** {@link ParametricModel#of(int, int, ParametricModel.Evaluation, ParametricModel.SecondDerivatives)}. */
record FunctionModel(int parameters, int outputs, Evaluation evaluation, SecondDerivatives secondDerivatives)
        implements ParametricModel {
    FunctionModel {
        if (parameters < 1) {
            throw new InvalidParameterException("parameters", "must be >= 1, got " + parameters);
        }
        if (outputs < 1) {
            throw new InvalidParameterException("outputs", "must be >= 1, got " + outputs);
        }
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(secondDerivatives, "secondDerivatives");
    }

    @Override
    public void evaluate(double[] theta, double[] y, double[] jacobian) {
        evaluation.evaluate(theta, y, jacobian);
    }

    @Override
    public void hessian(double[] theta, int output, double[] hessian) {
        secondDerivatives.hessian(theta, output, hessian);
    }
}
