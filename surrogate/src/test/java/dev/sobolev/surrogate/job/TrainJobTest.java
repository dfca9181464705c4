package dev.sobolev.surrogate.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.core.provenance.Provenance;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.train.Loss;
import dev.sobolev.surrogate.train.SyntheticData;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingHistory;

class TrainJobTest {
    private static final Dataset DATA = SyntheticData.dataset(512, 1);
    private static final Dataset TEST = SyntheticData.dataset(256, 2);

    private static TrainJob.Request request(TrainingConfig config, Loss loss) throws Exception {
        JsonNode meta = new ObjectMapper().readTree("{\"recipe\":\"synthetic\"}");
        return new TrainJob.Request(DATA, new DatasetRef("/data/synthetic", meta), config, loss);
    }

    private static TrainingConfig tiny() {
        return TrainingConfig.builder().hidden(8, 8).epochs(12).batchSize(64).seed(5).threads(2).build();
    }

    @Test
    void trainsATinyNetAndRecordsDataConfigurationSeedAndOutcome() throws Exception {
        List<TrainingHistory.Epoch> seen = new ArrayList<>();
        TrainJob.Result r = TrainJob.run(request(tiny(), Loss.SOBOLEV), seen::add);
        assertArrayEquals(new int[] {3, 8, 8, 1}, r.model().network().widths());
        assertEquals(12, r.history().epochs().size());
        assertEquals(r.history().epochs(), seen);
        assertEquals(0.25, r.config().alpha(), "the default alpha is 1/(1 + d) for d = 3");
        assertTrue(r.seconds() > 0);
        assertTrue(r.history().finalLoss() < r.history().epochs().get(0).trainLoss(), r.history().toString());

        Provenance p = r.provenance();
        assertEquals(Provenance.Job.TRAIN, p.job());
        assertEquals(5, p.seed());
        assertEquals("/data/synthetic", p.data().path());
        assertEquals("synthetic", p.data().meta().get("recipe").asText());
        assertNull(p.parent());
        JsonNode training = p.toJson().get("training");
        assertEquals("[8, 8]", training.get("hidden").asText());
        assertEquals("sobolev", training.get("loss").asText());
        assertEquals(0.25, training.get("alpha").asDouble());
        assertEquals(12, training.get("epochs").asInt());
        assertEquals(64, training.get("batch").asInt());
        assertEquals(5, training.get("seed").asLong());
        JsonNode result = p.toJson().get("result");
        assertEquals(r.history().finalLoss(), result.get("finalLoss").asDouble());
        assertEquals(12, result.get("trainLoss").size());
        assertEquals(p, Provenance.fromJson(p.toJson()));

        EvalJob.Result eval = EvalJob.run(new EvalJob.Request(r.model(), TEST));
        assertEquals(1, eval.outputs().size());
        assertEquals(256, eval.rows());
        assertEquals(r.model().network().parameterCount(), eval.parameters());
        Metrics m = eval.outputs().get(0);
        assertEquals(Metrics.of(r.model(), TEST, 0), m);
        assertTrue(m.r2Value() > 0.5 && m.hasDelta(), m.toString());
    }

    @Test
    void theValueLossTrainsValuesOnlyAndTheSameSeedGivesTheSameModelForAnyThreads() throws Exception {
        TrainJob.Result one = TrainJob.run(request(tiny().toBuilder().threads(1).build(), Loss.VALUE), null);
        TrainJob.Result two = TrainJob.run(request(tiny(), Loss.VALUE), null);
        assertEquals(1.0, one.config().alpha());
        assertEquals("value", one.provenance().toJson().get("training").get("loss").asText());
        assertArrayEquals(one.model().network().parameters(), two.model().network().parameters());
        assertEquals(one.provenance(), two.provenance());
    }

    @Test
    void requestsTheDataCannotServeNameTheParameter() throws Exception {
        Dataset valuesOnly = Dataset.builder(64, 3).x(new double[64 * 3]).y(new double[64]).build();
        TrainJob.Request noGradients = new TrainJob.Request(valuesOnly, new DatasetRef("/data/v", null), tiny(),
                Loss.SOBOLEV);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TrainJob.run(noGradients, null));
        assertEquals("loss", e.parameter());
        assertTrue(e.getMessage().contains("/data/v"), e.getMessage());
        InvalidParameterException hv = assertThrows(InvalidParameterException.class,
                () -> TrainJob.run(request(tiny().toBuilder().secondOrderWeight(0.5).build(), Loss.VALUE), null));
        assertEquals("secondOrderWeight", hv.parameter());
    }
}
