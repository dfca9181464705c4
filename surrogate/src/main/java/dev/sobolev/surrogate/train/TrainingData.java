package dev.sobolev.surrogate.train;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;

/**
 * Training arrays in data units (row-major): inputs n×d, outputs n×m, derivative labels n×m×d (or null),
 * Hessian–vector labels n×k×d along k directions (or null; single output).
 *
 * @param x          inputs
 * @param y          outputs
 * @param dydx       derivative labels, or null
 * @param directions k×d directions of the Hessian–vector labels (k = 0 without)
 * @param hv         Hessian–vector labels, or null
 * @param rows       n
 */
public record TrainingData(double[] x, double[] y, double[] dydx, double[][] directions, double[] hv, int rows) {
    /** Checks shapes. */
    public TrainingData {
        if (rows < 1 || x.length % rows != 0 || y.length % rows != 0) {
            throw new IllegalArgumentException("inconsistent training arrays for " + rows + " rows");
        }
        int d = x.length / rows;
        int m = y.length / rows;
        if (dydx != null && dydx.length != (long) rows * m * d) {
            throw new IllegalArgumentException("dYdX must hold n*m*d = " + (long) rows * m * d + " values");
        }
        if (directions == null) {
            directions = new double[0][];
        }
        if (directions.length > 0 && (hv == null || hv.length != (long) rows * directions.length * d || m != 1)) {
            throw new IllegalArgumentException("hv must hold n*k*d values for a single-output data set");
        }
    }

    /**
     * The arrays of a data set (copies); the second-order labels only if {@code secondOrder}.
     *
     * @param data        the data set
     * @param gradients   whether to take the derivative labels dYdX
     * @param secondOrder whether to take the Hessian–vector labels
     * @throws InvalidParameterException naming {@code data} when it has no Hessian–vector labels and
     *                                   {@code secondOrder} asks for them
     */
    public static TrainingData of(Dataset data, boolean gradients, boolean secondOrder) {
        double[][] dirs = new double[0][];
        double[] hv = null;
        if (secondOrder) {
            if (!data.hasSecondOrder()) {
                throw new InvalidParameterException("data", "has no Hessian-vector labels (directions, hv), which the "
                        + "second-order term needs");
            }
            int k = data.directionCount();
            int d = data.inputDim();
            double[] flat = data.directionsArray();
            dirs = new double[k][d];
            for (int q = 0; q < k; q++) {
                System.arraycopy(flat, q * d, dirs[q], 0, d);
            }
            hv = data.hvArray();
        }
        return new TrainingData(data.xArray(), data.yArray(), gradients ? data.dydxArray() : null, dirs, hv,
                data.rows());
    }
}
