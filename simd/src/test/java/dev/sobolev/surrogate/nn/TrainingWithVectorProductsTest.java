package dev.sobolev.surrogate.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Training with the SIMD layer products gives the same parameters, bit for bit, as training with the scalar ones:
 * this JVM (run with the vector module) trains with {@code VectorLayerProducts}, a child JVM on the same class
 * path with {@code -Dsobolev.simd=off} trains with {@link LayerProducts}. A child process because the products
 * are chosen once per JVM. This JVM runs with {@code -Dsobolev.simd.warmup=none} (the module's test
 * configuration), so that the vector products run from the first step.
 */
class TrainingWithVectorProductsTest {
    @Test
    void vectorAndScalarProductsTrainTheSameBits() throws IOException, InterruptedException {
        List<String> vector = TrainingBits.lines();
        assertTrue(vector.get(0).startsWith("vector-"), vector.get(0));
        Child scalar = child("-Dsobolev.simd=off");
        assertEquals(0, scalar.exit, scalar.err);
        assertEquals("scalar", scalar.out.get(0));
        assertEquals(vector.size(), scalar.out.size());
        assertEquals(scalar.out.subList(1, scalar.out.size()), vector.subList(1, vector.size()));
    }

    @Test
    void aPropertyValueThatIsNoModeStopsTrainingWithAMessageThatNamesIt() throws IOException, InterruptedException {
        Child mode = child("-Dsobolev.simd=fast");
        assertEquals(1, mode.exit);
        assertTrue(mode.err.contains("IllegalArgumentException: evaluator mode (system property sobolev.simd) must be "
                + "auto, training or off, got fast"), mode.err);
        Child warmUp = child("-Dsobolev.simd.warmup=later");
        assertEquals(1, warmUp.exit);
        assertTrue(warmUp.err.contains("IllegalArgumentException: system property sobolev.simd.warmup must be "
                + "background or none, got later"), warmUp.err);
    }

    /** A finished child JVM: its exit code and output lines and its standard error. */
    private record Child(int exit, List<String> out, String err) {
    }

    /** Runs {@link TrainingBits} in a child JVM on this class path with the vector module and one more option. */
    private static Child child(String option) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", option,
                "-cp", System.getProperty("java.class.path"), TrainingBits.class.getName())
                .redirectErrorStream(false).start();
        List<String> out;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            out = in.lines().collect(Collectors.toList());
        }
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Child(child.waitFor(), out, err);
    }
}
