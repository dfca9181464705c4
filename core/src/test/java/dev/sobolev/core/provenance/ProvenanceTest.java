package dev.sobolev.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Version;

class ProvenanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Provenance.Section section(String name, String key, double value) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put(key, value);
        return new Provenance.Recorded(name, body);
    }

    private static Provenance trained() throws Exception {
        DatasetRef data = new DatasetRef("/data/k7", MAPPER.readTree("{\"recipe\":\"kichler\",\"seed\":42}"));
        return Provenance.of(Provenance.Job.TRAIN, 42, data, section("training", "alpha", 0.125),
                section("result", "finalLoss", 0.05), null);
    }

    @Test
    void jsonRoundTripKeepsEveryPartIncludingTheParent() throws Exception {
        Provenance parent = trained();
        Provenance pruned = Provenance.of(Provenance.Job.PRUNE, 7, new DatasetRef("/data/k7", null),
                section("pruning", "stepFraction", 0.5), null,
                new Provenance.Parent("/models/k7.json", 83713, parent.toJson()));
        ObjectNode json = pruned.toJson();
        Provenance back = Provenance.fromJson(MAPPER.readTree(MAPPER.writeValueAsString(json)));
        assertEquals(pruned, back);
        assertEquals(json.toString(), back.toJson().toString());
        assertEquals("sobolev " + Version.get(), back.software());
        assertEquals(Provenance.Job.PRUNE, back.job());
        assertEquals(7, back.seed());
        assertNull(back.data().meta());
        assertNull(back.outcome());
        assertEquals(0.5, back.configuration().toJson().get("stepFraction").asDouble());
        assertEquals("/models/k7.json", back.parent().path());
        assertEquals(83713, back.parent().parameters());
        Provenance typedParent = back.parent().typed().orElseThrow();
        assertEquals(parent, typedParent);
        assertEquals("kichler", typedParent.data().meta().get("recipe").asText());
        assertEquals(0.05, typedParent.outcome().toJson().get("finalLoss").asDouble());
    }

    @Test
    void theJsonFormHasTheDocumentedKeys() throws Exception {
        ObjectNode json = trained().toJson();
        assertEquals("train", json.get("job").asText());
        assertEquals(42, json.get("seed").asLong());
        assertEquals("/data/k7", json.get("data").get("path").asText());
        assertEquals(0.125, json.get("training").get("alpha").asDouble());
        assertEquals(0.05, json.get("result").get("finalLoss").asDouble());
        assertFalse(json.has("parent"));
        assertFalse(json.has("threads"));
    }

    @Test
    void aParentFromAnOlderFileKeepsItsJsonAndHasNoTypedForm() throws Exception {
        Provenance.Parent old = new Provenance.Parent("/m.json", 10,
                MAPPER.readTree("{\"data\":\"/d\",\"training\":{\"seed\":1}}"));
        assertTrue(old.typed().isEmpty());
        assertEquals("/d", old.provenance().get("data").asText());
    }

    @Test
    void recordsAreImmutable() throws Exception {
        Provenance p = trained();
        ((ObjectNode) p.data().meta()).put("recipe", "changed");
        p.configuration().toJson().put("alpha", 1.0);
        assertEquals("kichler", p.data().meta().get("recipe").asText());
        assertEquals(0.125, p.toJson().get("training").get("alpha").asDouble());
    }

    @Test
    void badJsonAndMismatchedSectionsNameTheKey() throws Exception {
        ObjectNode json = trained().toJson();
        json.remove("job");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Provenance.fromJson(json));
        assertEquals("job", e.parameter());
        ObjectNode noSeed = trained().toJson();
        noSeed.put("seed", "x");
        assertEquals("seed", assertThrows(InvalidParameterException.class, () -> Provenance.fromJson(noSeed))
                .parameter());
        InvalidParameterException wrong = assertThrows(InvalidParameterException.class, () -> Provenance.of(
                Provenance.Job.PRUNE, 1, new DatasetRef("/d", null), section("training", "a", 1), null, null));
        assertEquals("configuration of a prune job must be named 'pruning', got 'training'", wrong.getMessage());
    }
}
