package dev.sobolev.surrogate.inference;

import dev.sobolev.surrogate.nn.Surrogate;

/**
 * {@link ParametricModel#of(Surrogate)}: a surrogate's inputs as θ and its outputs as y. The Hessian of output m is
 * built from J Hessian–vector products along the unit vectors (one forward-over-reverse sweep each) and symmetrised,
 * which removes the rounding difference between ∂²y/∂θᵢ∂θⱼ and ∂²y/∂θⱼ∂θᵢ.
 */
final class SurrogateModel implements ParametricModel {
    private final Surrogate surrogate;

    SurrogateModel(Surrogate surrogate) {
        this.surrogate = surrogate;
    }

    @Override
    public int parameters() {
        return surrogate.inputs();
    }

    @Override
    public int outputs() {
        return surrogate.outputs();
    }

    @Override
    public void evaluate(double[] theta, double[] y, double[] jacobian) {
        int j = surrogate.inputs();
        double[] grad = jacobian == null ? null : new double[j];
        for (int m = 0; m < surrogate.outputs(); m++) {
            if (grad == null) {
                y[m] = surrogate.value(theta, m);
            } else {
                y[m] = surrogate.valueAndGradient(theta, m, grad);
                System.arraycopy(grad, 0, jacobian, m * j, j);
            }
        }
    }

    @Override
    public void hessian(double[] theta, int output, double[] hessian) {
        int j = surrogate.inputs();
        double[] unit = new double[j];
        double[] column = new double[j];
        for (int c = 0; c < j; c++) {
            unit[c] = 1;
            surrogate.hessianVector(theta, unit, output, column);
            unit[c] = 0;
            for (int r = 0; r < j; r++) {
                hessian[r * j + c] = column[r];
            }
        }
        for (int r = 0; r < j; r++) {
            for (int c = r + 1; c < j; c++) {
                double mean = 0.5 * (hessian[r * j + c] + hessian[c * j + r]);
                hessian[r * j + c] = mean;
                hessian[c * j + r] = mean;
            }
        }
    }
}
