package dev.sobolev.pricing.lsmc;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.bachelier.BachelierBasket;

/**
 * Markets for the LSMC recipes: the published 7-asset market of the Kichler recipe and the random markets
 * of Huge &amp; Savine ("Differential Machine Learning", arXiv 2005.02347, and their public notebook).
 */
public final class BasketMarkets {
    private BasketMarkets() {
    }

    /**
     * The 7-asset market of Kichler, Afghan &amp; Naumann ("Towards Sobolev Pruning", PASC'24), drawn by the
     * authors with NumPy seed 42 through the Huge–Savine generator; values as listed in REFERENCES.md §2.
     */
    static final double[] KICHLER_WEIGHTS = {0.03523608, 0.1942886, 0.20768846, 0.20812615, 0.0497394, 0.07701987,
        0.22790145};
    static final double[] KICHLER_VOLS = {1.05260847, 0.42256553, 0.57476578, 0.95103314, 0.54402614, 0.15129556,
        0.66726668};
    static final double[][] KICHLER_CORR = {
        {1., -0.40546809, -0.47076783, 0.11005226, 0.14389416, 0.51420213, 0.42370432},
        {-0.40546809, 1., 0.0184815, -0.10023294, -0.09547748, -0.04642767, 0.14553872},
        {-0.47076783, 0.0184815, 1., -0.26878084, 0.00815408, -0.34896792, -0.41113086},
        {0.11005226, -0.10023294, -0.26878084, 1., 0.03660357, 0.48016104, -0.35015074},
        {0.14389416, -0.09547748, 0.00815408, 0.03660357, 1., -0.06546545, 0.12895142},
        {0.51420213, -0.04642767, -0.34896792, 0.48016104, -0.06546545, 1., -0.07214193},
        {0.42370432, 0.14553872, -0.41113086, -0.35015074, 0.12895142, -0.07214193, 1.}};

    /**
     * The published Kichler market with all spots 1.
     *
     * @param strike   strike K
     * @param maturity time from the input date T₁ to expiry T₂
     */
    public static BachelierBasket kichler(double strike, double maturity) {
        double[] spots = new double[KICHLER_WEIGHTS.length];
        Arrays.fill(spots, 1.0);
        return new BachelierBasket(spots, KICHLER_WEIGHTS, KICHLER_VOLS, KICHLER_CORR, strike, maturity);
    }

    /**
     * A random market drawn as in the Huge–Savine notebook: correlation from RᵀR normalised to a unit
     * diagonal with R ~ U(−1, 1)^{2d×d}; weights U(1, 10) normalised to sum 1; vols U(5, 50) rescaled so the
     * basket vol √(wᵀΣw) equals {@code basketVol}; all spots 1. Draws in that order from {@code rng}.
     *
     * @param d         number of assets ≥ 1
     * @param rng       source of the uniforms
     * @param basketVol target basket normal vol &gt; 0
     * @param strike    strike K
     * @param maturity  time to expiry &gt; 0
     */
    public static BachelierBasket hugeSavine(int d, UniformRandomProvider rng, double basketVol, double strike,
                                             double maturity) {
        if (d < 1) {
            throw new InvalidParameterException("d", "must be >= 1, got " + d);
        }
        double[][] r = new double[2 * d][d];
        for (double[] row : r) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextDouble(-1.0, 1.0);
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (double[] row : r) {
                    s += row[i] * row[j];
                }
                cov[i][j] = s;
            }
        }
        double[][] corr = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                corr[i][j] = i == j ? 1.0 : cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
            }
        }
        double[] w = new double[d];
        double sum = 0;
        for (int i = 0; i < d; i++) {
            w[i] = rng.nextDouble(1.0, 10.0);
            sum += w[i];
        }
        for (int i = 0; i < d; i++) {
            w[i] /= sum;
        }
        double[] vols = new double[d];
        for (int i = 0; i < d; i++) {
            vols[i] = rng.nextDouble(5.0, 50.0);
        }
        double v = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                v += w[i] * vols[i] * corr[i][j] * w[j] * vols[j];
            }
        }
        double scale = basketVol / Math.sqrt(v);
        for (int i = 0; i < d; i++) {
            vols[i] *= scale;
        }
        double[] spots = new double[d];
        Arrays.fill(spots, 1.0);
        return new BachelierBasket(spots, w, vols, corr, strike, maturity);
    }
}
