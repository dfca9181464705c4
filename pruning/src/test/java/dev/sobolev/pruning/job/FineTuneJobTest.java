package dev.sobolev.pruning.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.core.provenance.Provenance;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.SyntheticData;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingHistory;

class FineTuneJobTest {
    private static final Dataset DATA = SyntheticData.dataset(512, 1);
    private static final Dataset LABELS = SyntheticData.dataset(256, 4);
    private static final DatasetRef REF = new DatasetRef("/data/synthetic", null);
    private static final TrainingConfig TUNING = TrainingConfig.builder().epochs(12).batchSize(64).build();

    @TempDir
    Path tmp;

    /**
     * One code path: pruning without fine-tuning, writing the pruned model and fine-tuning the file gives the
     * weights of pruning with fine-tuning in one job, for both strategies; the provenance names the pruned file.
     */
    @Test
    void fineTuningAPrunedFileGivesThePruneJobsWeightsAndNamesTheParent() {
        TrainJob.Result parent = TrainJob.run(new TrainJob.Request(DATA, REF, TrainingConfig.builder().hidden(16, 16)
                .epochs(20).batchSize(64).seed(3).threads(2).build(), Loss.SOBOLEV), null);
        Path parentFile = ModelFile.write(parent.model(), parent.schema(), parent.provenance().toJson(),
                tmp.resolve("parent.json"));
        PruneJob.Builder request = PruneJob.Request.builder().modelFile(parentFile).data(DATA, REF)
                .target(PruneJob.Target.widths(4)).retrain(3, Loss.SOBOLEV).tuning(TUNING, Loss.SOBOLEV)
                .boundSamples(100).seed(9).threads(2);
        PruneJob.Result pruned = PruneJob.run(request.build(), null);
        Path prunedFile = ModelFile.write(pruned.model(), pruned.schema(), pruned.provenance().toJson(),
                tmp.resolve("pruned.json"));
        for (FineTuning strategy : List.of(FineTuning.NN, FineTuning.DATA)) {
            Dataset data = strategy == FineTuning.NN ? DATA : LABELS;
            PruneJob.Result inOne = PruneJob.run(request.fineTuning(strategy)
                    .fineTuneData(strategy == FineTuning.DATA ? LABELS : null).build(), null);
            List<TrainingHistory.Epoch> epochs = new ArrayList<>();
            FineTuneJob.Result r = FineTuneJob.run(FineTuneJob.Request.of(prunedFile, parentFile, strategy, data,
                    REF, TUNING.toBuilder().seed(9).threads(1).build(), Loss.SOBOLEV), epochs::add);
            assertEquals(network(inOne.model().network()), network(r.model().network()), strategy.label());
            assertEquals(12, epochs.size());
            Provenance p = r.provenance();
            assertEquals(Provenance.Job.FINETUNE, p.job());
            assertEquals(prunedFile.toAbsolutePath().toString(), p.parent().path());
            JsonNode section = p.toJson().get("fineTuning");
            assertEquals(strategy.label(), section.get("finetune").asText());
            assertEquals(9, section.get("training").get("seed").asLong());
            assertEquals(12, p.toJson().get("result").get("trainLoss").size());
            assertEquals(p, Provenance.fromJson(p.toJson()));
        }
    }

    private static String network(Mlp net) {
        StringBuilder b = new StringBuilder();
        for (int l = 1; l < net.layers(); l++) {
            b.append(java.util.Arrays.deepToString(net.weights(l))).append(java.util.Arrays.toString(net.biases(l)));
        }
        return b.toString();
    }

    @Test
    void requestsThatDoNotFitNameTheParameter() {
        TrainJob.Result parent = TrainJob.run(new TrainJob.Request(DATA, REF, TrainingConfig.builder().hidden(4)
                .epochs(2).batchSize(64).build(), Loss.SOBOLEV), null);
        Provenance.Parent p = new Provenance.Parent("/m/pruned.json", 21, null);
        Dataset valuesOnly = Dataset.builder(64, 3).x(new double[64 * 3]).y(new double[64]).build();
        assertEquals("strategy", assertThrows(InvalidParameterException.class, () -> new FineTuneJob.Request(
                parent.model(), parent.schema(), p, parent.model(), FineTuning.NONE, DATA, REF, TUNING,
                Loss.SOBOLEV)).parameter());
        assertEquals("loss", assertThrows(InvalidParameterException.class, () -> new FineTuneJob.Request(
                parent.model(), parent.schema(), p, parent.model(), FineTuning.DATA, valuesOnly, REF, TUNING,
                Loss.SOBOLEV)).parameter());
    }
}
