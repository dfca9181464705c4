package dev.sobolev.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

class PriceCommandTest {
    private static final String[] GOLDEN = {"price", "bachelier", "--spots", "100,95,105", "--weights", "0.5,0.3,0.2",
        "--vols", "20,15,25", "--corr", "1,0.5,0.3;0.5,1,0.4;0.3,0.4,1", "--strike", "100", "--maturity", "1"};

    private static String[] with(String[] base, String... extra) {
        List<String> a = new ArrayList<>(Arrays.asList(base));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    private static JsonNode json(CliRunner.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, "one JSON object on stdout");
        return Json.MAPPER.readTree(lines[0]);
    }

    @Test
    void goldenClosedForm() throws Exception {
        JsonNode j = json(CliRunner.run(with(GOLDEN, "--json")));
        // REFERENCES.md §1: 5.9110438145
        assertEquals(5.9110438145, j.get("price").asDouble(), 1e-9);
        assertEquals("closed-form", j.get("method").asText());
        assertEquals(3, j.get("delta").size());
        assertEquals(3, j.get("gamma").get(2).size());
        assertTrue(j.has("vega"));
    }

    @Test
    void monteCarloWithinFourStandardErrorsAndSameDigitsForOneAndTwoThreads() throws Exception {
        JsonNode one = json(CliRunner.run(with(GOLDEN, "--json", "--paths", "1000000", "--seed", "7", "--threads", "1")));
        JsonNode two = json(CliRunner.run(with(GOLDEN, "--json", "--paths", "1000000", "--seed", "7", "--threads", "2")));
        double price = one.get("price").asDouble();
        double se = one.get("stderr").asDouble();
        assertTrue(Math.abs(price - 5.9110438145) <= 4 * se, price + " ± " + se);
        assertEquals(one.get("price").asText(), two.get("price").asText());
        assertEquals(one.get("delta").toString(), two.get("delta").toString());
        assertEquals(7, one.get("seed").asLong());
        assertEquals(1_000_000, one.get("paths").asLong());
        assertEquals("monte-carlo", one.get("method").asText());
    }

    @Test
    void smoothedPayoffGivesMonteCarloGammasAndHessianVectorProducts() throws Exception {
        JsonNode j = json(CliRunner.run(with(GOLDEN, "--json", "--paths", "20000", "--payoff", "smoothed-call",
                "--width", "1", "--hv", "1,0,0;0,1,1")));
        assertEquals(3, j.get("gamma").size());
        assertEquals(2, j.get("hv").size());
        assertEquals(3, j.get("standardErrors").get("gamma").size());
    }

    @Test
    void closedFormHessianVectorProductsAreGammaTimesDirection() throws Exception {
        JsonNode j = json(CliRunner.run(with(GOLDEN, "--json", "--hv", "1,1,1")));
        double sum = 0;
        for (JsonNode row : j.get("gamma")) {
            for (JsonNode v : row) {
                sum += v.asDouble();
            }
        }
        double hvSum = 0;
        for (JsonNode v : j.get("hv").get(0)) {
            hvSum += v.asDouble();
        }
        assertEquals(sum, hvSum, 1e-15);
        CliRunner.Run bad = CliRunner.run(with(GOLDEN, "--hv", "1,1"));
        assertEquals(SobolevCli.BAD_INPUT, bad.code());
        assertEquals("sobolev: --hv row 1 has 2 entries, expected 3", bad.err().strip());
    }

    @Test
    void humanOutputIsATable() {
        CliRunner.Run r = CliRunner.run(GOLDEN);
        assertEquals(0, r.code());
        assertTrue(r.out().contains("price"), r.out());
        assertTrue(r.out().contains("5.9110438145"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NaN spot | --spots | 100,NaN,105 | --spots[1] must be finite, got NaN",
        "negative vol | --vols | 20,-15,25 | --vols[1] must be >= 0, got -15.0",
        "mismatched lengths | --weights | 0.5,0.5 | --weights has 2 entries but spots has 3",
        "corr not symmetric | --corr | 1,0.5,0.3;0.6,1,0.4;0.3,0.4,1 | --corr must be symmetric, got 0.6 at [1][0] but 0.5 at [0][1]",
        "corr diagonal | --corr | 1,0.5,0.3;0.5,0.9,0.4;0.3,0.4,1 | --corr[1][1] must be 1, got 0.9",
        "corr not PSD | --corr | 1,0.9,-0.9;0.9,1,0.9;-0.9,0.9,1 | --corr must be positive semi-definite, got smallest eigenvalue -",
        "corr ragged | --corr | 1,0.5;0.5,1,0.4;0.3,0.4,1 | --corr row 0 must have 3 entries, got 2",
        "corr not a number | --corr | 1,x,0.3;0.5,1,0.4;0.3,0.4,1 | --corr: 'x' is not a number (row 1, column 2)",
        "strike NaN | --strike | NaN | --strike must be finite, got NaN",
        "maturity zero | --maturity | 0 | --maturity must be finite and > 0, got 0.0",
        "zero paths | --paths | 0 | --paths must be >= 3 with antithetic variates (a standard error needs at least 2 antithetic pairs), got 0",
        "one path: no standard error | --paths | 1 | --paths must be >= 3 with antithetic variates (a standard error needs at least 2 antithetic pairs), got 1",
        "one antithetic pair | --paths | 2 | --paths must be >= 3 with antithetic variates (a standard error needs at least 2 antithetic pairs), got 2",
        "zero threads | --threads | 0 | --threads must be in [1, 1024], got 0",
        "unknown payoff | --payoff | put | --payoff must be call, smoothed-call, digital or smoothed-digital, got put",
        "bad width | --width | -1 | --width applies to smoothed payoffs only, got --payoff call"})
    void badInputGivesOneLineNamingOptionAndValue(String what, String option, String value, String message) {
        CliRunner.Run r = CliRunner.run(Arrays.asList(with(GOLDEN, "--json")), option, value);
        assertEquals(SobolevCli.BAD_INPUT, r.code(), what);
        assertEquals("", r.out(), "nothing on stdout for " + what);
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("sobolev: " + message), lines[0]);
    }

    @Test
    void unparsableNumberIsAParameterError() {
        CliRunner.Run r = CliRunner.run(with(GOLDEN, "--paths", "many"));
        assertEquals(SobolevCli.BAD_INPUT, r.code());
        assertEquals("sobolev: --paths: 'many' is not an integer\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, CliRunner.run("--help").code());
        assertEquals(0, CliRunner.run("price", "bachelier", "--help").code());
        assertEquals(0, CliRunner.run("dataset", "bachelier", "--help").code());
    }
}
