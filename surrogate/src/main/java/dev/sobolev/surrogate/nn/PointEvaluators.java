package dev.sobolev.surrogate.nn;

import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The choice of single-point evaluator. {@link #preferred()} takes the first available
 * {@link PointEvaluatorProvider} on the class path and falls back to {@link #scalar()}; the system property
 * {@value #PROPERTY} = {@code off} forces the scalar passes (results bitwise equal to {@link Mlp}'s own
 * single-point methods), {@code auto} (the default) lets a SIMD provider take over, {@code training} keeps the
 * scalar passes here and lets a provider run training's layer products only (which give the same bits either
 * way; the {@code sobolev} launcher's choice, so that every output of the command line matches the scalar
 * library calls).
 */
public final class PointEvaluators {
    /**
     * System property that selects the evaluator, and training's layer products ({@link LayerProductsProvider}):
     * {@code auto}, {@code training} or {@code off}.
     */
    public static final String PROPERTY = "sobolev.simd";

    private static final PointEvaluatorProvider SCALAR = new PointEvaluatorProvider() {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public PointEvaluator create(Mlp net) {
            Mlp.Workspace ws = net.newWorkspace();
            int d = net.inputs();
            PointBlock block = new PointBlock(net);
            return new PointEvaluator() {
                @Override
                public double value(double[] x, int k) {
                    return net.value(x, k, ws);
                }

                @Override
                public double valueAndGradient(double[] x, int k, double[] grad) {
                    return net.valueAndGradient(x, k, grad, ws);
                }

                @Override
                public void valuesAndGradients(double[] x, int count, int k, double[] values, double[] grads) {
                    checkBatch(d, net.outputs(), x, count, k, values, grads);
                    block.valuesAndGradients(x, count, k, values, grads);
                }
            };
        }
    };

    private PointEvaluators() {
    }

    /**
     * The checks of {@link PointEvaluator#valuesAndGradients} for a network of d inputs and m outputs, with
     * messages that name the array and the lengths.
     *
     * @throws IllegalArgumentException if count &lt; 0, k is out of range or an array is too short
     */
    public static void checkBatch(int d, int m, double[] x, int count, int k, double[] values, double[] grads) {
        if (count < 0) {
            throw new IllegalArgumentException("point count must be >= 0, got " + count);
        }
        if (k < 0 || k >= m) {
            throw new IllegalArgumentException("output index k must be in [0, " + m + "), got " + k);
        }
        if ((long) count * d > x.length) {
            throw new IllegalArgumentException("x has " + x.length + " entries, " + count + " points of " + d
                    + " inputs need " + (long) count * d);
        }
        if (values.length < count) {
            throw new IllegalArgumentException("values has " + values.length + " entries, needs " + count);
        }
        if (grads != null && grads.length < (long) count * d) {
            throw new IllegalArgumentException("grads has " + grads.length + " entries, needs " + (long) count * d);
        }
    }

    /**
     * The portable scalar passes of {@link Mlp}; a book of points runs them a block of points at a time
     * ({@link PointBlock}: the same bits per point, vectorised by C2 across the points).
     */
    public static PointEvaluatorProvider scalar() {
        return SCALAR;
    }

    /**
     * The provider that {@value #PROPERTY} selects ({@link #forMode}; {@code auto} when the property is unset).
     *
     * @throws IllegalArgumentException if the property has another value than auto or off
     */
    public static PointEvaluatorProvider preferred() {
        return forMode(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * The provider of a mode: {@code auto}, the first available provider on the class path, else
     * {@link #scalar()}; {@code off} and {@code training}, {@link #scalar()}.
     *
     * @param mode auto, training or off (case-insensitive)
     * @throws IllegalArgumentException for another mode
     */
    public static PointEvaluatorProvider forMode(String mode) {
        Objects.requireNonNull(mode, "mode");
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "off", "training" -> {
                return SCALAR;
            }
            case "auto" -> {
                for (PointEvaluatorProvider p : ServiceLoader.load(PointEvaluatorProvider.class)) {
                    if (p.available()) {
                        return p;
                    }
                }
                return SCALAR;
            }
            default -> throw new IllegalArgumentException(modeError(mode));
        }
    }

    /** The message for a value of {@value #PROPERTY} that is not a mode. */
    static String modeError(String mode) {
        return "evaluator mode (system property " + PROPERTY + ") must be auto, training or off, got " + mode;
    }
}
