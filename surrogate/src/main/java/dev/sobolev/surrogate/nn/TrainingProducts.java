package dev.sobolev.surrogate.nn;

import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The layer products that {@link SobolevLoss} runs: a {@link LayerProductsProvider} on the class path when it is
 * available and {@value PointEvaluators#PROPERTY} is {@code auto} or {@code training}, else the scalar
 * {@link LayerProducts}. Either gives the same bits (the provider's contract), so the choice, and the moment it
 * takes effect, change the speed of training and not its result.
 *
 * <p>When the provider takes over ({@value #WARM_UP_PROPERTY}): {@code background} (the default) starts
 * {@link ProductsWarmUp} on a daemon thread the first time a training run is announced
 * ({@link SobolevLoss#expectTraining}) on a net with a layer of at least {@value #WARM_UP_MIN_PRODUCT} weights
 * and at least {@value #WARM_UP_MIN_WORK} units of work (sample passes × columns a sample × parameters), runs the
 * scalar products meanwhile, and switches when the warm-up shows the provider compiled and faster on that net.
 * Why the bounds (machine A, 2 vCPUs, JDK 17, 2026-12-07, a warm-up started for every run): it takes 1.6–2.6 s
 * of a core (0.8–1.7 s with the launcher's {@code CompileThresholdScaling}), most of it C2 compiling the Vector
 * API kernels, so a run must be long to repay it. The oversized 7→128×6→1 net (6.9·10⁸ units an epoch of 8192
 * rows) trained 2 epochs in 1.64 s against 1.26 s scalar on one thread and 1.78 against 0.91 s on two, broke
 * even at 6 epochs, and took 6.7–7.6 s against 12.1 s for 20 epochs on one thread, 4.7 against 6.5 s on two;
 * on the 7→20×4→1 net the provider gains 7–9 % a step, less than a warm-up costs a run of a second or two. {@code none} uses the provider from the first product (benchmarks and tests
 * of the provider itself).
 */
final class TrainingProducts {
    /** System property: {@code background} or {@code none}, see the class comment. */
    static final String WARM_UP_PROPERTY = "sobolev.simd.warmup";
    /** Weights n·p of the widest layer from which a net starts the warm-up (a 64×64 layer). */
    static final int WARM_UP_MIN_PRODUCT = 64 * 64;
    /** Work of a training run (sample passes × columns a sample × parameters) from which it warms up. */
    static final long WARM_UP_MIN_WORK = 8_000_000_000L;
    /** Columns of the warm-up's products at most. */
    private static final int WARM_UP_MAX_COLUMNS = 256;

    /** Why the system properties are not valid, or null: thrown by {@link #prepare}, not by class loading. */
    private static final String PROPERTY_ERROR;
    private static final LayerProductsProvider PROVIDER;
    private static final boolean BACKGROUND;

    static {
        String error = null;
        LayerProductsProvider provider = null;
        boolean background = true;
        try {
            provider = choose(System.getProperty(PointEvaluators.PROPERTY, "auto"));
            background = warmUp(System.getProperty(WARM_UP_PROPERTY, "background"));
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            provider = null;
        }
        PROPERTY_ERROR = error;
        PROVIDER = provider;
        BACKGROUND = background;
    }

    private static final AtomicBoolean WARMING = new AtomicBoolean();
    /**
     * Whether the provider runs the products now. The products test {@code PROVIDER == null} first: without a
     * provider that constant decides and this field is not read.
     */
    private static volatile boolean active = PROVIDER != null && !BACKGROUND;
    /** Whether the warm-up ended with the provider slower than the scalar products. */
    private static volatile boolean declined;

    private TrainingProducts() {
    }

    /**
     * The name of the products in use: {@code scalar}, the provider's name, or {@code scalar} with the
     * provider's state in brackets (waiting for a wide net, warming up, or slower than the scalar products).
     */
    static String name() {
        if (PROVIDER == null) {
            return "scalar";
        }
        if (active) {
            return PROVIDER.name();
        }
        String state = declined ? "slower here" : WARMING.get() ? "warming up" : "waiting for a long run";
        return "scalar (" + PROVIDER.name() + " " + state + ")";
    }

    /**
     * Called before training a net: starts the provider's warm-up when it applies (see the class comment).
     *
     * @param mlp     the net
     * @param columns columns of the products per call in training
     * @param passes  columns the training will run through the net (sample passes × columns a sample)
     * @throws IllegalArgumentException if {@value PointEvaluators#PROPERTY} or {@value #WARM_UP_PROPERTY} has a
     *                                  value that is not one of theirs (the products stay scalar)
     */
    static void prepare(Mlp mlp, int columns, long passes) {
        if (PROPERTY_ERROR != null) {
            throw new IllegalArgumentException(PROPERTY_ERROR);
        }
        if (PROVIDER == null || active || WARMING.get()) {
            return;
        }
        int widest = 0;
        for (int l = 1; l <= mlp.layers(); l++) {
            widest = Math.max(widest, mlp.width(l) * mlp.width(l - 1));
        }
        boolean pays = widest >= WARM_UP_MIN_PRODUCT && (double) passes * mlp.parameterCount() >= WARM_UP_MIN_WORK;
        if (pays && WARMING.compareAndSet(false, true)) {
            int len = Math.min(columns, WARM_UP_MAX_COLUMNS);
            Thread t = new Thread(() -> {
                boolean faster = ProductsWarmUp.run(PROVIDER, mlp, len);
                declined = !faster;
                active = faster;
            }, "sobolev-products-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private static LayerProductsProvider choose(String mode) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> {
                return null;
            }
            case "auto", "training" -> {
                for (LayerProductsProvider p : ServiceLoader.load(LayerProductsProvider.class)) {
                    if (p.available()) {
                        return p;
                    }
                }
                return null;
            }
            default -> throw new IllegalArgumentException(PointEvaluators.modeError(mode));
        }
    }

    private static boolean warmUp(String mode) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "background" -> {
                return true;
            }
            case "none" -> {
                return false;
            }
            default -> throw new IllegalArgumentException("system property " + WARM_UP_PROPERTY
                    + " must be background or none, got " + mode);
        }
    }

    /** {@link LayerProducts#multiply}. */
    static void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        if (PROVIDER == null || !active) {
            LayerProducts.multiply(mlp, theta, l, in, out, len);
        } else {
            PROVIDER.multiply(theta, mlp.weightOffset(l), mlp.width(l), mlp.width(l - 1), in, out, len);
        }
    }

    /** {@link LayerProducts#multiplyTransposed}. */
    static void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        if (PROVIDER == null || !active) {
            LayerProducts.multiplyTransposed(mlp, theta, l, in, out, len);
        } else {
            PROVIDER.multiplyTransposed(theta, mlp.weightOffset(l), mlp.width(l), mlp.width(l - 1), in, out, len);
        }
    }

    /** {@link LayerProducts#weightGradient}. */
    static void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] at, double[][] gw) {
        if (PROVIDER == null || !active) {
            LayerProducts.weightGradient(g, a, n, p, len, at, gw);
        } else {
            weightGradient(PROVIDER, g, a, n, p, len, at, gw);
        }
    }

    /** {@link LayerProducts#weightGradient} on a provider: the transposed copy of a, then the provider's rows. */
    static void weightGradient(LayerProductsProvider provider, double[][] g, double[][] a, int n, int p, int len,
                               double[][] at, double[][] gw) {
        LayerProducts.transpose(a, p, len, at);
        provider.weightGradient(g, at, n, p, len, gw);
    }
}
