package dev.sobolev.pruning.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.core.provenance.Provenance;
import dev.sobolev.pruning.FineTuning;
import dev.sobolev.pruning.Pruner;
import dev.sobolev.pruning.Saliency;
import dev.sobolev.pruning.interval.InputBox;
import dev.sobolev.surrogate.job.TrainJob;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.SyntheticData;
import dev.sobolev.surrogate.train.TrainingConfig;

class PruneJobTest {
    private static final Dataset DATA = SyntheticData.dataset(512, 1);
    private static final Dataset TEST = SyntheticData.dataset(256, 2);
    private static final DatasetRef REF = new DatasetRef("/data/synthetic", null);
    private static final Path PARENT = Path.of("/models/parent.json");
    private static final TrainJob.Result PARENT_RUN = TrainJob.run(new TrainJob.Request(DATA, REF,
            TrainingConfig.builder().hidden(16, 16).epochs(20).batchSize(64).seed(3).threads(2).build(), Loss.SOBOLEV),
            null);

    private static PruneJob.Builder request() {
        return PruneJob.Request.builder().model(PARENT_RUN.model(), PARENT_RUN.schema(), PARENT, PARENT_RUN.provenance().toJson())
                .data(DATA, REF).target(PruneJob.Target.widths(4))
                .tuning(TrainingConfig.builder().epochs(15).batchSize(64).build(), Loss.SOBOLEV)
                .boundSamples(2000).seed(9).threads(2);
    }

    @Test
    void shrinksToTheTargetFineTunesCertifiesAndNamesTheParent() {
        List<Pruner.Step> steps = new ArrayList<>();
        PruneJob.Result r = PruneJob.run(request().fineTuning(FineTuning.NN).test(TEST).build(), steps::add);
        assertArrayEquals(new int[] {3, 4, 4, 1}, r.model().network().widths());
        assertArrayEquals(new int[] {3, 4, 4, 1}, r.pruned().network().widths());
        assertEquals(PARENT_RUN.model(), r.original());
        assertEquals(r.outcome().steps(), steps);
        assertArrayEquals(new int[] {4, 4}, steps.get(steps.size() - 1).widths());
        assertEquals("reached the target widths", r.stopReason());
        assertTrue(r.outcome().bound().covers(r.outcome().sampled()));
        assertTrue(r.outcome().sampled().value() > 0);
        assertEquals(2000, r.outcome().sampled().boxes());
        assertEquals(InputBox.range(DATA), r.outcome().box());
        assertTrue(r.seconds() >= r.pruneSeconds() && r.pruneSeconds() > 0);
        assertNotNull(r.test().finetuned());
        assertTrue(r.test().finetuned().r2Value() > r.test().pruned().r2Value(), r.test().toString());

        Provenance p = r.provenance();
        assertEquals(Provenance.Job.PRUNE, p.job());
        assertEquals(9, p.seed());
        assertEquals(PARENT.toAbsolutePath().toString(), p.parent().path());
        assertEquals(PARENT_RUN.model().network().parameterCount(), p.parent().parameters());
        assertEquals(PARENT_RUN.provenance(), p.parent().typed().orElseThrow());
        JsonNode pruning = p.toJson().get("pruning");
        assertEquals("interval", pruning.get("method").asText());
        assertEquals("[4, 4]", pruning.get("targetWidths").asText());
        assertEquals("nn", pruning.get("finetune").asText());
        assertEquals(15, pruning.get("training").get("epochs").asInt());
        assertEquals(9, pruning.get("training").get("seed").asLong());
        assertEquals(r.outcome().boundJson(), p.toJson().get("result").get("bound"));
        assertEquals(p, Provenance.fromJson(p.toJson()));
    }

    @Test
    void aBudgetPicksTheWidestCommonWidthThatFitsAndNoFineTuningKeepsThePrunedNet() {
        // 3 → w×2 → 1 has 4w + w(w + 1) + w + 1 = w² + 6w + 1 parameters: 56 for w = 5, 73 for w = 6
        PruneJob.Result r = PruneJob.run(request().target(PruneJob.Target.budget(60)).saliency(Saliency.MAGNITUDE)
                .build(), null);
        assertArrayEquals(new int[] {3, 5, 5, 1}, r.model().network().widths());
        assertEquals(r.pruned(), r.model());
        assertNull(r.test());
        assertTrue(!r.provenance().toJson().get("pruning").has("training"));
    }

    @Test
    void requestsThatDoNotFitTheModelOrTheDataNameTheParameter() {
        Dataset fourInputs = Dataset.builder(8, 4).x(new double[32]).y(new double[8]).build();
        assertEquals("data has 4 inputs, the model takes 3", assertThrows(InvalidParameterException.class,
                () -> PruneJob.run(request().data(fourInputs, REF).build(), null)).getMessage());
        InputBox twoInputs = InputBox.of(new double[] {0, 0}, new double[] {1, 1});
        assertEquals("box has 2 intervals, the model takes 3 inputs", assertThrows(InvalidParameterException.class,
                () -> PruneJob.run(request().box(twoInputs).build(), null)).getMessage());
        assertEquals("retrainEpochs", assertThrows(InvalidParameterException.class,
                () -> request().retrain(-1, Loss.VALUE).build()).parameter());
        assertEquals("tolerance", assertThrows(InvalidParameterException.class,
                () -> request().tolerance(0.1).build()).parameter());
        assertEquals("fineTuneData", assertThrows(InvalidParameterException.class,
                () -> request().fineTuning(FineTuning.NN).fineTuneData(TEST).build()).parameter());
        assertEquals("target", assertThrows(InvalidParameterException.class,
                () -> request().target(null).build()).parameter());
        Dataset valuesOnly = Dataset.builder(64, 3).x(Arrays.copyOf(DATA.xArray(), 64 * 3)).y(new double[64])
                .build();
        assertEquals("loss", assertThrows(InvalidParameterException.class, () -> PruneJob.run(request()
                .data(valuesOnly, REF).fineTuning(FineTuning.DATA).build(), null)).parameter());
    }
}
