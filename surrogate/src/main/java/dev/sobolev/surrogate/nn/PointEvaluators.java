package dev.sobolev.surrogate.nn;

import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The choice of single-point evaluator. {@link #preferred()} takes the first available
 * {@link PointEvaluatorProvider} on the class path and falls back to {@link #scalar()}; the system property
 * {@value #PROPERTY} = {@code off} forces the scalar passes (results bitwise equal to {@link Mlp}'s own
 * single-point methods), {@code auto} (the default) lets a SIMD provider take over.
 */
public final class PointEvaluators {
    /** System property that selects the evaluator: {@code auto} or {@code off}. */
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
            return new PointEvaluator() {
                @Override
                public double value(double[] x, int k) {
                    return net.value(x, k, ws);
                }

                @Override
                public double valueAndGradient(double[] x, int k, double[] grad) {
                    return net.valueAndGradient(x, k, grad, ws);
                }
            };
        }
    };

    private PointEvaluators() {
    }

    /** The portable scalar passes of {@link Mlp}. */
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
     * {@link #scalar()}; {@code off}, {@link #scalar()}.
     *
     * @param mode auto or off (case-insensitive)
     * @throws IllegalArgumentException for another mode
     */
    public static PointEvaluatorProvider forMode(String mode) {
        Objects.requireNonNull(mode, "mode");
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> {
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
            default -> throw new IllegalArgumentException("evaluator mode (system property " + PROPERTY
                    + ") must be auto or off, got " + mode);
        }
    }
}
