package dev.sobolev.reports.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.reports.MetricsFixtures;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.ModelSchema;

class ExactPricerTest {
    @TempDir
    static Path dir;
    static Path data;
    static Dataset training;

    @BeforeAll
    static void write() {
        data = MetricsFixtures.kichler(dir.resolve("k"), 256, 64);
        training = DatasetReader.read(data);
    }

    private static ModelFile.Loaded model(ObjectNode meta) {
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.set("data", new DatasetRef(data.toString(), meta).toJson());
        return new ModelFile.Loaded(MetricsFixtures.randomSilu(7, 3), ModelSchema.of(training), provenance,
                ModelFile.VERSION);
    }

    private static ObjectNode meta() {
        return (ObjectNode) training.meta().orElseThrow().deepCopy();
    }

    @Test
    void reproducesTheExactTestSetLabelsBitForBit() {
        ExactPricer exact = ExactPricer.of(model(meta())).orElseThrow();
        Dataset test = DatasetReader.read(data.resolve("test"));
        assertEquals(64, test.rows());
        double[] x = new double[7];
        double[] deltas = new double[7];
        for (int r = 0; r < test.rows(); r++) {
            for (int j = 0; j < 7; j++) {
                x[j] = test.x(r, j);
            }
            assertEquals(test.y(r), exact.price(x, deltas), "price of test row " + r);
            for (int j = 0; j < 7; j++) {
                assertEquals(test.dydx(r, j), deltas[j], "delta " + j + " of test row " + r);
            }
        }
    }

    @Test
    void onlyForABachelierRecipeWithTheModelsInputs() {
        assertTrue(ExactPricer.of(model(null)).isEmpty(), "no data set metadata");
        ObjectNode other = meta();
        other.put("recipe", "garch");
        assertTrue(ExactPricer.of(model(other)).isEmpty(), "not a Bachelier recipe");
        ObjectNode moved = meta();
        ((ObjectNode) moved.path("market")).put("strike", 1.2);
        assertTrue(ExactPricer.of(model(moved)).isEmpty(), "a market the recipe does not rebuild");
        ObjectNode renamed = meta();
        renamed.withArray("inputNames").set(0, JsonNodeFactory.instance.textNode("spot1"));
        assertTrue(ExactPricer.of(model(renamed)).isEmpty(), "inputs named otherwise than the model's");
    }

    @Test
    void refusesPointsOfTheWrongLength() {
        ExactPricer exact = ExactPricer.of(model(meta())).orElseThrow();
        assertEquals("x", assertThrows(InvalidParameterException.class,
                () -> exact.price(new double[6], new double[7])).parameter());
        assertEquals("deltas", assertThrows(InvalidParameterException.class,
                () -> exact.price(new double[7], new double[8])).parameter());
    }
}
