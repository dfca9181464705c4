package dev.sobolev.surrogate.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.Dataset;

/**
 * What a model takes and gives, in the units of its data: named inputs with their training box and moments, named
 * outputs. Stored in version-2 model files; a pricer checks points against it.
 *
 * @param inputs  the d inputs in the model's order (at least one, names distinct)
 * @param outputs the m outputs in the model's order (at least one, names distinct)
 */
public record ModelSchema(List<InputSpec> inputs, List<OutputSpec> outputs) {
    /**
     * Validates and copies the lists.
     *
     * @param inputs  the inputs in order
     * @param outputs the outputs in order
     * @throws IllegalArgumentException if a list is empty or repeats a name
     */
    public ModelSchema {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a model schema needs at least one input and one output, got "
                    + inputs.size() + " and " + outputs.size());
        }
        distinct("input", inputs.stream().map(InputSpec::name).toList());
        distinct("output", outputs.stream().map(OutputSpec::name).toList());
    }

    private static void distinct(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + " name '" + n + "' appears twice");
            }
        }
    }

    /**
     * The schema of a model trained on a data set: names and units from its {@code meta.json} ({@link Columns#of}),
     * per input the box [min, max] of its X column and the column's mean and population standard deviation.
     *
     * @param ds the training data (at least one row)
     * @return the schema
     * @throws IllegalArgumentException if the data set has no rows or its meta.json names do not fit it
     */
    public static ModelSchema of(Dataset ds) {
        int n = ds.rows();
        int d = ds.inputDim();
        if (n < 1) {
            throw new IllegalArgumentException("a model schema needs a data set with at least one row, got 0");
        }
        Columns c = Columns.of(ds);
        List<InputSpec> in = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int r = 0; r < n; r++) {
                double x = ds.x(r, j);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                sum += x;
            }
            double mean = sum / n;
            double ss = 0;
            for (int r = 0; r < n; r++) {
                double e = ds.x(r, j) - mean;
                ss += e * e;
            }
            in.add(new InputSpec(c.inputNames().get(j), c.inputUnits().get(j), lo, hi, mean, Math.sqrt(ss / n)));
        }
        return new ModelSchema(in, outputs(c));
    }

    /**
     * The schema of a model whose data are unknown (a version-1 model file): inputs {@code x1..xd} and outputs
     * {@code y} or {@code y1..ym} without units ({@link Columns#defaults}), every box (−∞, +∞).
     *
     * @param d number of inputs (≥ 1)
     * @param m number of outputs (≥ 1)
     * @return the schema
     */
    public static ModelSchema unknown(int d, int m) {
        Columns c = Columns.defaults(d, m);
        List<InputSpec> in = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            in.add(InputSpec.unknown(c.inputNames().get(j), c.inputUnits().get(j)));
        }
        return new ModelSchema(in, outputs(c));
    }

    private static List<OutputSpec> outputs(Columns c) {
        List<OutputSpec> out = new ArrayList<>();
        for (int k = 0; k < c.outputNames().size(); k++) {
            out.add(new OutputSpec(c.outputNames().get(k), c.outputUnits().get(k)));
        }
        return out;
    }

    /**
     * Input j.
     *
     * @param j index, 0 ≤ j &lt; d
     * @return its spec
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public InputSpec input(int j) {
        return inputs.get(j);
    }

    /**
     * Output k.
     *
     * @param k index, 0 ≤ k &lt; m
     * @return its spec
     * @throws IndexOutOfBoundsException if k is out of range
     */
    public OutputSpec output(int k) {
        return outputs.get(k);
    }

    /**
     * The input names in order.
     *
     * @return an unmodifiable list of d names
     */
    public List<String> inputNames() {
        return inputs.stream().map(InputSpec::name).toList();
    }
}
