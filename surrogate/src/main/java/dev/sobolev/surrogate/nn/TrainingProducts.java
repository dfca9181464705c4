package dev.sobolev.surrogate.nn;

import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The layer products that {@link SobolevLoss} runs: a {@link LayerProductsProvider} on the class path when it is
 * available and {@value PointEvaluators#PROPERTY} is not {@code off}, else the scalar {@link LayerProducts}.
 * Chosen once, when this class initialises; either choice gives the same bits (the provider's contract), so the
 * choice changes the speed of training and not its result.
 */
final class TrainingProducts {
    private static final LayerProductsProvider PROVIDER = choose(System.getProperty(PointEvaluators.PROPERTY,
            "auto"));

    private TrainingProducts() {
    }

    /** The name of the products in use: {@code scalar} or the provider's name. */
    static String name() {
        return PROVIDER == null ? "scalar" : PROVIDER.name();
    }

    private static LayerProductsProvider choose(String mode) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> {
                return null;
            }
            case "auto" -> {
                for (LayerProductsProvider p : ServiceLoader.load(LayerProductsProvider.class)) {
                    if (p.available()) {
                        return p;
                    }
                }
                return null;
            }
            default -> throw new IllegalArgumentException("evaluator mode (system property "
                    + PointEvaluators.PROPERTY + ") must be auto or off, got " + mode);
        }
    }

    /** {@link LayerProducts#multiply}. */
    static void multiply(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        if (PROVIDER == null) {
            LayerProducts.multiply(mlp, theta, l, in, out, len);
        } else {
            PROVIDER.multiply(theta, mlp.weightOffset(l), mlp.width(l), mlp.width(l - 1), in, out, len);
        }
    }

    /** {@link LayerProducts#multiplyTransposed}. */
    static void multiplyTransposed(Mlp mlp, double[] theta, int l, double[][] in, double[][] out, int len) {
        if (PROVIDER == null) {
            LayerProducts.multiplyTransposed(mlp, theta, l, in, out, len);
        } else {
            PROVIDER.multiplyTransposed(theta, mlp.weightOffset(l), mlp.width(l), mlp.width(l - 1), in, out, len);
        }
    }

    /** {@link LayerProducts#weightGradient}. */
    static void weightGradient(double[][] g, double[][] a, int n, int p, int len, double[][] at, double[][] gw) {
        if (PROVIDER == null) {
            LayerProducts.weightGradient(g, a, n, p, len, at, gw);
        } else {
            LayerProducts.transpose(a, p, len, at);
            PROVIDER.weightGradient(g, at, n, p, len, gw);
        }
    }
}
