package dev.sobolev.reports.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.pricing.lsmc.LabelKernel;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.reports.model.DatasetSummary;
import dev.sobolev.surrogate.eval.ErrorStats;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;

/**
 * The summary of a training set ({@link DatasetSummary}): sizes, input names and ranges (the training domain of
 * {@link ModelSchema#of}), what its metadata says it is, and how noisy its Monte Carlo labels are against the
 * exact price. The exact price is known when the metadata names an LSMC recipe on a Bachelier market
 * ({@code kichler} or {@code huge-savine}): the recipe is rebuilt from the metadata and the training inputs are
 * labelled by the code that labels the exact test set ({@link LabelKernel#fillExact}).
 */
public final class DatasetSummaries {
    private DatasetSummaries() {
    }

    /**
     * Summarises a training set.
     *
     * @param dir      its directory (shown as given)
     * @param training the training set (at least one row)
     * @param testRows rows of the test set it is evaluated on
     * @return the summary; noise figures NaN when the exact price is not known
     */
    public static DatasetSummary of(Path dir, Dataset training, long testRows) {
        ModelSchema schema = ModelSchema.of(training);
        JsonNode meta = training.meta().orElse(null);
        double[] noise = exactPrices(training).map(exact -> noise(training, exact))
                .orElse(new double[] {Double.NaN, Double.NaN});
        return new DatasetSummary(dir.toString(), description(meta), training.rows(), testRows, schema.inputNames(),
                schema.inputs().stream().map(InputSpec::lower).toList(),
                schema.inputs().stream().map(InputSpec::upper).toList(), noise[0], noise[1]);
    }

    /** "generator …, recipe …, payoff …" from the metadata, as far as it names them. */
    private static String description(JsonNode meta) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("generator", "recipe", "payoff")) {
            JsonNode v = meta == null ? null : meta.get(key);
            if (v != null && v.isValueNode()) {
                parts.add(key + " " + v.asText());
            }
        }
        return parts.isEmpty() ? "no description in meta.json" : String.join(", ", parts);
    }

    /**
     * The exact price at every training input, when the metadata names a Bachelier recipe
     * ({@link #bachelierRecipe}).
     */
    private static Optional<double[]> exactPrices(Dataset training) {
        JsonNode meta = training.meta().orElse(null);
        if (meta == null || training.outputs() != 1) {
            return Optional.empty();
        }
        int d = training.inputDim();
        return bachelierRecipe(meta, d).map(recipe -> {
            int n = training.rows();
            double[] y = new double[n];
            new LabelKernel(recipe, new double[0][]).fillExact(n, 0, training.xArray(), y, new double[n * d],
                    new double[n]);
            return y;
        });
    }

    /**
     * The LSMC recipe a data set's metadata describes, when it names a recipe on a Bachelier market
     * ({@code kichler} or {@code huge-savine}) of {@code inputs} assets and the market rebuilt from the recipe
     * (dimension, market seed, published flag) has the recorded weights and strike; the closed form of its test
     * labels ({@link LabelKernel#fillExact}) and its input law then apply.
     *
     * @param meta   a data set's {@code meta.json} (may be null)
     * @param inputs the number of inputs the data set (or a model fitted to it) has
     * @return the recipe, or empty when the metadata does not describe one that can be rebuilt exactly
     */
    public static Optional<LsmcRecipe> bachelierRecipe(JsonNode meta, int inputs) {
        if (meta == null) {
            return Optional.empty();
        }
        LsmcRecipe.Kind kind = Arrays.stream(LsmcRecipe.Kind.values())
                .filter(k -> k.label().equals(meta.path("recipe").asText())).findFirst().orElse(null);
        JsonNode market = meta.path("market");
        if (kind == null || !market.isObject() || market.path("dimension").asInt(-1) != inputs) {
            return Optional.empty();
        }
        boolean published = market.path("published").asBoolean(false);
        LsmcRecipe recipe;
        try {
            recipe = LsmcRecipe.of(kind, inputs, market.path("marketSeed").asLong(0), null, published);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return sameMarket(recipe, market) ? Optional.of(recipe) : Optional.empty();
    }

    private static boolean sameMarket(LsmcRecipe recipe, JsonNode market) {
        double[] w = recipe.option().weights();
        JsonNode recorded = market.path("weights");
        if (!recorded.isArray() || recorded.size() != w.length
                || recipe.option().strike() != market.path("strike").asDouble(Double.NaN)) {
            return false;
        }
        for (int j = 0; j < w.length; j++) {
            if (w[j] != recorded.get(j).asDouble(Double.NaN)) {
                return false;
            }
        }
        return true;
    }

    /** {standard deviation of (Y − exact) (n − 1 in the denominator), R² of Y against the exact prices}. */
    private static double[] noise(Dataset training, double[] exact) {
        int n = training.rows();
        ErrorStats fit = new ErrorStats();
        double mean = 0;
        for (int r = 0; r < n; r++) {
            fit.add(exact[r], training.y(r));
            mean += training.y(r) - exact[r];
        }
        mean /= n;
        double ss = 0;
        for (int r = 0; r < n; r++) {
            double e = training.y(r) - exact[r] - mean;
            ss += e * e;
        }
        return new double[] {n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)), fit.r2()};
    }
}
