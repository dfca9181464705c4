package dev.sobolev.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.sobolev.surrogate.api.DomainPolicy;
import dev.sobolev.surrogate.api.Pricer;
import dev.sobolev.surrogate.api.Quote;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.ModelSchema;

/**
 * The pricing API over the SIMD evaluator gives the surrogate's bits. Allocation is not asserted here: whether the
 * Vector API's boxes are eliminated depends on the JIT's inlining (measured from 0 to 65 kB per round of calls in
 * the same test), so it is left to the JMH benchmarks.
 */
class PricerOnVectorEvaluatorTest {
    /** The 433-parameter net [7, 8×6, 1] of the pruning table. */
    private static Surrogate model() {
        int[] w = {7, 8, 8, 8, 8, 8, 8, 1};
        SplittableRandom r = new SplittableRandom(12);
        double[] p = new double[Mlp.parameterCount(w)];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-0.6, 0.6);
        }
        double[] mean = new double[7];
        double[] sd = new double[7];
        Arrays.fill(mean, 1.0);
        Arrays.fill(sd, 0.2);
        return new Surrogate(new Mlp(w, Activation.SILU, Activation.IDENTITY, p),
                new Normalisation(mean, sd, new double[] {0.1}, new double[] {0.15}), new VectorEvaluatorProvider());
    }

    @Test
    void pricesAreTheSurrogatesBits() {
        Surrogate m = model();
        assertEquals(new VectorEvaluatorProvider().name(), m.evaluator());
        Pricer p = Pricer.of(m, ModelSchema.unknown(7, 1), DomainPolicy.FLAG);
        Quote q = p.newQuote();
        SplittableRandom r = new SplittableRandom(4);
        int n = 100;
        double[] book = new double[7 * n];
        for (int i = 0; i < book.length; i++) {
            book[i] = r.nextDouble(0.5, 1.5);
        }
        double[] values = new double[n];
        double[] deltas = new double[7 * n];
        p.priceBook(book, values, deltas, null);
        double[] g = new double[7];
        for (int row = 0; row < n; row++) {
            double[] x = Arrays.copyOfRange(book, 7 * row, 7 * row + 7);
            double y = m.valueAndGradient(x, g);
            assertEquals(y, p.price(x, q), 0.0);
            assertEquals(y, values[row], 0.0);
            for (int j = 0; j < 7; j++) {
                assertEquals(g[j], q.delta(j), 0.0);
                assertEquals(g[j], deltas[7 * row + j], 0.0);
            }
        }
        double[] hv = new double[7];
        double[] x = Arrays.copyOf(book, 7);
        m.hessianVector(x, new double[] {1, 1, 1, 1, 1, 1, 1}, hv);
        double gamma = 0;
        for (double e : hv) {
            gamma += e;
        }
        p.priceWithGamma(x, q);
        assertEquals(gamma, q.gamma(), 0.0);
    }
}
