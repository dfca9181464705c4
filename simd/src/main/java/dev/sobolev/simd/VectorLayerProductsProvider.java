package dev.sobolev.simd;

import dev.sobolev.surrogate.nn.LayerProductsProvider;

/**
 * The SIMD layer products ({@link VectorLayerProducts}, the same bits as the scalar ones) as a
 * {@link LayerProductsProvider} service for training. Available when the JVM resolved the incubating module
 * {@code jdk.incubator.vector}; this class names no Vector API type, so loading it is safe on any JVM.
 */
public final class VectorLayerProductsProvider implements LayerProductsProvider {
    private static final String MODULE = "jdk.incubator.vector";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public VectorLayerProductsProvider() {
    }

    @Override
    public String name() {
        return available() ? "vector-" + VectorLayerProducts.laneBits() : "vector (unavailable)";
    }

    @Override
    public boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    @Override
    public void multiply(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len) {
        VectorLayerProducts.multiply(theta, w0, n, p, in, out, len);
    }

    @Override
    public void multiplyTransposed(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len) {
        VectorLayerProducts.multiplyTransposed(theta, w0, n, p, in, out, len);
    }

    @Override
    public void weightGradient(double[][] g, double[][] at, int n, int p, int len, double[][] gw) {
        VectorLayerProducts.weightGradient(g, at, n, p, len, gw);
    }
}
