package dev.sobolev.surrogate.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;

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

    @Test
    void roundTripIsBitExactAndPredictsTheSame() {
        Surrogate m = model();
        Path f = ModelFile.write(m, null, tmp.resolve("m.json"));
        Surrogate back = ModelFile.read(f).model();
        assertArrayEquals(m.network().parameters(), back.network().parameters());
        double[] x = {1.3, -0.2, 2.2};
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        assertEquals(m.valueAndGradient(x, 1, g1), back.valueAndGradient(x, 1, g2), 0.0);
        assertArrayEquals(g1, g2);
        assertEquals(-1L, mismatch(f, ModelFile.write(back, null, tmp.resolve("m2.json"))));
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
        Path good = ModelFile.write(model(), null, tmp.resolve("good.json"));
        String text = Files.readString(good);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, text.replace("\"version\" : 1", "\"version\" : 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(bad)).getMessage()
                .contains("has version 7; this build reads version 1"));
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
    }
}
