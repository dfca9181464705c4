package dev.sobolev.simd;

import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.PointEvaluator;
import dev.sobolev.surrogate.nn.PointEvaluatorProvider;

/**
 * The SIMD single-point evaluator ({@link VectorEvaluator}) as a {@link PointEvaluatorProvider} service. It is
 * available when the JVM resolved the incubating module {@code jdk.incubator.vector} (run with
 * {@code --add-modules jdk.incubator.vector}); otherwise {@link dev.sobolev.surrogate.nn.Surrogate} keeps the
 * scalar passes. This class names no Vector API type, so loading it is safe on any JVM.
 */
public final class VectorEvaluatorProvider implements PointEvaluatorProvider {
    private static final String MODULE = "jdk.incubator.vector";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public VectorEvaluatorProvider() {
    }

    @Override
    public String name() {
        return available() ? "vector-" + VectorEvaluator.laneBits() : "vector (unavailable)";
    }

    @Override
    public boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    @Override
    public PointEvaluator create(Mlp net) {
        if (!available()) {
            throw new IllegalStateException("the vector evaluator needs the JVM option --add-modules " + MODULE);
        }
        return VectorEvaluator.of(net);
    }
}
