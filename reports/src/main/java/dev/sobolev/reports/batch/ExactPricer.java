package dev.sobolev.reports.batch;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pricing.lsmc.LabelKernel;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.reports.metrics.DatasetSummaries;
import dev.sobolev.surrogate.io.ModelFile;

/**
 * The closed-form price and deltas beside a surrogate, for models fitted to a data set of a Bachelier LSMC recipe
 * (Kichler or Huge–Savine market): the exact Bachelier call at τ = T₂ − T₁ on the basket Σwᵢxᵢ, computed by the
 * code that labels the recipe's exact test sets ({@link LabelKernel#exact}), so a test set's labels are
 * reproduced bit for bit. The recipe is rebuilt from the data set metadata the model's provenance records
 * ({@code provenance.data.meta}, {@link DatasetSummaries#bachelierRecipe}). Thread-safe; one three-double scratch
 * per thread.
 */
public final class ExactPricer {
    private final LabelKernel kernel;
    private final int inputs;
    private final ThreadLocal<double[]> factors = ThreadLocal.withInitial(() -> new double[3]);

    private ExactPricer(LsmcRecipe recipe) {
        this.kernel = new LabelKernel(recipe, new double[0][]);
        this.inputs = kernel.dimension();
    }

    /**
     * The exact pricer of a model, when its provenance names a data set whose metadata describes a Bachelier
     * recipe with the model's number of inputs (and, when the metadata lists input names, the model's names).
     *
     * @param model a loaded model file
     * @return the pricer, or empty when the model's data set has no closed form
     */
    public static Optional<ExactPricer> of(ModelFile.Loaded model) {
        return recipe(model).map(ExactPricer::new);
    }

    /**
     * The Bachelier LSMC recipe of the data set a model's provenance names, when its metadata describes one with
     * the model's inputs (number, and names when the metadata lists them) and the model has one output.
     */
    static Optional<LsmcRecipe> recipe(ModelFile.Loaded model) {
        JsonNode meta = model.provenance().path("data").path("meta");
        if (!meta.isObject() || model.model().outputs() != 1) {
            return Optional.empty();
        }
        JsonNode names = meta.path("inputNames");
        if (names.isArray()) {
            for (int j = 0; j < names.size(); j++) {
                if (j >= model.schema().inputNames().size()
                        || !names.get(j).asText().equals(model.schema().inputNames().get(j))) {
                    return Optional.empty();
                }
            }
        }
        return DatasetSummaries.bachelierRecipe(meta, model.model().inputs());
    }

    /** The number of inputs d. */
    public int inputs() {
        return inputs;
    }

    /**
     * The exact price at a point and its deltas; allocation-free.
     *
     * @param x      the inputs (asset prices at T₁, data units), d of them
     * @param deltas receives ∂price/∂xᵢ, d of them
     * @return the exact price (data units)
     * @throws InvalidParameterException {@code x} or {@code deltas} not of length d
     */
    public double price(double[] x, double[] deltas) {
        if (x.length != inputs) {
            throw new InvalidParameterException("x", "must have " + inputs + " entries, got " + x.length);
        }
        if (deltas.length != inputs) {
            throw new InvalidParameterException("deltas", "must have " + inputs + " entries, got " + deltas.length);
        }
        return kernel.exact(x, 0, deltas, 0, factors.get());
    }
}
