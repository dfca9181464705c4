package dev.sobolev.surrogate.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

class ModelFileTest {
    @TempDir
    Path tmp;

    private static Surrogate model() {
        int[] w = {3, 4, 2};
        SplittableRandom r = new SplittableRandom(1);
        double[] p = new double[Mlp.parameterCount(w)];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-1, 1) / 3;
        }
        return new Surrogate(new Mlp(w, Activation.SILU, Activation.SOFTPLUS, p),
                new Normalisation(new double[] {1, 2, 3}, new double[] {0.5, 1, 2}, new double[] {0.1, 0.2},
                        new double[] {3, 4}));
    }

    /** Named inputs, one of them with an unknown box and moments. */
    private static final ModelSchema SCHEMA = new ModelSchema(List.of(new InputSpec("S1", "price", 0.5, 1.5, 1.0, 0.25),
            InputSpec.unknown("rate", ""), new InputSpec("S3", "price", -0.1, 2.0, 0.9, 0.375)),
            List.of(new OutputSpec("price", "price"), new OutputSpec("vega", "price per vol")));

    @Test
    void roundTripIsBitExactAndPredictsTheSame() {
        Surrogate m = model();
        Path f = ModelFile.write(m, SCHEMA, null, tmp.resolve("m.json"));
        ModelFile.Loaded loaded = ModelFile.read(f);
        assertEquals(SCHEMA, loaded.schema());
        assertEquals(2, loaded.version());
        assertEquals(m.normalisation(), loaded.model().normalisation());
        Surrogate back = loaded.model();
        assertArrayEquals(m.network().parameters(), back.network().parameters());
        double[] x = {1.3, -0.2, 2.2};
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        assertEquals(m.valueAndGradient(x, 1, g1), back.valueAndGradient(x, 1, g2), 0.0);
        assertArrayEquals(g1, g2);
        assertEquals(-1L, mismatch(f, ModelFile.write(back, loaded.schema(), null, tmp.resolve("m2.json"))));
    }

    private static long mismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void surrogateGradientsInDataUnitsMatchFiniteDifferences() {
        Surrogate m = model();
        double[] x = {1.3, -0.2, 2.2};
        double[] v = {0.3, -1.0, 0.5};
        double[] g = new double[3];
        double[] hv = new double[3];
        m.valueAndGradient(x, 0, g);
        m.hessianVector(x, v, 0, hv);
        double h = 1e-5;
        for (int j = 0; j < 3; j++) {
            double[] up = x.clone();
            double[] dn = x.clone();
            up[j] += h;
            dn[j] -= h;
            assertEquals((m.value(up, 0) - m.value(dn, 0)) / (2 * h), g[j], 1e-8);
        }
        double[] gu = new double[3];
        double[] gd = new double[3];
        double[] xu = x.clone();
        double[] xd = x.clone();
        for (int j = 0; j < 3; j++) {
            xu[j] += h * v[j];
            xd[j] -= h * v[j];
        }
        m.valueAndGradient(xu, 0, gu);
        m.valueAndGradient(xd, 0, gd);
        for (int j = 0; j < 3; j++) {
            assertEquals((gu[j] - gd[j]) / (2 * h), hv[j], 1e-7);
        }
    }

    @Test
    void rejectsCorruptOrForeignFiles() throws IOException {
        Path good = ModelFile.write(model(), SCHEMA, null, tmp.resolve("good.json"));
        String text = Files.readString(good);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, text.replace("sobolev-mlp", "keras"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage()
                .contains("has format 'keras'"));
        Files.writeString(bad, text.substring(0, text.length() / 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage()
                .contains("is not valid JSON"));
        Files.writeString(bad, text.replaceFirst("\"widths\" : \\[ 3, 4, 2 \\]", "\"widths\" : [ 3, 5, 2 ]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage()
                .contains("is inconsistent: architecture [3, 5, 2] has 32 parameters, got 26"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(tmp.resolve("none.json")))
                .getMessage().contains("does not exist"));
        Files.writeString(bad, text.replace("\"name\" : \"rate\"", "\"name\" : \"S1\""));
        assertEquals("model file " + bad + " is inconsistent: input name 'S1' appears twice",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage());
        Files.writeString(bad, text.replaceFirst("\"lower\" : 0.5", "\"lower\" : \"low\""));
        assertEquals("model file " + bad + " is inconsistent: inputs[0].lower must be a number or null, got \"low\"",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage());
    }

    @Test
    void aDirectoryOrAnUnknownActivationIsNamedWithTheFileAndField() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("model.json"));
        assertEquals("model file " + dir + " is a directory, not a file",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(dir)).getMessage());
        String text = Files.readString(ModelFile.write(model(), SCHEMA, null, tmp.resolve("good.json")));
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, text.replaceFirst("\"activation\" : \"[a-z]+\"", "\"activation\" : \"swish\""));
        assertEquals("model file " + bad + ": architecture.activation must be one of identity, tanh, sigmoid, softplus, "
                + "silu, relu, gelu; got swish",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage());
        Files.writeString(bad, text.replaceFirst("\"outputActivation\" : \"[a-z]+\"", "\"outputActivation\" : 7"));
        assertEquals("model file " + bad + ": architecture.outputActivation must be one of identity, tanh, sigmoid, "
                + "softplus, silu, relu, gelu; got 7",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage());
    }

    @Test
    void refusesVersionsOtherThanTheIntegersOneAndTwoNamingBoth() throws IOException {
        String text = Files.readString(ModelFile.write(model(), SCHEMA, null, tmp.resolve("good.json")));
        Path bad = tmp.resolve("bad.json");
        for (String v : List.of("99", "\"1\"", "1.9", "2.0", "0", "null")) {
            Files.writeString(bad, text.replace("\"version\" : 2", "\"version\" : " + v));
            assertEquals("model file " + bad + " has version " + v + "; this build reads versions 1 and 2",
                    assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage());
        }
        Files.writeString(bad, text.replace("\"version\" : 2,", ""));
        assertEquals("model file " + bad + " has version (none); this build reads versions 1 and 2",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage());
    }

    @Test
    void aSchemaThatDoesNotFitTheModelIsRefused() {
        ModelSchema two = ModelSchema.unknown(2, 2);
        assertEquals("the schema has 2 inputs and 2 outputs, the model 3 and 2", assertThrows(
                IllegalArgumentException.class, () -> ModelFile.write(model(), two, null, tmp.resolve("x.json")))
                .getMessage());
        assertTrue(!Files.exists(tmp.resolve("x.json")));
    }

    @Test
    void aVersionOneFileLoadsWithAnUnboundedSchemaAndEvaluatesToTheRecordedBits() {
        ModelFile.Loaded v1 = ModelFile.read(VersionOneFixture.file());
        assertEquals(1, v1.version());
        assertEquals(ModelSchema.unknown(3, 1), v1.schema());
        assertEquals(List.of("x1", "x2", "x3"), v1.schema().inputNames());
        assertEquals("softplus", v1.provenance().get("training").get("activation").asText());
        assertEquals("scalar", v1.model().evaluator(), "the bits were recorded with the scalar evaluator");
        assertRecordedBits(v1.model());
        // saved again it becomes version 2 and still evaluates to the same bits
        ModelFile.Loaded v2 = ModelFile.read(ModelFile.write(v1.model(), v1.schema(), v1.provenance(),
                tmp.resolve("v2.json")));
        assertEquals(2, v2.version());
        assertEquals(v1.schema(), v2.schema());
        assertEquals(v1.provenance(), v2.provenance());
        assertRecordedBits(v2.model());
    }

    private static void assertRecordedBits(Surrogate m) {
        List<VersionOneFixture.Point> points = VersionOneFixture.points();
        assertEquals(4, points.size());
        for (VersionOneFixture.Point p : points) {
            double[] g = new double[3];
            double[] hv = new double[3];
            assertEquals(p.value(), Double.doubleToRawLongBits(m.valueAndGradient(p.x(), g)));
            assertArrayEquals(p.gradient(), bits(g));
            assertEquals(p.value(), Double.doubleToRawLongBits(m.hessianVector(p.x(), VersionOneFixture.DIRECTION, hv)));
            assertArrayEquals(p.hv(), bits(hv));
        }
    }

    private static long[] bits(double[] v) {
        return java.util.Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
