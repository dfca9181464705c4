package dev.sobolev.core.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable in-memory LSMC data set: n samples of d inputs with m labels each, optional pathwise gradients,
 * gamma and Hessian labels, and optional second-order labels (Hessian-vector products along k directions).
 *
 * <p>All arrays are stored row-major: X is n&times;d, Y n&times;m, dYdX n&times;m&times;d, gamma n, Hessian
 * n&times;d&times;d, directions k&times;d, hv n&times;k&times;d. Every value is finite. Arrays are copied on the way
 * in ({@link Builder}) and out ({@link #xArray()} etc.). Indices passed to accessors are 0-based and checked.
 */
public final class Dataset {

    private final int n;
    private final int d;
    private final int m;
    private final int k;
    private final double[] x;
    private final double[] y;
    private final double[] dydx;
    private final double[] gamma;
    private final double[] hessian;
    private final double[] directions;
    private final double[] hv;
    private final JsonNode meta;

    /** Takes ownership of the arrays (no copy); validates lengths, and finiteness if asked. */
    Dataset(int n, int d, int m, int k, double[] x, double[] y, double[] dydx, double[] gamma, double[] hessian,
            double[] directions, double[] hv, JsonNode meta, boolean checkFinite) {
        if (n < 0 || d < 0 || m < 1 || k < 0) {
            throw new IllegalArgumentException("invalid dataset dimensions: rows=" + n + ", inputDim=" + d
                    + ", outputs=" + m + ", directions=" + k);
        }
        if ((directions == null) != (hv == null)) {
            throw new IllegalArgumentException(directions == null
                    ? "hv labels need their directions" : "directions need their hv labels");
        }
        checkLength("X", x, (long) n * d, n + "x" + d);
        checkLength("Y", y, (long) n * m, n + "x" + m);
        if (dydx != null) {
            checkLength("dYdX", dydx, (long) n * m * d, n + "x" + m + "x" + d);
        }
        if (gamma != null) {
            checkLength("gamma", gamma, n, Integer.toString(n));
        }
        if (hessian != null) {
            checkLength("hessian", hessian, (long) n * d * d, n + "x" + d + "x" + d);
        }
        if (directions != null) {
            checkLength("directions", directions, (long) k * d, k + "x" + d);
            checkLength("hv", hv, (long) n * k * d, n + "x" + k + "x" + d);
        }
        if (checkFinite) {
            checkFinite("X", x, d);
            checkFinite("Y", y, m);
            checkFinite("dYdX", dydx, m * d);
            checkFinite("gamma", gamma, 1);
            checkFinite("hessian", hessian, d * d);
            checkFinite("directions", directions, d);
            checkFinite("hv", hv, k * d);
        }
        this.n = n;
        this.d = d;
        this.m = m;
        this.k = directions == null ? 0 : k;
        this.x = x;
        this.y = y;
        this.dydx = dydx;
        this.gamma = gamma;
        this.hessian = hessian;
        this.directions = directions;
        this.hv = hv;
        this.meta = meta == null ? null : meta.deepCopy();
    }

    private static void checkLength(String name, double[] a, long expected, String shape) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " must hold " + shape + " = " + expected + " values but holds "
                    + a.length);
        }
    }

    private static void checkFinite(String name, double[] a, int perRow) {
        if (a == null) {
            return;
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " row index " + (i / perRow) + ", entry " + (i % perRow)
                        + ": " + a[i] + " is not allowed (values must be finite)");
            }
        }
    }

    /**
     * Starts building a data set of the given size.
     *
     * @param rows     number of samples n (non-negative)
     * @param inputDim number of inputs d (non-negative)
     * @return a new builder
     */
    public static Builder builder(int rows, int inputDim) {
        return new Builder(rows, inputDim);
    }

    /**
     * Returns the number of samples n.
     *
     * @return n
     */
    public int rows() {
        return n;
    }

    /**
     * Returns the number of inputs d.
     *
     * @return d
     */
    public int inputDim() {
        return d;
    }

    /**
     * Returns the number of outputs m (1 for a single-output data set).
     *
     * @return m
     */
    public int outputs() {
        return m;
    }

    /**
     * Returns one input value.
     *
     * @param row sample index
     * @param j   input index
     * @return {@code X[row, j]}
     */
    public double x(int row, int j) {
        return x[Objects.checkIndex(row, n) * d + Objects.checkIndex(j, d)];
    }

    /**
     * Returns the label of a single-output data set.
     *
     * @param row sample index
     * @return {@code Y[row]}
     * @throws IllegalStateException if the data set has more than one output
     */
    public double y(int row) {
        requireSingleOutput("y(row)");
        return y[Objects.checkIndex(row, n)];
    }

    /**
     * Returns one label.
     *
     * @param row sample index
     * @param out output index
     * @return {@code Y[row, out]}
     */
    public double y(int row, int out) {
        return y[Objects.checkIndex(row, n) * m + Objects.checkIndex(out, m)];
    }

    /**
     * Tells whether pathwise gradients dYdX are present.
     *
     * @return true if present
     */
    public boolean hasGradients() {
        return dydx != null;
    }

    /**
     * Returns one gradient entry of a single-output data set.
     *
     * @param row sample index
     * @param j   input index
     * @return {@code dYdX[row, j]}
     * @throws IllegalStateException if there are no gradients or more than one output
     */
    public double dydx(int row, int j) {
        requireSingleOutput("dydx(row, j)");
        return dydx(row, 0, j);
    }

    /**
     * Returns one gradient entry.
     *
     * @param row sample index
     * @param out output index
     * @param j   input index
     * @return {@code dYdX[row, out, j]}
     * @throws IllegalStateException if there are no gradients
     */
    public double dydx(int row, int out, int j) {
        require(dydx, "gradients (dYdX)");
        return dydx[(Objects.checkIndex(row, n) * m + Objects.checkIndex(out, m)) * d + Objects.checkIndex(j, d)];
    }

    /**
     * Tells whether gamma labels are present.
     *
     * @return true if present
     */
    public boolean hasGamma() {
        return gamma != null;
    }

    /**
     * Returns one gamma label.
     *
     * @param row sample index
     * @return {@code gamma[row]}
     * @throws IllegalStateException if there are no gamma labels
     */
    public double gamma(int row) {
        require(gamma, "gamma labels");
        return gamma[Objects.checkIndex(row, n)];
    }

    /**
     * Tells whether Hessian labels are present.
     *
     * @return true if present
     */
    public boolean hasHessian() {
        return hessian != null;
    }

    /**
     * Returns one Hessian entry.
     *
     * @param row sample index
     * @param i   first input index
     * @param j   second input index
     * @return {@code hessian[row, i, j]}
     * @throws IllegalStateException if there are no Hessian labels
     */
    public double hessian(int row, int i, int j) {
        require(hessian, "Hessian labels");
        return hessian[(Objects.checkIndex(row, n) * d + Objects.checkIndex(i, d)) * d + Objects.checkIndex(j, d)];
    }

    /**
     * Tells whether second-order labels (directions with Hessian-vector products) are present.
     *
     * @return true if present
     */
    public boolean hasSecondOrder() {
        return directions != null;
    }

    /**
     * Returns the number of second-order directions k (0 when absent).
     *
     * @return k
     */
    public int directionCount() {
        return k;
    }

    /**
     * Returns one direction component.
     *
     * @param dir direction index
     * @param j   input index
     * @return {@code directions[dir, j]}
     * @throws IllegalStateException if there are no second-order labels
     */
    public double direction(int dir, int j) {
        require(directions, "second-order directions");
        return directions[Objects.checkIndex(dir, k) * d + Objects.checkIndex(j, d)];
    }

    /**
     * Returns one Hessian-vector product entry.
     *
     * @param row sample index
     * @param dir direction index
     * @param j   input index
     * @return {@code hv[row, dir, j]}
     * @throws IllegalStateException if there are no second-order labels
     */
    public double hv(int row, int dir, int j) {
        require(hv, "second-order labels (hv)");
        return hv[(Objects.checkIndex(row, n) * k + Objects.checkIndex(dir, k)) * d + Objects.checkIndex(j, d)];
    }

    /**
     * Returns the inputs.
     *
     * @return a fresh row-major n&times;d copy
     */
    public double[] xArray() {
        return x.clone();
    }

    /**
     * Returns the labels.
     *
     * @return a fresh row-major n&times;m copy
     */
    public double[] yArray() {
        return y.clone();
    }

    /**
     * Returns the gradients.
     *
     * @return a fresh row-major n&times;m&times;d copy
     * @throws IllegalStateException if absent
     */
    public double[] dydxArray() {
        return require(dydx, "gradients (dYdX)").clone();
    }

    /**
     * Returns the gamma labels.
     *
     * @return a fresh copy of length n
     * @throws IllegalStateException if absent
     */
    public double[] gammaArray() {
        return require(gamma, "gamma labels").clone();
    }

    /**
     * Returns the Hessian labels.
     *
     * @return a fresh row-major n&times;d&times;d copy
     * @throws IllegalStateException if absent
     */
    public double[] hessianArray() {
        return require(hessian, "Hessian labels").clone();
    }

    /**
     * Returns the second-order directions.
     *
     * @return a fresh row-major k&times;d copy
     * @throws IllegalStateException if absent
     */
    public double[] directionsArray() {
        return require(directions, "second-order directions").clone();
    }

    /**
     * Returns the Hessian-vector product labels.
     *
     * @return a fresh row-major n&times;k&times;d copy
     * @throws IllegalStateException if absent
     */
    public double[] hvArray() {
        return require(hv, "second-order labels (hv)").clone();
    }

    /**
     * Returns the metadata read from or destined for {@code meta.json}.
     *
     * @return a deep copy of the metadata, or empty when there is none
     */
    public Optional<JsonNode> meta() {
        return meta == null ? Optional.empty() : Optional.of(meta.deepCopy());
    }

    double[] rawX() {
        return x;
    }

    double[] rawY() {
        return y;
    }

    double[] rawDydx() {
        return dydx;
    }

    double[] rawGamma() {
        return gamma;
    }

    double[] rawHessian() {
        return hessian;
    }

    double[] rawDirections() {
        return directions;
    }

    double[] rawHv() {
        return hv;
    }

    private double[] require(double[] a, String what) {
        if (a == null) {
            throw new IllegalStateException("this dataset has no " + what);
        }
        return a;
    }

    private void requireSingleOutput(String method) {
        if (m != 1) {
            throw new IllegalStateException(method + " needs a single-output dataset but this one has " + m
                    + " outputs; pass the output index");
        }
    }

    @Override
    public String toString() {
        return "Dataset[rows=" + n + ", inputDim=" + d + ", outputs=" + m + ", gradients=" + hasGradients()
                + ", gamma=" + hasGamma() + ", hessian=" + hasHessian() + ", directions=" + k + ", meta="
                + (meta != null) + "]";
    }

    /** Collects arrays (copied on entry) for a {@link Dataset}; {@link #build()} validates shapes and values. */
    public static final class Builder {
        private final int n;
        private final int d;
        private int m = 1;
        private int k;
        private double[] x;
        private double[] y;
        private double[] dydx;
        private double[] gamma;
        private double[] hessian;
        private double[] directions;
        private double[] hv;
        private JsonNode meta;

        private Builder(int n, int d) {
            if (n < 0 || d < 0) {
                throw new IllegalArgumentException("rows and inputDim must be non-negative, got " + n + " and " + d);
            }
            this.n = n;
            this.d = d;
        }

        /**
         * Sets the inputs.
         *
         * @param x row-major n&times;d values (copied)
         * @return this builder
         */
        public Builder x(double[] x) {
            this.x = x.clone();
            return this;
        }

        /**
         * Sets single-output labels (m = 1).
         *
         * @param y n values (copied)
         * @return this builder
         */
        public Builder y(double[] y) {
            return y(y, 1);
        }

        /**
         * Sets labels with m outputs.
         *
         * @param y       row-major n&times;m values (copied)
         * @param outputs m, at least 1
         * @return this builder
         */
        public Builder y(double[] y, int outputs) {
            if (outputs < 1) {
                throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
            }
            this.y = y.clone();
            this.m = outputs;
            return this;
        }

        /**
         * Sets the pathwise gradients.
         *
         * @param dydx row-major n&times;m&times;d values (copied)
         * @return this builder
         */
        public Builder dydx(double[] dydx) {
            this.dydx = dydx.clone();
            return this;
        }

        /**
         * Sets the gamma labels.
         *
         * @param gamma n values (copied)
         * @return this builder
         */
        public Builder gamma(double[] gamma) {
            this.gamma = gamma.clone();
            return this;
        }

        /**
         * Sets the Hessian labels.
         *
         * @param hessian row-major n&times;d&times;d values (copied)
         * @return this builder
         */
        public Builder hessian(double[] hessian) {
            this.hessian = hessian.clone();
            return this;
        }

        /**
         * Sets the second-order labels.
         *
         * @param directions     row-major k&times;d direction vectors (copied)
         * @param directionCount k
         * @param hv             row-major n&times;k&times;d Hessian-vector products (copied)
         * @return this builder
         */
        public Builder secondOrder(double[] directions, int directionCount, double[] hv) {
            if (directionCount < 0) {
                throw new IllegalArgumentException("directionCount must be non-negative, got " + directionCount);
            }
            this.directions = directions.clone();
            this.k = directionCount;
            this.hv = hv.clone();
            return this;
        }

        /**
         * Sets the metadata.
         *
         * @param meta JSON metadata (deep-copied), or null for none
         * @return this builder
         */
        public Builder meta(JsonNode meta) {
            this.meta = meta == null ? null : meta.deepCopy();
            return this;
        }

        /**
         * Validates and builds the data set.
         *
         * @return the data set
         * @throws IllegalArgumentException naming the array (and row index) when a length is wrong, a required array
         *                                  is missing or a value is not finite
         */
        public Dataset build() {
            return new Dataset(n, d, m, k, x, y, dydx, gamma, hessian, directions, hv, meta, true);
        }
    }
}
