package dev.sobolev.surrogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

/**
 * The README's pricing-API example (the java block after {@code <!-- pricing-api-example -->}) compiled with
 * {@code -Xlint:all -Werror} against the test class path and run on a model file written here, so that it cannot
 * drift from the code.
 */
class ReadmeExampleTest {
    static final String MARKER = "<!-- pricing-api-example -->";

    @TempDir
    Path tmp;

    /** A 7-input model trained on spots in [0.8, 1.2]: named S1..S7, unit price. */
    private Path modelFile() {
        int[] w = {7, 8, 8, 1};
        SplittableRandom r = new SplittableRandom(3);
        double[] p = new double[Mlp.parameterCount(w)];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-1, 1) / 3;
        }
        double[] mean = new double[7];
        double[] sd = new double[7];
        Arrays.fill(mean, 1.0);
        Arrays.fill(sd, 0.12);
        Surrogate model = new Surrogate(new Mlp(w, Activation.SOFTPLUS, Activation.IDENTITY, p),
                new Normalisation(mean, sd, new double[] {0.1}, new double[] {0.05}));
        List<InputSpec> inputs = new ArrayList<>();
        for (int j = 1; j <= 7; j++) {
            inputs.add(new InputSpec("S" + j, "price", 0.8, 1.2, 1.0, 0.12));
        }
        ModelSchema schema = new ModelSchema(inputs, List.of(new OutputSpec("price", "price")));
        return ModelFile.write(model, schema, null, tmp.resolve("model.json"));
    }

    @Test
    void theReadmePricingExampleCompilesAndRuns() throws Exception {
        Path model = modelFile();
        String[] lines = ReadmeExamples.compileAndRun(MARKER, """
                import java.nio.file.Path;

                import dev.sobolev.core.InvalidParameterException;
                import dev.sobolev.surrogate.api.DomainPolicy;
                import dev.sobolev.surrogate.api.Pricer;
                import dev.sobolev.surrogate.api.Quote;""", "Path modelFile", tmp, model);
        Pricer pricer = Pricer.load(model, DomainPolicy.FLAG);
        Quote q = pricer.newQuote();
        pricer.priceWithGamma(new double[] {1.05, 0.98, 1.10, 1.00, 0.95, 1.02, 1.07}, q);
        assertEquals(String.format(Locale.ROOT, "price %.6f delta[0] %.6f gamma %.6f outside false", q.value(),
                q.delta(0), q.gamma()), lines[0]);
        assertTrue(lines[1].startsWith("(H·v)[0] "), lines[1]);
        assertTrue(lines[2].matches("book: 1000 prices, \\d+ outside the training domain") && !lines[2].contains(" 0 "),
                lines[2]);
        assertEquals("x[0] (S1) must lie in the training domain [0.8, 1.2], got 9.0", lines[3]);
    }
}
