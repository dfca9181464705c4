package dev.sobolev.surrogate.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.io.VersionOneFixture;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Mlp;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Surrogate;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

class PricerTest {
    @TempDir
    Path tmp;

    /** A 3-input softplus net with two outputs, scaled as a trained one would be; inputs S1..S3 in [0.5, 1.5]. */
    static Surrogate model() {
        int[] w = {3, 8, 8, 2};
        SplittableRandom r = new SplittableRandom(17);
        double[] p = new double[Mlp.parameterCount(w)];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble(-1, 1) / 2;
        }
        return new Surrogate(new Mlp(w, Activation.SOFTPLUS, Activation.IDENTITY, p),
                new Normalisation(new double[] {1.0, 0.9, 1.1}, new double[] {0.3, 0.25, 0.2}, new double[] {0.1, 2},
                        new double[] {0.15, 3}));
    }

    static final ModelSchema SCHEMA = new ModelSchema(List.of(new InputSpec("S1", "price", 0.5, 1.5, 1.0, 0.3),
            new InputSpec("S2", "price", 0.5, 1.5, 0.9, 0.25), new InputSpec("S3", "price", 0.5, 1.5, 1.1, 0.2)),
            List.of(new OutputSpec("price", "price"), new OutputSpec("vega", "price")));

    private static Pricer pricer(DomainPolicy policy) {
        return Pricer.of(model(), SCHEMA, policy);
    }

    private static double[] point(SplittableRandom r, double lo, double hi) {
        return new double[] {r.nextDouble(lo, hi), r.nextDouble(lo, hi), r.nextDouble(lo, hi)};
    }

    @Test
    void deltasGammaAndHessianVectorMatchFiniteDifferences() {
        for (int k = 0; k < 2; k++) {
            Pricer p = pricer(DomainPolicy.FLAG).withOutput(k);
            Quote q = p.newQuote();
            Quote up = p.newQuote();
            Quote dn = p.newQuote();
            SplittableRandom r = new SplittableRandom(5);
            double h = 1e-5;
            for (int t = 0; t < 20; t++) {
                double[] x = point(r, 0.6, 1.4);
                double[] v = point(r, -1, 1);
                p.priceWithGamma(x, q);
                double gamma = q.gamma();
                for (int j = 0; j < 3; j++) {
                    double[] xu = x.clone();
                    double[] xd = x.clone();
                    xu[j] += h;
                    xd[j] -= h;
                    double fd = (p.price(xu, up) - p.price(xd, dn)) / (2 * h);
                    assertEquals(fd, q.delta(j), 1e-7 * Math.max(1, Math.abs(fd)), "delta " + j);
                }
                // gamma = d/dε Σⱼ ∂y/∂xⱼ(x + ε1)
                p.price(shift(x, new double[] {1, 1, 1}, h), up);
                p.price(shift(x, new double[] {1, 1, 1}, -h), dn);
                double fdGamma = 0;
                for (int j = 0; j < 3; j++) {
                    fdGamma += (up.delta(j) - dn.delta(j)) / (2 * h);
                }
                assertEquals(fdGamma, gamma, 1e-6 * Math.max(1, Math.abs(fdGamma)), "gamma");
                // H·v = d/dε ∇y(x + εv)
                p.priceAlong(x, v, q);
                p.price(shift(x, v, h), up);
                p.price(shift(x, v, -h), dn);
                for (int j = 0; j < 3; j++) {
                    double fd = (up.delta(j) - dn.delta(j)) / (2 * h);
                    assertEquals(fd, q.hessianVector(j), 1e-6 * Math.max(1, Math.abs(fd)), "H·v " + j);
                }
                assertTrue(Double.isNaN(q.gamma()));
            }
        }
    }

    private static double[] shift(double[] x, double[] v, double h) {
        double[] y = x.clone();
        for (int j = 0; j < y.length; j++) {
            y[j] += h * v[j];
        }
        return y;
    }

    @Test
    void pricesAreTheModelsBitsAndABookGivesTheSameBitsAsSinglePoints() {
        Surrogate m = model();
        Pricer p = Pricer.of(m, SCHEMA, DomainPolicy.FLAG);
        Quote q = p.newQuote();
        SplittableRandom r = new SplittableRandom(9);
        int n = 150;
        double[] book = new double[3 * n];
        for (int i = 0; i < book.length; i++) {
            book[i] = r.nextDouble(0.3, 1.7);
        }
        double[] values = new double[n];
        double[] deltas = new double[3 * n];
        boolean[] outside = new boolean[n];
        int flagged = p.priceBook(book, values, deltas, outside);
        int counted = 0;
        for (int row = 0; row < n; row++) {
            double[] x = Arrays.copyOfRange(book, 3 * row, 3 * row + 3);
            double[] g = new double[3];
            double y = m.valueAndGradient(x, g);
            assertEquals(y, p.price(x, q), 0.0);
            assertEquals(y, values[row], 0.0);
            for (int j = 0; j < 3; j++) {
                assertEquals(g[j], q.delta(j), 0.0);
                assertEquals(g[j], deltas[3 * row + j], 0.0);
            }
            double[] hv = new double[3];
            m.hessianVector(x, new double[] {1, 1, 1}, hv);
            p.priceWithGamma(x, q);
            assertEquals(hv[0] + hv[1] + hv[2], q.gamma(), 0.0);
            assertEquals(q.outside(), outside[row]);
            counted += outside[row] ? 1 : 0;
        }
        assertEquals(counted, flagged);
        assertTrue(flagged > 10 && flagged < n, "rows outside: " + flagged);
        double[] copy = new double[3];
        q.copyDeltas(copy);
        assertEquals(q.delta(2), copy[2], 0.0);
    }

    @Test
    void eightThreadsSharingOnePricerGiveTheBitsOfOneThread() throws Exception {
        Pricer p = pricer(DomainPolicy.CLAMP);
        SplittableRandom r = new SplittableRandom(2024);
        int n = 2000;
        double[][] xs = new double[n][];
        double[] book = new double[3 * n];
        for (int i = 0; i < n; i++) {
            xs[i] = point(r, 0.4, 1.6);
            System.arraycopy(xs[i], 0, book, 3 * i, 3);
        }
        long[] alone = run(p, xs, book);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> run(p, xs, book)));
            }
            for (Future<long[]> f : runs) {
                assertArrayEquals(alone, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Bits of value, deltas, gamma and outside flag per point, then of the book's values and deltas. */
    private static long[] run(Pricer p, double[][] xs, double[] book) {
        Quote q = p.newQuote();
        int n = xs.length;
        long[] out = new long[n * 6 + n * 4];
        for (int i = 0; i < n; i++) {
            p.priceWithGamma(xs[i], q);
            out[6 * i] = Double.doubleToRawLongBits(q.value());
            for (int j = 0; j < 3; j++) {
                out[6 * i + 1 + j] = Double.doubleToRawLongBits(q.delta(j));
            }
            out[6 * i + 4] = Double.doubleToRawLongBits(q.gamma());
            out[6 * i + 5] = q.outside() ? 1 : 0;
        }
        double[] values = new double[n];
        double[] deltas = new double[3 * n];
        p.priceBook(book, values, deltas, null);
        for (int i = 0; i < n; i++) {
            out[6 * n + i] = Double.doubleToRawLongBits(values[i]);
        }
        for (int i = 0; i < 3 * n; i++) {
            out[7 * n + i] = Double.doubleToRawLongBits(deltas[i]);
        }
        return out;
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(InvalidParameterException.class, call).getMessage());
    }

    @Test
    void nonFiniteInputsAndWrongLengthsAreNamedByIndexAndName() {
        Pricer p = pricer(DomainPolicy.FLAG);
        Quote q = p.newQuote();
        assertMessage("x[1] (S2) must be finite, got NaN", () -> p.price(new double[] {1, Double.NaN, 1}, q));
        assertMessage("x[2] (S3) must be finite, got -Infinity",
                () -> p.priceWithGamma(new double[] {1, 1, Double.NEGATIVE_INFINITY}, q));
        assertMessage("x has length 2, the model takes 3 inputs (S1, S2, S3)", () -> p.price(new double[2], q));
        assertMessage("v[0] (S1) must be finite, got Infinity",
                () -> p.priceAlong(new double[] {1, 1, 1}, new double[] {Double.POSITIVE_INFINITY, 0, 0}, q));
        assertMessage("v has length 4, the model takes 3 inputs (S1, S2, S3)",
                () -> p.priceAlong(new double[] {1, 1, 1}, new double[4], q));
        assertMessage("xs[4] (row 1, S2) must be finite, got NaN", () -> p.priceBook(
                new double[] {1, 1, 1, 1, Double.NaN, 1}, new double[2], null, null));
        assertMessage("xs has length 5, not a whole number of points of 3 inputs (S1, S2, S3)",
                () -> p.priceBook(new double[5], new double[2], null, null));
        assertMessage("values has length 1, the book has 2 points",
                () -> p.priceBook(new double[6], new double[1], null, null));
        assertMessage("deltas has length 5, the book needs 6 (2 points of 3 inputs)",
                () -> p.priceBook(new double[6], new double[2], new double[5], null));
        assertMessage("output must be in 0..1, got 2", () -> p.withOutput(2));
        Pricer seven = Pricer.of(new Surrogate(new Mlp(new int[] {7, 2, 1}, Activation.TANH, Activation.IDENTITY,
                new double[19]), Normalisation.identity(7, 1)), ModelSchema.unknown(7, 1), DomainPolicy.FLAG);
        assertMessage("x has length 5, the model takes 7 inputs (x1..x7)", () -> seven.price(new double[5],
                seven.newQuote()));
        assertMessage("quote holds 7 inputs, the model takes 3 inputs (S1, S2, S3)",
                () -> p.price(new double[] {1, 1, 1}, seven.newQuote()));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> p.price(new double[] {1, Double.NaN, 1}, q));
        assertEquals("x[1] (S2)", e.parameter());
        assertEquals("must be finite, got NaN", e.detail());
    }

    @Test
    void flagPricesThePointAndSaysWhichInputsWereOutside() {
        Pricer p = pricer(DomainPolicy.FLAG);
        Quote q = p.newQuote();
        double[] x = {1.7, 1.0, 0.2};
        assertEquals(model().value(x), p.price(x, q), 0.0);
        assertTrue(q.outside());
        assertTrue(q.outside(0) && !q.outside(1) && q.outside(2));
        assertEquals(1.7, q.pricedInput(0), 0.0);
        p.price(new double[] {1.5, 0.5, 1.0}, q); // the bounds belong to the box
        assertFalse(q.outside());
    }

    @Test
    void clampPricesAtTheNearestPointOfTheBoxAndReportsIt() {
        Pricer p = pricer(DomainPolicy.CLAMP);
        Quote q = p.newQuote();
        double[] x = {1.7, 1.0, 0.2};
        double[] nearest = {1.5, 1.0, 0.5};
        double[] g = new double[3];
        assertEquals(model().valueAndGradient(nearest, g), p.priceWithGamma(x, q), 0.0);
        assertEquals(g[2], q.delta(2), 0.0);
        assertTrue(q.outside(0) && !q.outside(1) && q.outside(2));
        for (int j = 0; j < 3; j++) {
            assertEquals(nearest[j], q.pricedInput(j), 0.0);
        }
        assertEquals(x[0], 1.7, 0.0, "the caller's point is not modified");
        Quote atBox = p.newQuote();
        pricer(DomainPolicy.FLAG).priceWithGamma(nearest, atBox);
        assertEquals(atBox.gamma(), q.gamma(), 0.0);
        double[] book = {1.7, 1.0, 0.2, 1.0, 1.0, 1.0};
        double[] values = new double[2];
        boolean[] outside = new boolean[2];
        assertEquals(1, p.priceBook(book, values, null, outside));
        assertEquals(q.value(), values[0], 0.0);
        assertEquals(model().value(new double[] {1, 1, 1}), values[1], 0.0);
        assertArrayEquals(new boolean[] {true, false}, outside);
        assertEquals(1.7, book[0], 0.0, "the caller's book is not modified");
    }

    @Test
    void rejectRefusesThePointNamingTheInputItsValueAndTheBox() {
        Pricer p = pricer(DomainPolicy.REJECT);
        Quote q = p.newQuote();
        assertMessage("x[1] (S2) must lie in the training domain [0.5, 1.5], got 2.0",
                () -> p.price(new double[] {1, 2, 1}, q));
        assertMessage("x[0] (S1) must lie in the training domain [0.5, 1.5], got 0.49",
                () -> p.priceAlong(new double[] {0.49, 1, 1}, new double[] {1, 0, 0}, q));
        double[] values = {-1, -1};
        assertMessage("xs[5] (row 1, S3) must lie in the training domain [0.5, 1.5], got 1.6",
                () -> p.priceBook(new double[] {1, 1, 1, 1, 1, 1.6}, values, null, null));
        assertArrayEquals(new double[] {-1, -1}, values, "no row of a refused book is priced");
        assertEquals(model().value(new double[] {1.5, 0.5, 1}), p.price(new double[] {1.5, 0.5, 1}, q), 0.0);
        assertFalse(q.outside());
    }

    @Test
    void aVersionOneModelFilePricesToTheRecordedBitsUnderEveryPolicy() {
        for (DomainPolicy policy : DomainPolicy.values()) {
            Pricer p = Pricer.load(VersionOneFixture.file(), policy);
            Quote q = p.newQuote();
            for (VersionOneFixture.Point pt : VersionOneFixture.points()) {
                assertEquals(pt.value(), Double.doubleToRawLongBits(p.priceAlong(pt.x(), VersionOneFixture.DIRECTION,
                        q)));
                for (int j = 0; j < 3; j++) {
                    assertEquals(pt.gradient()[j], Double.doubleToRawLongBits(q.delta(j)));
                    assertEquals(pt.hv()[j], Double.doubleToRawLongBits(q.hessianVector(j)));
                }
                assertFalse(q.outside(), "a version-1 file has no domain");
            }
            assertTrue(Double.isFinite(p.price(new double[] {1e6, -1e6, 0}, q)));
            assertFalse(q.outside(), "far from the data, but a version-1 file has no domain to be outside of");
        }
    }

    @Test
    void loadsAModelFileWithItsSchema() {
        Path f = ModelFile.write(model(), SCHEMA, null, tmp.resolve("m.json"));
        Pricer p = Pricer.load(f, DomainPolicy.REJECT).withPolicy(DomainPolicy.FLAG);
        assertEquals(SCHEMA, p.schema());
        assertEquals(DomainPolicy.FLAG, p.policy());
        assertEquals(3, p.inputs());
        Pricer vega = p.withOutput(1);
        assertEquals(1, vega.output());
        assertEquals(model().value(new double[] {1, 1, 1}, 1), vega.price(new double[] {1, 1, 1}, vega.newQuote()),
                0.0);
    }

    @Test
    void theHotPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Pricer flag = pricer(DomainPolicy.FLAG);
        Pricer clamp = pricer(DomainPolicy.CLAMP);
        Quote q = flag.newQuote();
        double[] x = {0.9, 1.2, 1.6};
        double[] v = {0.3, -1, 0.5};
        double[] book = new double[3 * 40];
        Arrays.fill(book, 1.7);
        double[] values = new double[40];
        double[] deltas = new double[3 * 40];
        boolean[] outside = new boolean[40];
        Runnable calls = () -> {
            flag.price(x, q);
            flag.priceWithGamma(x, q);
            flag.priceAlong(x, v, q);
            clamp.price(x, q);
            flag.priceBook(book, values, deltas, outside);
            clamp.priceBook(book, values, deltas, outside);
        };
        for (int i = 0; i < 20_000; i++) {
            calls.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            calls.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "10,000 rounds of calls allocated " + allocated + " bytes");
    }
}
