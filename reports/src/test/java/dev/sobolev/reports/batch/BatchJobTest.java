package dev.sobolev.reports.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.core.dataset.DatasetReader;
import dev.sobolev.core.provenance.DatasetRef;
import dev.sobolev.reports.MetricsFixtures;
import dev.sobolev.surrogate.api.DomainPolicy;
import dev.sobolev.surrogate.api.Pricer;
import dev.sobolev.surrogate.api.Quote;
import dev.sobolev.surrogate.io.ModelFile;
import dev.sobolev.surrogate.schema.InputSpec;
import dev.sobolev.surrogate.schema.ModelSchema;
import dev.sobolev.surrogate.schema.OutputSpec;

/**
 * The batch engine against the pricing API: every number it writes is the {@link Pricer}'s for the row, bit for
 * bit; the bytes do not depend on threads or chunk sizes; bad rows are rejected with their reasons; a stopped run
 * resumes to the same bytes; a portfolio is the sum of its positions.
 */
class BatchJobTest {
    @TempDir
    static Path dir;
    /** A 7-input model on the Kichler data set's schema (S1..S7, training box of 256 rows), with its provenance. */
    static Path model;
    /** A 3-input model taking S3, S1 and a column Z of its own. */
    static Path other;
    static Pricer pricer;
    static Pricer otherPricer;
    /** 10,000 scenario rows with an id, a quoted date holding a comma, and S1..S7 inside the training box. */
    static Path scenarios;
    static List<String> lines;

    @BeforeAll
    static void fixtures() throws IOException {
        Path data = MetricsFixtures.kichler(dir.resolve("k"), 256, 16);
        Dataset training = DatasetReader.read(data);
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.set("data", new DatasetRef(data.toString(), training.meta().orElseThrow()).toJson());
        ModelSchema schema = ModelSchema.of(training);
        model = ModelFile.write(MetricsFixtures.randomSilu(7, 3), schema, provenance, dir.resolve("m.json"));
        List<InputSpec> in = List.of(schema.input(2), schema.input(0), new InputSpec("Z", "", -5, 5, 0, 1));
        other = ModelFile.write(MetricsFixtures.randomSilu(3, 4), new ModelSchema(in, List.of(new OutputSpec("y",
                ""))), null, dir.resolve("other.json"));
        pricer = Pricer.load(model, DomainPolicy.FLAG);
        otherPricer = Pricer.load(other, DomainPolicy.FLAG);
        lines = new ArrayList<>();
        lines.add("id,date,S1,S2,S3,S4,S5,S6,S7,Z");
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder b = new StringBuilder("s" + i + ",\"7 Dec, 2026\"");
            for (int j = 0; j < 7; j++) {
                InputSpec s = schema.input(j);
                b.append(',').append(s.lower() + (s.upper() - s.lower()) * r.nextDouble());
            }
            b.append(',').append(r.nextDouble(-1, 1));
            lines.add(b.toString());
        }
        scenarios = write("scenarios.csv", lines);
    }

    private static Path write(String name, List<String> content) throws IOException {
        return Files.write(dir.resolve(name), (String.join("\n", content) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static BatchRequest.Builder request(String out) {
        return BatchRequest.builder().model(model).in(scenarios).out(dir.resolve(out)).threads(2);
    }

    private static List<String> read(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    /** The numbers a row appends, after the input line's own fields. */
    private static double[] appended(String outLine, String inLine) {
        assertTrue(outLine.startsWith(inLine + ","), "the input line leads the output line: " + outLine);
        String[] f = outLine.substring(inLine.length() + 1).split(",");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Double.parseDouble(f[i]);
        }
        return v;
    }

    private static double[] inputs(int row) {
        String[] f = lines.get(row + 1).split(",");
        double[] x = new double[7];
        for (int j = 0; j < 7; j++) {
            x[j] = Double.parseDouble(f[3 + j]);
        }
        return x;
    }

    @Test
    void everyValueDeltaAndGammaIsThePricersBitForBit() throws IOException {
        BatchResult plain = BatchJob.run(request("plain.csv").build(), BatchListener.NONE);
        BatchResult gamma = BatchJob.run(request("gamma.csv").gamma(true).build(), BatchListener.NONE);
        double[] v = {0.5, -1, 0, 2, 0.25, 1, -0.75};
        BatchResult along = BatchJob.run(request("along.csv").direction(v).build(), BatchListener.NONE);
        List<String> p = read(plain.output());
        List<String> g = read(gamma.output());
        List<String> a = read(along.output());
        assertEquals(lines.get(0) + ",value,delta_S1,delta_S2,delta_S3,delta_S4,delta_S5,delta_S6,delta_S7", p.get(0));
        assertEquals(p.get(0) + ",gamma", g.get(0));
        assertEquals(g.get(0) + ",hv_S1,hv_S2,hv_S3,hv_S4,hv_S5,hv_S6,hv_S7", a.get(0));
        assertEquals(10_001, p.size());
        Quote q = pricer.newQuote();
        for (int r = 0; r < 10_000; r++) {
            double[] x = inputs(r);
            String in = lines.get(r + 1);
            double[] pv = appended(p.get(r + 1), in);
            pricer.price(x, q);
            assertEquals(q.value(), pv[0], "value of row " + r);
            for (int j = 0; j < 7; j++) {
                assertEquals(q.delta(j), pv[1 + j], "delta " + j + " of row " + r);
            }
            double[] gv = appended(g.get(r + 1), in);
            pricer.priceWithGamma(x, q);
            assertEquals(q.value(), gv[0], "value of row " + r + " with gamma");
            assertEquals(q.gamma(), gv[8], "gamma of row " + r);
            double[] av = appended(a.get(r + 1), in);
            pricer.priceAlong(x, v, q);
            double vhv = 0;
            for (int j = 0; j < 7; j++) {
                assertEquals(q.delta(j), av[1 + j], "delta " + j + " of row " + r + " along v");
                assertEquals(q.hessianVector(j), av[9 + j], "H.v " + j + " of row " + r);
                vhv += v[j] * q.hessianVector(j);
            }
            assertEquals(vhv, av[8], "v'Hv of row " + r);
        }
        assertEquals(10_000, plain.rows());
        assertEquals(0, plain.rejected());
        assertEquals(List.of("line,reason,raw"), read(plain.rejects()));
        assertEquals(10_000, plain.risk().rows());
    }

    /** The summary without its timing rows, which no two runs share. */
    private static List<String> summary(BatchResult r) throws IOException {
        return read(r.summary()).stream().filter(l -> !l.startsWith("run,seconds") && !l.startsWith("run,rowsPer"))
                .toList();
    }

    @Test
    void theBytesDoNotDependOnThreadsOrChunks() throws IOException {
        BatchResult one = BatchJob.run(request("t1.csv").threads(1).base("s17").build(), BatchListener.NONE);
        byte[] bytes = Files.readAllBytes(one.output());
        for (int[] tc : new int[][] {{2, 5_000}, {2, 777}, {3, 4_096}, {1, 333}}) {
            BatchResult r = BatchJob.run(request("t" + tc[0] + "-" + tc[1] + ".csv").threads(tc[0]).chunkRows(tc[1])
                    .base("s17").build(), BatchListener.NONE);
            assertArrayEquals(bytes, Files.readAllBytes(r.output()), "threads " + tc[0] + ", chunks " + tc[1]);
            assertEquals(summary(one), summary(r), "summary with threads " + tc[0] + ", chunks " + tc[1]);
        }
    }

    @Test
    void everyKindOfBadRowIsRejectedWithItsReasonAndEveryGoodRowIsPriced() throws IOException {
        String good = lines.get(1);
        String[] f = good.split(",");
        List<String> in = new ArrayList<>(List.of(lines.get(0), good));
        in.add(good.replace(f[4], ""));
        in.add(good + ",9");
        in.add(good.replace(f[4], "abc"));
        in.add(good.replace(f[6], "NaN"));
        in.add(good.replace(f[6], "1e400"));
        in.add(good.replace(f[3], "99"));
        in.add("s-open,\"7 Dec, 2026,1,2,3,4,5,6,7,0");
        in.add("");
        in.add(good.replace("s0,", "s0-crlf,") + "\r");
        in.add(good.replace("s0,\"7 Dec, 2026\"", "\"s0 \"\"quoted\"\"\",\"a,b\""));
        in.add(good.replace(f[3], "\"" + f[3] + "\"").replace("s0,", "s0-quoted-number,"));
        Path file = write("bad.csv", in);
        BatchResult r = BatchJob.run(BatchRequest.builder().model(model).in(file).out(dir.resolve("bad-out.csv"))
                .domain(DomainPolicy.REJECT).threads(1).build(), BatchListener.NONE);
        InputSpec s1 = pricer.schema().input(0);
        assertEquals(List.of("line,reason,raw",
                "3,\"missing column S2\",\"" + in.get(2).replace("\"", "\"\"") + "\"",
                "4,\"wrong field count: 11, header has 10\",\"" + in.get(3).replace("\"", "\"\"") + "\"",
                "5,\"not a number in S2: \"\"abc\"\"\",\"" + in.get(4).replace("\"", "\"\"") + "\"",
                "6,\"not finite in S4: NaN\",\"" + in.get(5).replace("\"", "\"\"") + "\"",
                "7,\"not finite in S4: 1e400\",\"" + in.get(6).replace("\"", "\"\"") + "\"",
                "8,\"outside the training domain: S1 = 99 above " + s1.upper() + "\",\""
                        + in.get(7).replace("\"", "\"\"") + "\"",
                "9,\"unclosed quote\",\"" + in.get(8).replace("\"", "\"\"") + "\"",
                "10,\"wrong field count: 1, header has 10\",\"\""), read(r.rejects()));
        assertEquals(8, r.rejected());
        assertEquals(4, r.rows());
        List<String> out = read(r.output());
        assertEquals(5, out.size());
        double[] x = inputs(0);
        Quote q = pricer.newQuote();
        pricer.price(x, q);
        int[] goodLines = {1, 10, 11, 12};
        for (int k = 0; k < 4; k++) {
            String line = in.get(goodLines[k]).replace("\r", "");
            assertEquals(q.value(), appended(out.get(k + 1), line)[0], "value of good line " + line);
        }
    }

    /**
     * A row whose results overflow (an input of 1e200 under {@code flag}: the delta-gamma P&L's ½ΔxᵀΓΔx is +∞) goes to
     * the rejects file naming the quantity; the rows around it are priced and the risk figures stay finite.
     */
    @Test
    void aRowWithNonFiniteResultsIsRejectedAndTheRunGoesOn() throws IOException {
        String[] f = lines.get(2).split(",");
        String extreme = lines.get(2).replace("," + f[3] + ",", ",1e200,");
        Path file = write("extreme.csv", List.of(lines.get(0), lines.get(1), extreme, lines.get(3)));
        BatchResult r = BatchJob.run(BatchRequest.builder().model(model).in(file).out(dir.resolve("extreme-out.csv"))
                .base("s0").threads(1).build(), BatchListener.NONE);
        assertEquals(2, r.rows());
        assertEquals(1, r.rejected());
        List<String> rejects = read(r.rejects());
        assertEquals(2, rejects.size());
        assertTrue(rejects.get(1).startsWith("3,\"non-finite "), rejects.get(1));
        List<String> out = read(r.output());
        assertEquals(3, out.size());
        assertTrue(out.get(1).startsWith(lines.get(1) + ","));
        assertTrue(out.get(2).startsWith(lines.get(3) + ","));
        assertTrue(Double.isFinite(r.risk().value().mean()));
    }

    /** A base point outside the training domain is refused under {@code reject}, naming the base and the input. */
    @Test
    void aBaseOutsideTheDomainIsRefusedUnderReject() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> BatchJob.run(
                request("base-out.csv").domain(DomainPolicy.REJECT).base(new double[] {99, 1, 1, 1, 1, 1, 1})
                        .build(), BatchListener.NONE));
        assertEquals("base", e.parameter());
        assertTrue(e.getMessage().contains("S1 = 99.0 lies outside the training domain"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("base-out.csv")));
    }

    @Test
    void aRunStoppedByItsRejectLimitKeepsItsJournalAndResumesToTheSameBytes() throws IOException {
        List<String> in = new ArrayList<>(lines);
        for (int i = 1; i < in.size(); i += 997) {
            in.set(i, in.get(i).replaceFirst(",\"7 Dec, 2026\",[^,]+,", ",\"7 Dec, 2026\",x,"));
        }
        Path file = write("some-bad.csv", in);
        Consumer<BatchRequest.Builder> same = b -> b.model(model).in(file).chunkRows(2_000).threads(2).base(
                new double[] {1, 1, 1, 1, 1, 1, 1});
        BatchRequest.Builder whole = BatchRequest.builder().out(dir.resolve("whole.csv"));
        same.accept(whole);
        BatchResult straight = BatchJob.run(whole.build(), BatchListener.NONE);
        assertEquals(11, straight.rejected());
        BatchRequest.Builder stopped = BatchRequest.builder().out(dir.resolve("stopped.csv")).maxRejects(4);
        same.accept(stopped);
        TooManyRejectsException e = assertThrows(TooManyRejectsException.class,
                () -> BatchJob.run(stopped.build(), BatchListener.NONE));
        assertEquals(5, e.rejected(), "the 2,000-row chunk holding the fifth reject is committed whole");
        assertTrue(Files.exists(e.journal()));
        assertFalse(Files.exists(dir.resolve("stopped.csv")));
        InvalidParameterException refused = assertThrows(InvalidParameterException.class,
                () -> BatchJob.run(stopped.maxRejects(100).build(), BatchListener.NONE));
        assertEquals("resume", refused.parameter());
        BatchResult resumed = BatchJob.run(stopped.resume(true).build(), BatchListener.NONE);
        assertArrayEquals(Files.readAllBytes(straight.output()), Files.readAllBytes(resumed.output()));
        assertArrayEquals(Files.readAllBytes(straight.rejects()), Files.readAllBytes(resumed.rejects()));
        assertEquals(summary(straight), summary(resumed));
        assertFalse(Files.exists(e.journal()));
        assertFalse(Files.exists(dir.resolve("stopped.csv.spill")));

        // stopped in the last chunk, then the files renamed as a run killed before deleting its journal leaves them
        BatchRequest.Builder late = BatchRequest.builder().out(dir.resolve("late.csv")).maxRejects(10);
        same.accept(late);
        assertEquals(11, assertThrows(TooManyRejectsException.class,
                () -> BatchJob.run(late.build(), BatchListener.NONE)).rejected());
        Files.move(dir.resolve("late.csv.partial"), dir.resolve("late.csv"));
        Files.move(dir.resolve("late.csv.rejects.csv.partial"), dir.resolve("late.csv.rejects.csv"));
        BatchResult published = BatchJob.run(late.resume(true).build(), BatchListener.NONE);
        assertArrayEquals(Files.readAllBytes(straight.output()), Files.readAllBytes(published.output()));
        assertArrayEquals(Files.readAllBytes(straight.rejects()), Files.readAllBytes(published.rejects()));
        assertEquals(summary(straight), summary(published));
    }

    @Test
    void aPortfolioIsTheSumOfItsPositions() throws IOException {
        Path book = Files.writeString(dir.resolve("book.csv"), "id,model,quantity\nA,m.json,2\n\nB,other.json,-0.5\n");
        BatchResult r = BatchJob.run(BatchRequest.builder().portfolio(book).in(scenarios).out(dir.resolve("pf.csv"))
                .perPosition(true).gamma(true).threads(2).build(), BatchListener.NONE);
        List<String> out = read(r.output());
        assertEquals(lines.get(0) + ",value,delta_S1,delta_S2,delta_S3,delta_S4,delta_S5,delta_S6,delta_S7,delta_Z,"
                + "gamma,A_value,B_value", out.get(0));
        Quote qa = pricer.newQuote();
        Quote qb = otherPricer.newQuote();
        for (int row = 0; row < 10_000; row += 37) {
            double[] x = inputs(row);
            double z = Double.parseDouble(lines.get(row + 1).split(",")[10]);
            pricer.priceWithGamma(x, qa);
            otherPricer.priceWithGamma(new double[] {x[2], x[0], z}, qb);
            double[] v = appended(out.get(row + 1), lines.get(row + 1));
            assertEquals(2 * qa.value() + -0.5 * qb.value(), v[0], "value of row " + row);
            assertEquals(2 * qa.delta(0) + -0.5 * qb.delta(1), v[1], "delta S1 of row " + row);
            assertEquals(2 * qa.delta(1), v[2], "delta S2 of row " + row);
            assertEquals(2 * qa.delta(2) + -0.5 * qb.delta(0), v[3], "delta S3 of row " + row);
            assertEquals(-0.5 * qb.delta(2), v[8], "delta Z of row " + row);
            assertEquals(2 * qa.gamma() + -0.5 * qb.gamma(), v[9], "gamma of row " + row);
            assertEquals(2 * qa.value(), v[10], "A's value of row " + row);
            assertEquals(-0.5 * qb.value(), v[11], "B's value of row " + row);
        }
    }

    @Test
    void theDeltaGammaPnlUsesTheBasesValueDeltasAndHessian() throws IOException {
        BatchResult r = BatchJob.run(request("base.csv").base("s5").build(), BatchListener.NONE);
        List<String> out = read(r.output());
        assertTrue(out.get(0).endsWith(",pnl,pnl_delta_gamma"));
        double[] x0 = inputs(5);
        Quote q = pricer.newQuote();
        double[][] h = new double[7][7];
        for (int c = 0; c < 7; c++) {
            double[] e = new double[7];
            e[c] = 1;
            pricer.priceAlong(x0, e, q);
            for (int k = 0; k < 7; k++) {
                h[c][k] = q.hessianVector(k);
            }
        }
        double v0 = q.value();
        double[] d0 = new double[7];
        q.copyDeltas(d0);
        for (int row : new int[] {0, 5, 4321}) {
            double[] x = inputs(row);
            double[] v = appended(out.get(row + 1), lines.get(row + 1));
            assertEquals(v[0] - v0, v[8], "P&L of row " + row);
            double first = 0;
            double second = 0;
            for (int c = 0; c < 7; c++) {
                double dc = x[c] - x0[c];
                first += d0[c] * dc;
                double rowSum = 0;
                for (int k = 0; k < 7; k++) {
                    rowSum += h[c][k] * (x[k] - x0[k]);
                }
                second += dc * rowSum;
            }
            assertEquals(first + 0.5 * second, v[9], "delta-gamma P&L of row " + row);
        }
        assertEquals(0.0, appended(out.get(6), lines.get(6))[8], "the base row's own P&L");
        assertTrue(r.risk().pnl().isPresent());
    }

    @Test
    void compareExactWritesTheClosedFormBesideTheSurrogate() throws IOException {
        BatchResult r = BatchJob.run(request("exact.csv").compareExact(true).build(), BatchListener.NONE);
        List<String> out = read(r.output());
        assertTrue(out.get(0).endsWith(",delta_S7,exact_value,exact_delta_S1,exact_delta_S2,exact_delta_S3,"
                + "exact_delta_S4,exact_delta_S5,exact_delta_S6,exact_delta_S7"));
        ExactPricer exact = ExactPricer.of(ModelFile.read(model)).orElseThrow();
        double[] deltas = new double[7];
        double[] v = appended(out.get(1), lines.get(1));
        assertEquals(exact.price(inputs(0), deltas), v[8]);
        assertEquals(deltas[6], v[15]);
        assertTrue(r.risk().exact().isPresent());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> BatchJob.run(
                BatchRequest.builder().model(other).in(scenarios).out(dir.resolve("no-exact.csv")).compareExact(true)
                        .build(), BatchListener.NONE));
        assertEquals("compareExact", e.parameter());
    }

    @Test
    void badSettingsAndFilesAreRefusedNamingTheParameterBeforeAnythingIsWritten() throws IOException {
        Path out = dir.resolve("refused.csv");
        record Case(String parameter, String message, BatchRequest.Builder request) {
        }
        Path badBook = Files.writeString(dir.resolve("bad-book.csv"), "id,model,quantity\nA,m.json,abc\n");
        Path noModel = Files.writeString(dir.resolve("no-model.csv"), "id,model,quantity\nA,m.json,1\nB,nope.json,1\n");
        Path header = Files.writeString(dir.resolve("bad-header.csv"), "id,file,qty\n");
        Path noS3 = write("no-s3.csv", List.of("S1,S2,S4,S5,S6,S7,Z", "1,1,1,1,1,1,1"));
        List<Case> cases = List.of(
                new Case("portfolio", badBook + " line 2: quantity must be a finite number, got 'abc'",
                        BatchRequest.builder().portfolio(badBook)),
                new Case("portfolio", noModel + " line 3: model " + dir.resolve("nope.json"),
                        BatchRequest.builder().portfolio(noModel)),
                new Case("portfolio", header + " line 1: the header must be id,model,quantity",
                        BatchRequest.builder().portfolio(header)),
                new Case("in", noS3 + " line 1: the header has no column S3", BatchRequest.builder().model(model)
                        .in(noS3)),
                new Case("columns", "names X, which the header", BatchRequest.builder().model(model)
                        .columns(List.of("S1", "S2", "S3", "S4", "S5", "S6", "X"))),
                new Case("direction", "has 2 entries, the book has 7 inputs", BatchRequest.builder().model(model)
                        .direction(new double[] {1, 2})),
                new Case("base", "names row nope, which no line of", BatchRequest.builder().model(model).base("nope")),
                new Case("base", "has 2 values, the book has 7 inputs", BatchRequest.builder().model(model)
                        .base(new double[] {1, 2})));
        for (Case c : cases) {
            BatchRequest.Builder b = c.request();
            if (!c.parameter().equals("in")) {
                b.in(scenarios);
            }
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> BatchJob.run(b.out(out).build(), BatchListener.NONE), c.message());
            assertEquals(c.parameter(), e.parameter(), e.getMessage());
            assertTrue(e.detail().startsWith(c.message()) || e.detail().contains(c.message()), e.getMessage());
            assertFalse(Files.exists(out) || Files.exists(dir.resolve("refused.csv.journal")), c.message());
        }
        assertEquals("maxRejects", assertThrows(InvalidParameterException.class,
                () -> request("x.csv").maxRejects(-1).build()).parameter());
        assertEquals("perPosition", assertThrows(InvalidParameterException.class,
                () -> request("x.csv").perPosition(true).build()).parameter());
        assertEquals("model", assertThrows(InvalidParameterException.class,
                () -> BatchRequest.builder().in(scenarios).out(out).build()).parameter());
        assertEquals("direction[1]", assertThrows(InvalidParameterException.class,
                () -> request("x.csv").direction(new double[] {1, Double.NaN}).build()).parameter());
        BatchJob.run(request("exists.csv").build(), BatchListener.NONE);
        assertEquals("out", assertThrows(InvalidParameterException.class,
                () -> BatchJob.run(request("exists.csv").build(), BatchListener.NONE)).parameter());
        assertEquals(10_001, read(BatchJob.run(request("exists.csv").force(true).build(), BatchListener.NONE)
                .output()).size());
    }
}
