package dev.sobolev.pruning;

import java.util.Arrays;

import dev.sobolev.surrogate.nn.Mlp;

/**
 * Structured pruning of hidden units with bias folding (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", "Pruning"):
 * removing unit i of hidden layer l deletes row i of Wₗ and bₗ and column i of Wₗ₊₁, and adds the unit's
 * contribution at a representative activation āᵢ to the next layer's bias, bₗ₊₁ += Wₗ₊₁[:, i]·āᵢ. The
 * pruned network is exact wherever the removed units sit at their representative values.
 */
public final class UnitRemoval {
    private UnitRemoval() {
    }

    /**
     * The network without some units of one hidden layer.
     *
     * @param net            the network
     * @param layer          hidden layer l, 1 ≤ l ≤ L (weight layer l produces it)
     * @param units          indices of the units to remove (distinct, in range, not all of the layer)
     * @param representative the activation value folded into the next bias for each unit of the layer
     *                       (length nₗ; only the removed units' entries are used)
     * @return the smaller network (same activations)
     */
    public static Mlp remove(Mlp net, int layer, int[] units, double[] representative) {
        int hidden = net.layers() - 1;
        if (layer < 1 || layer > hidden) {
            throw new IllegalArgumentException("layer must be a hidden layer in [1, " + hidden + "], got " + layer);
        }
        int[] widths = net.widths();
        int n = widths[layer];
        if (representative.length != n) {
            throw new IllegalArgumentException("representative values: expected " + n + ", got " + representative.length);
        }
        boolean[] drop = new boolean[n];
        for (int u : units) {
            if (u < 0 || u >= n) {
                throw new IllegalArgumentException("unit " + u + " is not in layer " + layer + " of width " + n);
            }
            if (drop[u]) {
                throw new IllegalArgumentException("unit " + u + " of layer " + layer + " is listed twice");
            }
            if (!Double.isFinite(representative[u])) {
                throw new IllegalArgumentException("representative value of unit " + u + " must be finite, got "
                        + representative[u]);
            }
            drop[u] = true;
        }
        int kept = n - units.length;
        if (kept < 1) {
            throw new IllegalArgumentException("cannot remove all " + n + " units of layer " + layer);
        }
        int[] keep = new int[kept];
        for (int i = 0, k = 0; i < n; i++) {
            if (!drop[i]) {
                keep[k++] = i;
            }
        }
        int[] out = widths.clone();
        out[layer] = kept;
        Mlp.Builder shape = Mlp.builder(out, net.hiddenActivation(), net.outputActivation());
        for (int l = 1; l < widths.length; l++) {
            int[] rows = l == layer ? keep : identity(widths[l]);
            int[] cols = l == layer + 1 ? keep : identity(widths[l - 1]);
            for (int r = 0; r < rows.length; r++) {
                int i = rows[r];
                for (int c = 0; c < cols.length; c++) {
                    shape.weight(l, r, c, net.weight(l, i, cols[c]));
                }
                double bias = net.bias(l, i);
                if (l == layer + 1) {
                    for (int u : units) {
                        bias += net.weight(l, i, u) * representative[u];
                    }
                }
                shape.bias(l, r, bias);
            }
        }
        return shape.build();
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
