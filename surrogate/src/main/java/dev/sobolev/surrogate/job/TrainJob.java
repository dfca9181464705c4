package dev.sobolev.surrogate.job;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.io.OutputGuard;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.core.provenance.Provenance;
import dev.sobolev.surrogate.nn.Precision;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;
import dev.sobolev.surrogate.train.TrainingDivergedException;
import dev.sobolev.surrogate.train.TrainingHistory;

/**
 * Trains a surrogate on a data set: checks the request against the data, resolves the configuration (the default
 * α becomes 1/(1 + d); the value loss trains values only), runs the {@link Trainer} and records the provenance
 * (data set, configuration, seed, training outcome) that the model file stores.
 */
public final class TrainJob {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrainJob() {
    }

    /**
     * What to train.
     *
     * @param dataset the data set (inputs, labels and, for the Sobolev loss, derivative labels)
     * @param source  where the data set came from, for the provenance
     * @param config  the run; its {@code secondOrderWeight} &gt; 0 also trains on the Hessian–vector labels
     * @param loss    Sobolev (values and derivatives) or values only
     */
    public record Request(Dataset dataset, DatasetRef source, TrainingConfig config, Loss loss) {
        /** Checks that every part is given. */
        public Request {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(loss, "loss");
        }

        /**
         * A request for the data set in a directory.
         *
         * @param directory the data set directory
         * @param config    the run
         * @param loss      the loss
         * @return the request, the data set read and referenced by its absolute path and metadata
         */
        public static Request read(Path directory, TrainingConfig config, Loss loss) {
            Dataset ds = DatasetReader.read(directory);
            return new Request(ds, DatasetRef.of(directory, ds), config, loss);
        }

        /**
         * Checks, before training, that the model may be written to {@code file}: it is not the data set or a
         * file inside its directory, not a directory, and does not exist unless {@code overwrite}.
         *
         * @param file      where the model file is to be written
         * @param overwrite whether an existing file (not an input) may be replaced
         * @throws InvalidParameterException naming {@code file} otherwise
         */
        public void checkOutput(Path file, boolean overwrite) {
            OutputGuard.checkFile("file", file, overwrite,
                    List.of(new OutputGuard.Input("data set", Path.of(source.path()))));
        }
    }

    /**
     * The training configuration as the provenance records it (section {@code training}).
     *
     * @param config the resolved run (α concrete)
     * @param loss   the loss
     */
    public record Configuration(TrainingConfig config, Loss loss) implements Provenance.Section {
        @Override
        public String name() {
            return Provenance.Job.TRAIN.section();
        }

        /**
         * Architecture, then {@link #optimisationJson()}'s keys: {@code hidden}, {@code activation},
         * {@code outputActivation}, {@code hvWeight}, {@code normalisation}, {@code init}, {@code loss}, ….
         */
        @Override
        public ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("hidden", Arrays.toString(config.hidden()));
            o.put("activation", config.activation().label());
            o.put("outputActivation", config.outputActivation().label());
            o.put("hvWeight", config.secondOrderWeight());
            o.put("normalisation", config.normalisation().name().toLowerCase(Locale.ROOT));
            o.put("init", config.initializer().name().toLowerCase(Locale.ROOT));
            o.setAll(optimisationJson());
            return o;
        }

        /**
         * The loss and optimisation settings alone (what fine-tuning a given network uses): {@code loss},
         * {@code alpha}, {@code derivativeScaling}, {@code optimizer}, {@code schedule}, {@code epochs},
         * {@code batch}, {@code l2}, {@code dropout}, {@code validation}, {@code seed}, {@code keepBest}
         * when a diverged run is to keep its best weights, and {@code precision} when it is not float64 (so
         * float64 models keep their files byte for byte).
         */
        public ObjectNode optimisationJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("loss", loss.label());
            o.put("alpha", config.alpha());
            o.put("derivativeScaling", config.derivativeScaling());
            o.put("optimizer", config.optimizer().describe());
            o.put("schedule", config.schedule().toString());
            o.put("epochs", config.epochs());
            o.put("batch", config.batchSize());
            o.put("l2", config.l2());
            o.put("dropout", config.dropout());
            o.put("validation", config.validationFraction());
            o.put("seed", config.seed());
            if (config.keepBest()) {
                o.put("keepBest", true);
            }
            if (config.precision() != Precision.FLOAT64) {
                o.put("precision", config.precision().label());
            }
            return o;
        }
    }

    /**
     * The training outcome as the provenance records it (section {@code result}): final loss, best epoch, stop
     * reason, {@code diverged: true} for a diverged run that kept its best weights, and the loss of every epoch.
     *
     * @param history the run's history
     */
    public record Outcome(TrainingHistory history) implements Provenance.Section {
        @Override
        public String name() {
            return Provenance.OUTCOME;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("finalLoss", history.finalLoss());
            o.put("bestEpoch", history.bestEpoch());
            o.put("stopReason", history.stopReason());
            if (history.diverged()) {
                o.put("diverged", true);
            }
            ArrayNode losses = o.putArray("trainLoss");
            for (TrainingHistory.Epoch e : history.epochs()) {
                losses.add(e.trainLoss());
            }
            return o;
        }
    }

    /**
     * A trained surrogate.
     *
     * @param model      the surrogate
     * @param schema     the names, units and training domain of its inputs and outputs, from the data set
     * @param history    per-epoch losses, best epoch and stop reason
     * @param config     the configuration as run (α concrete)
     * @param seconds    wall time of the training
     * @param provenance data set, configuration, seed and outcome, for the model file
     */
    public record Result(Surrogate model, ModelSchema schema, TrainingHistory history, TrainingConfig config, double seconds,
                         Provenance provenance) {
    }

    /**
     * Trains.
     *
     * @param request  the data set, configuration and loss
     * @param listener receives each finished epoch (may be null)
     * @return the model, its history and its provenance
     * @throws InvalidParameterException if the Sobolev loss meets a data set without derivative labels
     *                                   ({@code loss}), or a second-order weight the value loss ({@code secondOrderWeight})
     * @throws TrainingDivergedException if training diverges and the configuration does not keep its best weights
     */
    public static Result run(Request request, Consumer<TrainingHistory.Epoch> listener) {
        Dataset ds = request.dataset();
        Loss loss = request.loss();
        TrainingConfig asked = request.config();
        boolean second = asked.secondOrderWeight() > 0;
        if (second && !loss.sobolev()) {
            throw new InvalidParameterException("secondOrderWeight", "needs the sobolev loss, got "
                    + asked.secondOrderWeight() + " with the value loss");
        }
        if (loss.sobolev() && !ds.hasGradients()) {
            throw new InvalidParameterException("loss", "sobolev needs dYdX in " + request.source().path()
                    + "; use value");
        }
        TrainingConfig config = loss.sobolev() ? asked.forInputs(ds.inputDim()) : asked.valuesOnly();
        long t0 = System.nanoTime();
        Trainer.Result r = Trainer.train(TrainingData.of(ds, loss.sobolev(), second), config, listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Provenance provenance = Provenance.of(Provenance.Job.TRAIN, config.seed(), request.source(),
                new Configuration(config, loss), new Outcome(r.history()), null);
        return new Result(r.model(), ModelSchema.of(ds), r.history(), config, seconds, provenance);
    }
}
