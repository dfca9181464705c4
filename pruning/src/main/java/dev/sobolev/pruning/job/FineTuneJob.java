package dev.sobolev.pruning.job;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.core.provenance.Provenance;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingHistory;

/**
 * Fine-tunes a pruned surrogate (Kichler, Afghan &amp; Naumann, "Towards Sobolev Pruning", "After Sobolev
 * fine-tuning"): from the pruned weights, keeping the normalisation, on the original network's values and input
 * gradients at the data's inputs ({@link FineTuning#NN}) or on a data set's own labels ({@link FineTuning#DATA}).
 * {@link PruneJob} fine-tunes through {@link #tune}, so a pruned model file fine-tuned here gets the bits that
 * {@code prune --finetune} gives. The result's provenance names the pruned model as its parent.
 */
public final class FineTuneJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FineTuneJob() {
    }

    /**
     * What to fine-tune and how.
     *
     * @param model    the pruned surrogate
     * @param schema   its inputs' and outputs' names, units and training domain (carried to the result)
     * @param parent   the pruned model's file and stored provenance (the parent of the result)
     * @param original the network it was pruned from (the teacher of {@link FineTuning#NN})
     * @param strategy {@link FineTuning#NN} or {@link FineTuning#DATA}
     * @param data     the inputs (NN) or the labelled data (DATA)
     * @param dataRef  where the data came from
     * @param tuning   the training run (its architecture is the pruned network's; its seed and threads are used)
     * @param loss     the loss
     */
    public record Request(Surrogate model, ModelSchema schema, Provenance.Parent parent, Surrogate original,
                          FineTuning strategy, Dataset data, DatasetRef dataRef, TrainingConfig tuning, Loss loss) {
        /**
         * Checks the parts against each other.
         *
         * @throws InvalidParameterException naming {@code strategy} for {@link FineTuning#NONE}, {@code original}
         *                                   or {@code data} when their inputs differ from the model's, {@code loss}
         *                                   when the Sobolev loss meets data without derivative labels
         */
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(dataRef, "dataRef");
            Objects.requireNonNull(tuning, "tuning");
            Objects.requireNonNull(loss, "loss");
            if (strategy == FineTuning.NONE) {
                throw new InvalidParameterException("strategy", "must be nn or data, got none");
            }
            if (original.inputs() != model.inputs()) {
                throw new InvalidParameterException("original", "takes " + original.inputs() + " inputs, the model "
                        + model.inputs());
            }
            if (data.inputDim() != model.inputs()) {
                throw new InvalidParameterException("data", "has " + data.inputDim() + " inputs, the model takes "
                        + model.inputs());
            }
            if (strategy == FineTuning.DATA && loss.sobolev() && !data.hasGradients()) {
                throw new InvalidParameterException("loss", "sobolev needs dYdX in " + dataRef.path() + "; use value");
            }
        }

        /**
         * A request for a pruned model file and its original's file.
         *
         * @param pruned   the pruned model file, read with its provenance (the parent of the result)
         * @param original the original model file
         * @param strategy NN or DATA
         * @param data     the data
         * @param dataRef  where it came from
         * @param tuning   the training run
         * @param loss     the loss
         * @return the request
         */
        public static Request of(Path pruned, Path original, FineTuning strategy, Dataset data, DatasetRef dataRef,
                                 TrainingConfig tuning, Loss loss) {
            ModelFile.Loaded p = ModelFile.read(pruned);
            Provenance.Parent parent = new Provenance.Parent(pruned.toAbsolutePath().toString(),
                    p.model().network().parameterCount(), p.provenance());
            return new Request(p.model(), p.schema(), parent, ModelFile.read(original).model(), strategy, data, dataRef,
                    tuning, loss);
        }
    }

    /**
     * The fine-tuning configuration as the provenance records it (section {@code fineTuning}):
     * {@code finetune} and {@code training} ({@link TrainJob.Configuration#optimisationJson()}).
     *
     * @param strategy the strategy
     * @param tuning   the resolved run and its loss
     */
    public record Configuration(FineTuning strategy, TrainJob.Configuration tuning) implements Provenance.Section {
        @Override
        public String name() {
            return Provenance.Job.FINETUNE.section();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("finetune", strategy.label());
            o.set("training", tuning.optimisationJson());
            return o;
        }
    }

    /**
     * A fine-tuned surrogate.
     *
     * @param model      the fine-tuned surrogate
     * @param schema     the pruned model's schema, which it keeps
     * @param history    the training history (its losses are in the provenance too, its timings are not)
     * @param seconds    wall time
     * @param provenance data, configuration, seed, losses and the pruned parent, for the model file
     */
    public record Result(Surrogate model, ModelSchema schema, TrainingHistory history, double seconds,
                         Provenance provenance) {
    }

    /**
     * Fine-tunes.
     *
     * @param request  what and how
     * @param progress receives each finished epoch (may be null)
     * @return the model, its history and provenance
     * @throws dev.sobolev.surrogate.train.TrainingDivergedException if training diverges and the run does not keep
     *                                                               its best weights
     */
    public static Result run(Request request, Consumer<TrainingHistory.Epoch> progress) {
        TrainingConfig tuning = resolve(request.tuning(), request.loss(), request.model().inputs());
        long t0 = System.nanoTime();
        FineTuning.Result r = tune(request.model(), request.original(), request.strategy(), request.data(), tuning,
                request.loss(), progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Provenance provenance = Provenance.of(Provenance.Job.FINETUNE, tuning.seed(), request.dataRef(),
                new Configuration(request.strategy(), new TrainJob.Configuration(tuning, request.loss())),
                new TrainJob.Outcome(r.history()), request.parent());
        return new Result(r.model(), request.schema(), r.history(), seconds, provenance);
    }

    /** The run for d inputs: α concrete for the Sobolev loss, values only otherwise. */
    static TrainingConfig resolve(TrainingConfig asked, Loss loss, int inputs) {
        return loss.sobolev() ? asked.forInputs(inputs) : asked.valuesOnly();
    }

    /**
     * The one fine-tuning code path of {@link #run} and {@link PruneJob}: the labels of the strategy, then
     * {@link FineTuning#apply}.
     *
     * @param pruned   the start
     * @param original the teacher of NN
     * @param strategy the strategy ({@link FineTuning#NONE} returns the start)
     * @param data     inputs (NN) or labels (DATA)
     * @param tuning   the resolved run ({@link #resolve})
     * @param loss     the loss (DATA trains on derivative labels with the Sobolev loss)
     * @param progress receives each finished epoch (may be null)
     */
    static FineTuning.Result tune(Surrogate pruned, Surrogate original, FineTuning strategy, Dataset data,
                                  TrainingConfig tuning, Loss loss, Consumer<TrainingHistory.Epoch> progress) {
        TrainingData labels = strategy == FineTuning.NONE ? null
                : TrainingData.of(data, strategy == FineTuning.DATA && loss.sobolev(), false);
        return strategy.apply(pruned, original, labels, tuning, progress);
    }
}
