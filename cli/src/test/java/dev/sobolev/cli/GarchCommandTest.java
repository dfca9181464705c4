package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class GarchCommandTest {
    private static final String DATA = Path.of("..", "data", "dem2gbp.csv").toString();

    @TempDir
    Path tmp;

    @Test
    void fitReproducesTheBenchmarkThroughTheCommandLine() throws Exception {
        CliRunner.Run r = CliRunner.run("garch", "fit", "--data", DATA, "--json", "--horizon", "250");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertTrue(j.get("converged").asBoolean());
        // REFERENCES.md §3 (FCP benchmark)
        assertEquals(-0.0061904083799, j.get("mu").asDouble(), 1e-12);
        assertEquals(0.0107613978518, j.get("omega").asDouble(), 1e-12);
        assertEquals(0.15313406182, j.get("alpha").asDouble(), 1e-10);
        assertEquals(0.80597367031, j.get("beta").asDouble(), 1e-10);
        assertEquals(-1106.60788104129, j.get("loglik").asDouble(), 1e-8);
        assertEquals(4, j.get("se").get("sandwich").size());
        assertEquals(250, j.get("forecast").size());
        assertEquals(0.263161064269, j.get("forecast").get(249).asDouble(), 1e-10);
        assertEquals(0.114799355978, j.get("hT").asDouble(), 1e-10);
    }

    @Test
    void humanTableAndForecastCommand() throws Exception {
        CliRunner.Run r = CliRunner.run("garch", "fit", "--data", DATA);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("std. error"), r.out());
        assertTrue(r.out().contains("-1106.60788104"), r.out());
        CliRunner.Run f = CliRunner.run("garch", "forecast", "--data", DATA, "--mu", "-0.0061904083799", "--omega",
                "0.0107613978518", "--alpha", "0.15313406182", "--beta", "0.80597367031", "--horizon", "5", "--paths",
                "20000", "--json");
        assertEquals(0, f.code(), f.err());
        JsonNode j = Json.MAPPER.readTree(f.out());
        assertEquals(0.164860609532, j.get("forecast").get(4).asDouble(), 1e-11);
        assertEquals(5, j.get("gradient").get(0).size());
        assertEquals(5, j.get("monteCarlo").get("variance").get("value").size());
    }

    @Test
    void nonConvergenceSaysSoAndExitsNonZero() throws Exception {
        // white noise: the likelihood increases towards alpha = 0 (boundary)
        java.util.Random rnd = new java.util.Random(5); // seed 5: the MLE is at alpha = 0 (checked)
        List<String> lines = new ArrayList<>(List.of("r"));
        for (int i = 0; i < 3000; i++) {
            lines.add(Double.toString(rnd.nextGaussian()));
        }
        Path f = tmp.resolve("white.csv");
        Files.write(f, lines);
        CliRunner.Run r = CliRunner.run("garch", "fit", "--data", f.toString(), "--json");
        assertEquals(GarchCommand.NOT_CONVERGED, r.code());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertFalse(j.get("converged").asBoolean());
        assertFalse(j.has("mu"), "no estimates presented as if converged");
        assertTrue(j.get("message").asText().contains("boundary"), j.toString());
        CliRunner.Run human = CliRunner.run("garch", "fit", "--data", f.toString());
        assertEquals(GarchCommand.NOT_CONVERGED, human.code());
        assertEquals("", human.out());
        assertTrue(human.err().startsWith("sobolev: GARCH fit did not converge"), human.err());
    }

    private CliRunner.Run fitFile(String name, String content, String... extra) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        List<String> args = new ArrayList<>(List.of("garch", "fit", "--data", f.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static void badInput(CliRunner.Run r, String expected) {
        assertEquals(SobolevCli.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains(expected), lines[0]);
    }

    @Test
    void badInputGivesClearMessages() throws IOException {
        StringBuilder ok = new StringBuilder("t,r\n");
        for (int i = 1; i <= 30; i++) {
            ok.append(i).append(',').append(Math.sin(i)).append('\n');
        }
        badInput(fitFile("empty.csv", ""), "is empty");
        badInput(fitFile("short.csv", "r\n0.1\n0.2\n-0.3\n0.1\n0.5\n"), "series must have at least 10 observations, got 5");
        badInput(fitFile("nan.csv", ok.toString().replace("7," + Math.sin(7), "7,NaN")), "line 8 (row 7), column 2: NaN is not allowed");
        badInput(fitFile("const.csv", "r\n" + "0.5\n".repeat(20)), "series is constant");
        badInput(fitFile("ok.csv", ok.toString(), "--column", "price"), "--column price is not a column of");
        badInput(fitFile("garbage.csv", "t,r\n1,0.1\n2,abc\n"), "line 3 (row 2), column 2: cannot parse \"abc\" as a number");
        badInput(fitFile("ragged.csv", "t,r\n1,0.1\n2\n"), "line 3 has 1 values, expected 2");
        badInput(CliRunner.run("garch", "fit", "--data", tmp.resolve("missing.csv").toString()), "does not exist");
        badInput(fitFile("ok2.csv", ok.toString(), "--scale", "0"), "--scale must be finite and non-zero, got 0.0");
        badInput(fitFile("gap.csv", "r\n" + "0.5\n-0.25\n".repeat(10) + "\n0.125\n"), "gap.csv line 22 is blank: a missing "
                + "observation between rows 20 and 21 of the series");
        badInput(fitFile("emptycell.csv", ok.toString().replace("7," + Math.sin(7), "7,")),
                "line 8 (row 7), column 2: empty value");
        badInput(CliRunner.run("garch", "fit", "--data", tmp.toString()), "--data " + tmp + " is a directory");
        badInput(fitFile("ok3.csv", ok.toString(), "--column", "3"), "--column must be a column name or a 1-based index "
                + "in [1, 2]");
    }

    @Test
    void extremeMagnitudesAreRefusedNamingDataAndScale() {
        // 1e-160: the start-value search found no finite likelihood and the fit died with a NullPointerException
        CliRunner.Run tiny = CliRunner.run("garch", "fit", "--data", DATA, "--scale", "1e-160");
        badInput(tiny, "--data " + DATA + " (times --scale 1.0E-160): the series' sample variance 2.2e-321 is too small");
        assertTrue(tiny.err().strip().endsWith("rescale the series, e.g. by 1e160 with --scale"), tiny.err());
        badInput(CliRunner.run("garch", "fit", "--data", DATA, "--scale", "1e160"), "sample variance overflows");
        badInput(CliRunner.run("garch", "forecast", "--data", DATA, "--scale", "1e-80", "--mu", "0", "--omega", "1",
                "--alpha", "0.1", "--beta", "0.8"), "2.2e-161 is too small");
    }

    @Test
    void forecastOverflowAndOnePathAreRefused() {
        String[] explosive = {"garch", "forecast", "--data", DATA, "--mu", "0", "--omega", "1e300", "--alpha", "0.5",
            "--beta", "1.2", "--horizon", "3"};
        badInput(CliRunner.run(explosive), "the in-sample conditional variance h_T is Infinity: it overflows double "
                + "precision");
        CliRunner.Run growing = CliRunner.run(List.of(explosive), "--beta", "0.6", "--horizon", "1000");
        badInput(growing, "the gradient of the variance forecast h_{T+");
        assertTrue(growing.err().contains("} with respect to alpha is Infinity: it overflows double precision"),
                growing.err());
        // one path gave a standard error of 0
        badInput(CliRunner.run("garch", "forecast", "--data", DATA, "--mu", "0", "--omega", "0.01", "--alpha", "0.15",
                "--beta", "0.8", "--paths", "1"), "--paths must be >= 2 (a standard error needs at least 2 samples), got 1");
    }

    @Test
    void columnSelectsByNameOrIndexAndIgnoresADateColumn() throws Exception {
        List<String> lines = new ArrayList<>(List.of("date,price,dem2gbp"));
        List<String> series = Files.readAllLines(Path.of(DATA));
        for (int i = 1; i < series.size(); i++) {
            lines.add(String.format("1984-%03d,n/a,%s", i, series.get(i).split(",")[1]));
        }
        Path f = tmp.resolve("dated.csv");
        Files.write(f, lines);
        for (String column : new String[] {"dem2gbp", "3"}) {
            CliRunner.Run r = CliRunner.run("garch", "fit", "--data", f.toString(), "--column", column, "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(-1106.60788104129, Json.MAPPER.readTree(r.out()).get("loglik").asDouble(), 1e-8);
        }
        badInput(CliRunner.run("garch", "fit", "--data", f.toString(), "--column", "price"),
                "line 2 (row 1), column 2: cannot parse \"n/a\" as a number");
    }
}
