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
 * are chosen once per JVM.
 */
class TrainingWithVectorProductsTest {
    @Test
    void vectorAndScalarProductsTrainTheSameBits() throws IOException, InterruptedException {
        List<String> vector = TrainingBits.lines();
        assertTrue(vector.get(0).startsWith("vector-"), vector.get(0));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Dsobolev.simd=off",
                "-cp", System.getProperty("java.class.path"), TrainingBits.class.getName())
                .redirectErrorStream(false).start();
        List<String> scalar;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            scalar = in.lines().collect(Collectors.toList());
        }
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), err);
        assertEquals("scalar", scalar.get(0));
        assertEquals(vector.size(), scalar.size());
        assertEquals(scalar.subList(1, scalar.size()), vector.subList(1, vector.size()));
    }
}
