package dev.sobolev.reports.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.train.Initializer;
import dev.sobolev.surrogate.train.OptimizerKind;
import dev.sobolev.surrogate.train.ScheduleKind;
import dev.sobolev.surrogate.train.TrainingConfig;

/**
 * Every size, epoch count, learning rate and seed of a pipeline run. {@link #full} is the protocol of
 * {@code experiments/pruning.sh} (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", on the Kichler recipe
 * of REFERENCES.md §2), whose interval rows of experiments/README.md it reproduces digit for digit with seed 42;
 * {@link #quick} runs the same stages at reduced sizes. Both trainings use the Sobolev loss
 * α·MSE(v) + (1 − α)·MSE(∇) without λ weights, Adam and a cosine schedule down to {@link #MIN_LEARNING_RATE}.
 *
 * @param seed               run seed: Monte Carlo, training set, training, pruning and fine-tuning
 * @param pricePaths         Monte Carlo paths of the golden-basket check
 * @param dimension          assets d of the Kichler recipe (7: the published market)
 * @param rows               training rows (pathwise LSMC labels)
 * @param testRows           rows of the exact test set
 * @param exactSeed          seed of the data set whose exact test part is the fine-tuning data ("Bachelier")
 * @param exactRows          rows of those exact labels
 * @param width              hidden width of the oversized network
 * @param depth              hidden layers
 * @param activation         hidden activation
 * @param normalisation      input and output scaling
 * @param batch              mini-batch of the oversized training
 * @param alpha              value weight α of the Sobolev loss (both trainings)
 * @param learningRate       peak rate of the oversized training
 * @param epochs             epochs of the oversized training
 * @param saliency           ranking of units
 * @param targetWidth        hidden width after pruning
 * @param stepFraction       share of each layer's surplus removed per step
 * @param retrainEpochs      epochs of Sobolev retraining after each step
 * @param tuningLearningRate peak rate of retraining and fine-tuning
 * @param tuningBatch        their mini-batch
 * @param fineTuneEpochs     epochs of each fine-tuning
 * @param boundSplits        sub-boxes per input of the certified bound
 * @param boundSamples       points of its sampled check
 * @param garchHorizon       GARCH forecast horizon (days)
 * @param parityPoints       most test rows plotted per parity plot
 */
public record Protocol(long seed, long pricePaths, int dimension, long rows, long testRows, long exactSeed,
                       long exactRows, int width, int depth, Activation activation, Normalisation.Kind normalisation,
                       int batch, double alpha, double learningRate, int epochs, Saliency saliency, int targetWidth,
                       double stepFraction, int retrainEpochs, double tuningLearningRate, int tuningBatch,
                       int fineTuneEpochs, int boundSplits, int boundSamples, int garchHorizon, int parityPoints) {
    /** Final rate of both cosine schedules (the {@code --min-lr} default). */
    public static final double MIN_LEARNING_RATE = 1e-6;
    /** The seed of experiments/pruning.sh's exact fine-tuning labels. */
    public static final long EXACT_SEED = 7;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Checks the sizes.
     *
     * @throws InvalidParameterException naming the first component out of range
     */
    public Protocol {
        positive("pricePaths", pricePaths);
        positive("rows", rows);
        positive("testRows", testRows);
        positive("exactRows", exactRows);
        positive("dimension", dimension);
        positive("width", width);
        positive("depth", depth);
        positive("targetWidth", targetWidth);
        if (targetWidth > width) {
            throw new InvalidParameterException("targetWidth", "must be <= width " + width + ", got " + targetWidth);
        }
        positive("epochs", epochs);
        positive("fineTuneEpochs", fineTuneEpochs);
        positive("garchHorizon", garchHorizon);
        positive("parityPoints", parityPoints);
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new InvalidParameterException(name, "must be >= 1, got " + v);
        }
    }

    /**
     * The published protocol (experiments/pruning.sh): 2·10⁶ price-check paths; 8192 training rows, 4096 exact
     * test rows; 8192 exact fine-tuning rows from seed 7; 128×6 SiLU, global normalisation, batch 512, α 0.125, Adam
     * from 3·10⁻⁴, 100 epochs; interval significance to 8 per layer, half the surplus a step, 40 epochs of
     * retraining; 300 epochs of fine-tuning; retraining and fine-tuning from 0.003 at batch 256.
     *
     * @param seed the run seed (42 gives the published figures)
     * @return the protocol
     */
    public static Protocol full(long seed) {
        return new Protocol(seed, 2_000_000, 7, 8192, 4096, EXACT_SEED, 8192, 128, 6, Activation.SILU,
                Normalisation.Kind.GLOBAL, 512, 0.125, 3e-4, 100, Saliency.INTERVAL, 8, 0.5, 40, 0.003, 256, 300, 2,
                10_000, 10, 2000);
    }

    /**
     * The same stages at reduced sizes, for a run of about 10 s on two cores (JVM start included): 200,000
     * price-check paths, 4096 training and 1024 test rows, 2048 exact rows, a 64×6 network trained 20 epochs from
     * 3·10⁻³, 4 epochs of retraining per step and 40 of fine-tuning, 1000 sampled points of the bound.
     *
     * @param seed the run seed
     * @return the protocol
     */
    public static Protocol quick(long seed) {
        return new Protocol(seed, 200_000, 7, 4096, 1024, EXACT_SEED, 2048, 64, 6, Activation.SILU,
                Normalisation.Kind.GLOBAL, 512, 0.125, 3e-3, 20, Saliency.INTERVAL, 8, 0.5, 4, 0.003, 256, 40, 2,
                1000, 10, 1000);
    }

    /** The hidden widths of the oversized network ({@link #depth} times {@link #width}). */
    public int[] hidden() {
        int[] h = new int[depth];
        Arrays.fill(h, width);
        return h;
    }

    /**
     * The oversized network's training run ({@code train --hidden WxD --activation … --normalisation … --batch …
     * --loss sobolev --alpha … --no-lambda --optimizer adam --lr … --schedule cosine --epochs …}).
     *
     * @param threads worker threads (the result does not depend on them)
     * @return the configuration
     */
    public TrainingConfig training(int threads) {
        return TrainingConfig.builder().hidden(hidden()).activation(activation).outputActivation(Activation.IDENTITY)
                .normalisation(normalisation).initializer(Initializer.GLOROT)
                .alpha(alpha).derivativeScaling(false).optimizer(OptimizerKind.ADAM.create(0.01))
                .schedule(ScheduleKind.COSINE.create(learningRate, MIN_LEARNING_RATE, epochs)).epochs(epochs)
                .batchSize(batch).seed(seed).threads(threads).build();
    }

    /**
     * The run of retraining and fine-tuning ({@code prune … --loss sobolev --alpha … --no-lambda --optimizer adam
     * --lr … --schedule cosine --epochs FT --batch …}); retraining runs it for {@link #retrainEpochs}.
     *
     * @param threads worker threads
     * @return the configuration
     */
    public TrainingConfig tuning(int threads) {
        return TrainingConfig.builder().alpha(alpha).derivativeScaling(false).optimizer(OptimizerKind.ADAM.create(0.01))
                .schedule(ScheduleKind.COSINE.create(tuningLearningRate, MIN_LEARNING_RATE, fineTuneEpochs))
                .epochs(fineTuneEpochs).batchSize(tuningBatch).seed(seed).threads(threads).build();
    }

    /** Every component by name, as {@code pipeline.json} and the manifests record them. */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.valueToTree(this);
        o.put("activation", activation.label());
        o.put("normalisation", normalisation.name().toLowerCase(Locale.ROOT));
        o.put("saliency", saliency.label());
        return o;
    }

    /**
     * The named components only (what one stage depends on).
     *
     * @param names component names
     * @return their {@link #toJson()} entries, in the given order
     */
    public ObjectNode settings(String... names) {
        ObjectNode all = toJson();
        ObjectNode o = MAPPER.createObjectNode();
        for (String n : names) {
            if (!all.has(n)) {
                throw new IllegalArgumentException("no protocol component " + n);
            }
            o.set(n, all.get(n));
        }
        return o;
    }

    /** Every component as a report fact, in declaration order. */
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = toJson().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            facts.add(new Fact(e.getKey(), e.getValue().asText()));
        }
        return facts;
    }
}
