package dev.sobolev.reports.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.pricing.lsmc.LsmcRecipe;
import dev.sobolev.reports.MetricsFixtures;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;

class ScenarioJobTest {
    /** Tolerance in standard errors for sample means and sds: 4.5 SE fails with probability ≈ 7·10⁻⁶ per check. */
    private static final double K = 4.5;

    @TempDir
    static Path dir;
    static Path data;
    static Dataset training;

    @BeforeAll
    static void write() {
        data = MetricsFixtures.kichler(dir.resolve("k"), 512, 16);
        training = DatasetReader.read(data);
    }

    private static ModelFile.Loaded model(boolean withMeta, ModelSchema schema) {
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.set("data", new DatasetRef(data.toString(),
                withMeta ? training.meta().orElseThrow() : null).toJson());
        return new ModelFile.Loaded(MetricsFixtures.randomSilu(7, 3), schema, provenance, ModelFile.VERSION);
    }

    private static ModelFile.Loaded recipeModel() {
        return model(true, ModelSchema.of(training));
    }

    /** The file's numbers, column-major [input][row], after checking the header and the ids. */
    private static double[][] read(Path file, long rows) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertEquals("id,S1,S2,S3,S4,S5,S6,S7", lines.get(0));
        assertEquals(rows + 1, lines.size());
        double[][] x = new double[7][(int) rows];
        for (int r = 0; r < rows; r++) {
            String[] f = lines.get(r + 1).split(",", -1);
            assertEquals(8, f.length);
            assertEquals(String.format("s%06d", r + 1), f[0]);
            for (int j = 0; j < 7; j++) {
                x[j][r] = Double.parseDouble(f[j + 1]);
                assertEquals(f[j + 1], Double.toString(x[j][r]), "numbers as Double.toString spells them");
            }
        }
        return x;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** Sample mean within K standard errors σ/√n, sample sd within K·σ/√(2n) (normal data). */
    private static void assertMoments(double[] v, double mu, double sigma, String what) {
        int n = v.length;
        assertEquals(mu, mean(v), K * sigma / Math.sqrt(n), what + " mean");
        assertEquals(sigma, sd(v), K * sigma / Math.sqrt(2.0 * n), what + " sd");
    }

    @Test
    void recipeDrawsFollowItsInputLawAndIgnoreTheThreadCount() throws Exception {
        long n = 3 * ScenarioJob.BLOCK_ROWS + 123;
        ScenarioJob.Request request = new ScenarioJob.Request(recipeModel(), n, 11, new ScenarioJob.Training());
        ScenarioJob.Result one = ScenarioJob.run(request, dir.resolve("one.csv"), false, 1);
        ScenarioJob.Result two = ScenarioJob.run(request, dir.resolve("two.csv"), false, 2);
        assertArrayEquals(Files.readAllBytes(one.path()), Files.readAllBytes(two.path()));
        assertEquals(n, one.rows());
        assertTrue(one.law().contains("kichler"), one.law());
        double[][] x = read(one.path(), n);
        // X = S(0) + volMult·√T1·diag(σ)·R·z: mean S(0) = 1, sd volMult·√T1·σᵢ (rows of R have unit length)
        LsmcRecipe recipe = LsmcRecipe.of(LsmcRecipe.Kind.KICHLER, 7, 0, null, true);
        for (int j = 0; j < 7; j++) {
            assertMoments(x[j], recipe.option().spot(j),
                    recipe.volMult() * Math.sqrt(recipe.t1()) * recipe.option().vols()[j], "S" + (j + 1));
        }
        // another seed, other draws; not the training inputs of the data set with its seed (42)
        ScenarioJob.Result other = ScenarioJob.run(new ScenarioJob.Request(recipeModel(), 1, 42,
                new ScenarioJob.Training()), dir.resolve("other.csv"), false, 1);
        double[][] first = read(other.path(), 1);
        assertFalse(first[0][0] == training.x(0, 0));
    }

    @Test
    void withoutARecipeDrawsAreUniformOnTheTrainingBox() throws Exception {
        ModelSchema schema = ModelSchema.of(training);
        long n = 5000;
        ScenarioJob.Result r = ScenarioJob.run(new ScenarioJob.Request(model(false, schema), n, 5,
                new ScenarioJob.Training()), dir.resolve("box.csv"), false, 2);
        assertEquals("uniform on the training box", r.law());
        double[][] x = read(r.path(), n);
        for (int j = 0; j < 7; j++) {
            InputSpec in = schema.input(j);
            double w = in.upper() - in.lower();
            for (double v : x[j]) {
                assertTrue(in.lower() <= v && v <= in.upper(), v + " outside " + in.box());
            }
            // uniform: mean the midpoint, sd w/√12; the mean's standard error w/√(12n)
            assertEquals(in.lower() + w / 2, mean(x[j]), K * w / Math.sqrt(12.0 * n));
        }
    }

    @Test
    void shocksAroundABase() throws Exception {
        List<Double> base = List.of(1.0, 0.5, 2.0, 1.0, 1.0, 3.0, 0.25);
        long n = 6000;
        ScenarioJob.Result r = ScenarioJob.run(new ScenarioJob.Request(recipeModel(), n, 9,
                new ScenarioJob.Shocks(base, 0.05)), dir.resolve("shocks.csv"), false, 2);
        double[][] x = read(r.path(), n);
        for (int j = 0; j < 7; j++) {
            assertMoments(x[j], base.get(j), 0.05 * base.get(j), "S" + (j + 1));
        }
        ScenarioJob.Result flat = ScenarioJob.run(new ScenarioJob.Request(recipeModel(), 3, 9,
                new ScenarioJob.Shocks(base, 0)), dir.resolve("flat.csv"), false, 1);
        assertEquals(List.of("id,S1,S2,S3,S4,S5,S6,S7", "s000001,1.0,0.5,2.0,1.0,1.0,3.0,0.25",
                "s000002,1.0,0.5,2.0,1.0,1.0,3.0,0.25", "s000003,1.0,0.5,2.0,1.0,1.0,3.0,0.25"),
                Files.readAllLines(flat.path()));
        assertEquals(Collections.nCopies(7, 1.0), ScenarioJob.center(recipeModel()).orElseThrow());
    }

    @Test
    void refusals() throws Exception {
        ModelFile.Loaded m = recipeModel();
        ScenarioJob.Training training = new ScenarioJob.Training();
        assertEquals("size", assertThrows(InvalidParameterException.class,
                () -> new ScenarioJob.Request(m, 0, 1, training)).parameter());
        assertEquals("base", assertThrows(InvalidParameterException.class,
                () -> new ScenarioJob.Request(m, 1, 1, new ScenarioJob.Shocks(List.of(1.0), 0.1))).parameter());
        assertEquals("base[1]", assertThrows(InvalidParameterException.class,
                () -> new ScenarioJob.Request(m, 1, 1, new ScenarioJob.Shocks(
                        List.of(1.0, Double.NaN, 1.0, 1.0, 1.0, 1.0, 1.0), 0.1))).parameter());
        assertEquals("shock", assertThrows(InvalidParameterException.class,
                () -> new ScenarioJob.Request(m, 1, 1, new ScenarioJob.Shocks(Collections.nCopies(7, 1.0), -0.1)))
                .parameter());
        assertEquals("model", assertThrows(InvalidParameterException.class,
                () -> new ScenarioJob.Request(model(false, ModelSchema.unknown(7, 1)), 1, 1, training)).parameter());
        Path existing = dir.resolve("existing.csv");
        Files.writeString(existing, "keep");
        assertEquals("out", assertThrows(InvalidParameterException.class, () -> ScenarioJob.run(
                new ScenarioJob.Request(m, 1, 1, training), existing, false, 1)).parameter());
        assertEquals("keep", Files.readString(existing));
        assertEquals("threads", assertThrows(InvalidParameterException.class, () -> ScenarioJob.run(
                new ScenarioJob.Request(m, 1, 1, training), dir.resolve("t.csv"), false, 0)).parameter());
    }
}
