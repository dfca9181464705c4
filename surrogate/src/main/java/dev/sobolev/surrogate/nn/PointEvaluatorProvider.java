package dev.sobolev.surrogate.nn;

/**
 * Service interface of single-point evaluators ({@link java.util.ServiceLoader}): a module on the class path
 * that lists an implementation in {@code META-INF/services/dev.sobolev.surrogate.nn.PointEvaluatorProvider}
 * takes over {@link Surrogate}'s single-point calls when {@link #available()} says the running JVM supports it
 * (the {@code sobolev-simd} module: when the JVM runs with {@code --add-modules jdk.incubator.vector}).
 */
public interface PointEvaluatorProvider {
    /** A short name for logs and benchmarks, e.g. {@code scalar} or {@code vector-512}. */
    String name();

    /** Whether evaluators of this provider can run in this JVM. */
    boolean available();

    /**
     * A new evaluator of the network, for one thread.
     *
     * @param net the network (normalised units)
     * @return an evaluator that owns its buffers
     */
    PointEvaluator create(Mlp net);
}
