package dev.sobolev.surrogate.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;

/**
 * Prices points with a trained surrogate: value and deltas, optionally the gamma 1ᵀH1 or a Hessian–vector product
 * H·v along a caller's direction, for one point or a book of points, in the data units of the model file (the
 * numbers {@code sobolev eval} scores). Load a model once with {@link #load}, then call from any number of threads.
 *
 * <p><b>Thread safety and allocation.</b> A pricer is immutable and thread-safe. Results go to caller-owned holders
 * ({@link Quote}, one per thread) and arrays; after a thread's first call nothing is allocated, whatever the number
 * of calls (a thread's first {@link DomainPolicy#CLAMP} book, and any larger one after it, allocates its scratch).
 * That holds for the scalar evaluator in a test; under the SIMD evaluator of {@code sobolev-simd} it depends on the
 * JIT eliding the Vector API's boxes, which the JMH benchmarks measure.
 * The deltas come from one reverse sweep of the network and H·v from one forward-over-reverse sweep
 * ({@link dev.sobolev.surrogate.nn.Mlp#hessianVector}); the same point gives the same bits in every thread.
 *
 * <p><b>Checks.</b> Every input must be finite and a point must have the model's number of inputs; otherwise an
 * {@link InvalidParameterException} names the input by index and name: {@code x[3] (S4) must be finite, got NaN},
 * {@code x has length 5, the model takes 7 inputs (S1..S7)}. A point outside the training domain (per input the
 * box of its training values, from the model file's schema) is handled by the pricer's {@link DomainPolicy}:
 * flagged, clamped to the box, or rejected.
 */
public final class Pricer {
    private final Surrogate model;
    private final ModelSchema schema;
    private final DomainPolicy policy;
    private final int output;
    private final int d;
    /** The inputs' specs, for their boxes. */
    private final InputSpec[] specs;
    /** The training box per input, as flat arrays for the per-call check (−∞/+∞ where unknown). */
    private final double[] lower;
    private final double[] upper;
    /** "x[j] (name)" labels are built only on failure; the names and "(S1..S7)" once here. */
    private final String[] names;
    private final String inputList;
    /** A thread's clamped copy of a book, grown to the largest book it has clamped. */
    private final ThreadLocal<double[][]> clampScratch = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private Pricer(Surrogate model, ModelSchema schema, DomainPolicy policy, int output) {
        this.model = Objects.requireNonNull(model, "model");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (schema.inputs().size() != model.inputs() || schema.outputs().size() != model.outputs()) {
            throw new IllegalArgumentException("the schema has " + schema.inputs().size() + " inputs and "
                    + schema.outputs().size() + " outputs, the model " + model.inputs() + " and " + model.outputs());
        }
        if (output < 0 || output >= model.outputs()) {
            throw new InvalidParameterException("output", "must be in 0.." + (model.outputs() - 1) + ", got " + output);
        }
        this.output = output;
        d = model.inputs();
        specs = schema.inputs().toArray(new InputSpec[0]);
        lower = new double[d];
        upper = new double[d];
        names = new String[d];
        for (int j = 0; j < d; j++) {
            lower[j] = specs[j].lower();
            upper[j] = specs[j].upper();
            names[j] = specs[j].name();
        }
        List<String> n = schema.inputNames();
        inputList = d <= 4 ? "(" + String.join(", ", n) + ")" : "(" + n.get(0) + ".." + n.get(d - 1) + ")";
    }

    /**
     * Loads a model file (version 1 or 2) once; price from it for as long as needed.
     *
     * @param file   the model file
     * @param policy what to do with points outside the training domain
     * @return a pricer of the file's first output
     * @throws IllegalArgumentException if the file does not exist, is not a model file of a readable version, or is
     *                                  inconsistent (the message names the file)
     * @throws NullPointerException     if an argument is null
     */
    public static Pricer load(Path file, DomainPolicy policy) {
        return of(ModelFile.read(Objects.requireNonNull(file, "file")), policy);
    }

    /**
     * A pricer of a loaded model file.
     *
     * @param loaded the model and its schema
     * @param policy what to do with points outside the training domain
     * @return a pricer of the model's first output
     * @throws NullPointerException if an argument is null
     */
    public static Pricer of(ModelFile.Loaded loaded, DomainPolicy policy) {
        return of(loaded.model(), loaded.schema(), policy);
    }

    /**
     * A pricer of a model in memory (e.g. one just trained) with its schema.
     *
     * @param model  the surrogate
     * @param schema its inputs (names, training domain) and outputs
     * @param policy what to do with points outside the training domain
     * @return a pricer of the model's first output
     * @throws IllegalArgumentException if the schema does not have the model's numbers of inputs and outputs
     * @throws NullPointerException     if an argument is null
     */
    public static Pricer of(Surrogate model, ModelSchema schema, DomainPolicy policy) {
        return new Pricer(model, schema, policy, 0);
    }

    /**
     * The same model under another domain policy.
     *
     * @param other the policy
     * @return a pricer sharing this one's model
     * @throws NullPointerException if the policy is null
     */
    public Pricer withPolicy(DomainPolicy other) {
        return new Pricer(model, schema, other, output);
    }

    /**
     * The same model pricing another of its outputs (a multi-output model, e.g. variance forecasts h1..hH).
     *
     * @param k the output index, 0 ≤ k &lt; m
     * @return a pricer sharing this one's model
     * @throws InvalidParameterException ({@code output}) if k is out of range
     */
    public Pricer withOutput(int k) {
        return new Pricer(model, schema, policy, k);
    }

    /**
     * The model's inputs and outputs.
     *
     * @return the schema (names, units, training domain)
     */
    public ModelSchema schema() {
        return schema;
    }

    /**
     * The domain policy.
     *
     * @return what this pricer does with points outside the training domain
     */
    public DomainPolicy policy() {
        return policy;
    }

    /**
     * The output priced.
     *
     * @return its index k
     */
    public int output() {
        return output;
    }

    /**
     * The number of inputs of a point.
     *
     * @return d
     */
    public int inputs() {
        return d;
    }

    /**
     * A result holder for this pricer's points; keep one per thread and reuse it.
     *
     * @return a new quote of d inputs
     */
    public Quote newQuote() {
        return new Quote(d);
    }

    /**
     * Value and deltas at x.
     *
     * @param x     the point (length d, finite), not modified
     * @param quote receives the value, the deltas and the domain report; gamma and H·v become NaN
     * @return the value, as {@link Quote#value()}
     * @throws InvalidParameterException if x has the wrong length or a non-finite entry, the quote was made for
     *                                   another number of inputs, or x is outside the domain under
     *                                   {@link DomainPolicy#REJECT}
     */
    public double price(double[] x, Quote quote) {
        place(x, quote);
        quote.value = model.valueAndGradient(quote.point, output, quote.deltas);
        quote.clearSecondOrder();
        return quote.value;
    }

    /**
     * Value, deltas and the gamma 1ᵀH1 at x (H·1 as the quote's Hessian–vector product), at the cost of about
     * three evaluations.
     *
     * @param x     the point (length d, finite), not modified
     * @param quote receives the value, deltas, gamma, H·1 and the domain report
     * @return the value, as {@link Quote#value()}
     * @throws InvalidParameterException as {@link #price}
     */
    public double priceWithGamma(double[] x, Quote quote) {
        price(x, quote);
        quote.gamma = model.gamma(quote.point, output, quote.hv);
        quote.secondOrder = true;
        return quote.value;
    }

    /**
     * Value, deltas and the Hessian–vector product H·v at x: the change of the deltas along the direction v
     * (one forward-over-reverse sweep).
     *
     * @param x     the point (length d, finite), not modified
     * @param v     the direction in input units (length d, finite), not modified
     * @param quote receives the value, deltas, H·v and the domain report; gamma becomes NaN
     * @return the value, as {@link Quote#value()}
     * @throws InvalidParameterException as {@link #price}, or if v has the wrong length or a non-finite entry
     */
    public double priceAlong(double[] x, double[] v, Quote quote) {
        checkPoint("v", v);
        price(x, quote);
        model.hessianVector(quote.point, v, output, quote.hv);
        quote.secondOrder = true;
        return quote.value;
    }

    /**
     * Values and deltas of a book of points in one call (per point the same bits as {@link #price}).
     *
     * @param xs      the points row by row (n × d, finite), not modified
     * @param values  receives y(xₚ) at [p] (length ≥ n)
     * @param deltas  receives ∂y/∂xⱼ at xₚ at [p·d + j] (length ≥ n·d), or null for the values alone
     * @param outside receives at [p] whether row p lay outside the training domain (length ≥ n), or null
     * @return the number of rows outside the domain (0 under {@link DomainPolicy#REJECT})
     * @throws InvalidParameterException if xs is not a whole number of points or has a non-finite entry (named by
     *                                   row and input), an output array is too short, or, under
     *                                   {@link DomainPolicy#REJECT}, a row lies outside the domain (then no row is
     *                                   priced)
     */
    public int priceBook(double[] xs, double[] values, double[] deltas, boolean[] outside) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(values, "values");
        if (xs.length % d != 0) {
            throw new InvalidParameterException("xs", "has length " + xs.length + ", not a whole number of points of "
                    + d + " inputs " + inputList);
        }
        int n = xs.length / d;
        if (values.length < n) {
            throw new InvalidParameterException("values", "has length " + values.length + ", the book has " + n
                    + " points");
        }
        if (deltas != null && deltas.length < xs.length) {
            throw new InvalidParameterException("deltas", "has length " + deltas.length + ", the book needs "
                    + xs.length + " (" + n + " points of " + d + " inputs)");
        }
        if (outside != null && outside.length < n) {
            throw new InvalidParameterException("outside", "has length " + outside.length + ", the book has " + n
                    + " points");
        }
        int rowsOutside = 0;
        for (int p = 0; p < n; p++) {
            boolean out = false;
            for (int j = 0; j < d; j++) {
                int i = p * d + j;
                double v = xs[i];
                if (!Double.isFinite(v)) {
                    throw new InvalidParameterException(bookLabel(i), "must be finite, got " + v);
                }
                if (!specs[j].contains(v)) {
                    if (policy == DomainPolicy.REJECT) {
                        throw outsideDomain(bookLabel(i), j, v);
                    }
                    out = true;
                }
            }
            if (outside != null) {
                outside[p] = out;
            }
            rowsOutside += out ? 1 : 0;
        }
        double[] src = xs;
        if (policy == DomainPolicy.CLAMP && rowsOutside > 0) {
            double[][] scratch = clampScratch.get();
            if (scratch[0].length < xs.length) {
                scratch[0] = new double[xs.length];
            }
            src = scratch[0];
            for (int i = 0; i < xs.length; i++) {
                InputSpec in = specs[i % d];
                src[i] = in.contains(xs[i]) ? xs[i] : in.clamp(xs[i]);
            }
        }
        model.valuesAndGradients(src, n, output, values, deltas);
        return rowsOutside;
    }

    /**
     * Checks x, applies the policy and puts the point to price into the quote. One pass: a finite entry inside its
     * box takes one branch; the rest (non-finite, outside) is sorted out on the slow path.
     */
    private void place(double[] x, Quote quote) {
        checkLength("x", x);
        Objects.requireNonNull(quote, "quote");
        if (quote.inputs() != d) {
            throw new InvalidParameterException("quote", "holds " + quote.inputs() + " inputs, the model takes " + d
                    + " inputs " + inputList);
        }
        int count = 0;
        for (int j = 0; j < d; j++) {
            double v = x[j];
            boolean out = false;
            // v - v is 0 for every finite v and NaN for ±∞ and NaN
            if (!(v >= lower[j] && v <= upper[j] && v - v == 0)) {
                if (!Double.isFinite(v)) {
                    throw new InvalidParameterException(label("x", j), "must be finite, got " + v);
                }
                if (policy == DomainPolicy.REJECT) {
                    throw outsideDomain(label("x", j), j, v);
                }
                out = true;
                count++;
                if (policy == DomainPolicy.CLAMP) {
                    v = Math.min(upper[j], Math.max(lower[j], v));
                }
            }
            quote.outside[j] = out;
            quote.point[j] = v;
        }
        quote.outsideCount = count;
    }

    /** A point or direction of length d. */
    private void checkLength(String name, double[] x) {
        Objects.requireNonNull(x, name);
        if (x.length != d) {
            throw new InvalidParameterException(name, "has length " + x.length + ", the model takes " + d + " inputs "
                    + inputList);
        }
    }

    /** A point or direction of d finite entries. */
    private void checkPoint(String name, double[] x) {
        checkLength(name, x);
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(x[j])) {
                throw new InvalidParameterException(label(name, j), "must be finite, got " + x[j]);
            }
        }
    }

    private InvalidParameterException outsideDomain(String label, int j, double v) {
        return new InvalidParameterException(label, "must lie in the training domain " + specs[j].box()
                + ", got " + v);
    }

    private String label(String name, int j) {
        return name + "[" + j + "] (" + names[j] + ")";
    }

    private String bookLabel(int i) {
        return "xs[" + i + "] (row " + i / d + ", " + names[i % d] + ")";
    }
}
