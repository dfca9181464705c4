package dev.sobolev.reports.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.Fact;
import dev.sobolev.surrogate.train.TrainingConfig;

class ProtocolTest {
    /** The settings of experiments/pruning.sh, as its commands give them. */
    @Test
    void theFullProtocolIsPruningShs() {
        Protocol p = Protocol.full(42);
        assertEquals(8192, p.rows());
        assertEquals(4096, p.testRows());
        assertEquals(7, p.exactSeed());
        assertEquals(8192, p.exactRows());
        assertArrayEquals(new int[] {128, 128, 128, 128, 128, 128}, p.hidden());
        TrainingConfig train = p.training(2);
        assertEquals(0.125, train.alpha());
        assertTrue(!train.derivativeScaling());
        assertEquals(100, train.epochs());
        assertEquals(512, train.batchSize());
        assertEquals(42, train.seed());
        TrainingConfig tune = p.tuning(2);
        assertEquals(300, tune.epochs());
        assertEquals(256, tune.batchSize());
        assertEquals(0.125, tune.alpha());
        assertEquals(40, p.retrainEpochs());
        assertEquals(8, p.targetWidth());
        assertEquals(0.5, p.stepFraction());
    }

    /** experiments/README.md: 128 → 68 → 38 → 23 → 15 → 11 → 9 → 8 in 7 steps. */
    @Test
    void stepWidthsAreThePrunersSteps() {
        assertEquals(List.of(68, 38, 23, 15, 11, 9, 8), Pipeline.stepWidths(128, 8, 0.5));
        assertEquals(List.of(), Pipeline.stepWidths(8, 8, 0.5));
        assertEquals(List.of(8), Pipeline.stepWidths(128, 8, 1.0));
    }

    @Test
    void jsonSettingsAndFactsNameEveryComponent() {
        Protocol p = Protocol.quick(5);
        JsonNode j = p.toJson();
        assertEquals(Protocol.class.getRecordComponents().length, j.size());
        assertEquals("silu", j.get("activation").asText());
        assertEquals("interval", j.get("saliency").asText());
        assertEquals("global", j.get("normalisation").asText());
        assertEquals("{\"seed\":5,\"rows\":4096}", p.settings("seed", "rows").toString());
        assertThrows(IllegalArgumentException.class, () -> p.settings("nothing"));
        List<Fact> facts = p.facts();
        assertEquals(new Fact("seed", "5"), facts.get(0));
        assertEquals(j.size(), facts.size());
        assertTrue(p.rows() < Protocol.full(5).rows() && p.epochs() < Protocol.full(5).epochs());
    }

    @Test
    void sizesOutOfRangeAreRefusedByName() {
        Protocol f = Protocol.full(1);
        assertEquals("targetWidth", assertThrows(InvalidParameterException.class, () -> new Protocol(1, 10, 7, 10,
                10, 7, 10, 4, 2, f.activation(), f.normalisation(), 8, 0.5, 1e-3, 1, f.saliency(), 5, 0.5, 0, 1e-3, 8,
                1, 1, 1, 1, 1)).parameter());
        assertEquals("rows", assertThrows(InvalidParameterException.class, () -> new Protocol(1, 10, 7, 0,
                10, 7, 10, 4, 2, f.activation(), f.normalisation(), 8, 0.5, 1e-3, 1, f.saliency(), 2, 0.5, 0, 1e-3, 8,
                1, 1, 1, 1, 1)).parameter());
    }
}
