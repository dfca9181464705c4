package dev.sobolev.surrogate.nn;

/**
 * Service interface of the layer products of training ({@link java.util.ServiceLoader}): a module on the class
 * path that lists an implementation in {@code META-INF/services/dev.sobolev.surrogate.nn.LayerProductsProvider}
 * takes over the products of {@link SobolevLoss} when {@link #available()} says the running JVM supports it (the
 * {@code sobolev-simd} module: when the JVM runs with {@code --add-modules jdk.incubator.vector}). The system
 * property {@value PointEvaluators#PROPERTY} = {@code off} keeps the scalar products.
 *
 * <p>Contract: each method gives the same bits as the scalar products of this package for every input (each
 * output element's sum in the same order, product and sum rounded separately), so that training gives the same
 * model file with and without a provider. Arrays are row arrays, one {@code double[]} per unit with the batch's
 * columns innermost; weights are a layer Wₗ (n×p) stored row-major in θ from an offset. Implementations name no
 * incubating type in their signatures, so loading them is safe on any JVM.
 */
public interface LayerProductsProvider {
    /** A short name for logs and benchmarks, e.g. {@code scalar} or {@code vector-512}. */
    String name();

    /** Whether the products of this provider can run in this JVM. */
    boolean available();

    /**
     * out[i][0..len) = Σⱼ W[i][j]·in[j][0..len).
     *
     * @param theta the net's parameters; W[i][j] = theta[w0 + i·p + j]
     * @param w0 offset of W[0][0]
     * @param n output units (rows of W)
     * @param p input units (columns of W), at least 1
     * @param in p rows of at least len
     * @param out n rows of at least len, overwritten
     * @param len batch columns
     */
    void multiply(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len);

    /**
     * out[j][0..len) = Σᵢ W[i][j]·in[i][0..len).
     *
     * @param theta the net's parameters; W[i][j] = theta[w0 + i·p + j]
     * @param w0 offset of W[0][0]
     * @param n rows of W (the rows of in), at least 1
     * @param p columns of W (the rows of out)
     * @param in n rows of at least len
     * @param out p rows of at least len, overwritten
     * @param len batch columns
     */
    void multiplyTransposed(double[] theta, int w0, int n, int p, double[][] in, double[][] out, int len);

    /**
     * gw[i][0..p) += Σ_c g[i][c]·at[c][0..p) over c &lt; len: the weight gradient from the transposed copy of the
     * layer's inputs, which the caller makes ({@link LayerProducts#transpose}).
     *
     * @param g n rows of at least len
     * @param at len rows of at least p: at[c][j] = a[j][c], not modified
     * @param n rows of g and gw
     * @param p the length used of each at and gw row
     * @param len batch columns
     * @param gw n rows of at least p, added to
     */
    void weightGradient(double[][] g, double[][] at, int n, int p, int len, double[][] gw);
}
