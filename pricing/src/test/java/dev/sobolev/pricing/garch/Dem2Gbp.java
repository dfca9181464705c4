package dev.sobolev.pricing.garch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The FCP benchmark data and published numbers (REFERENCES.md §3). */
final class Dem2Gbp {
    private Dem2Gbp() {
    }

    /** data/dem2gbp.csv at the repository root (tests run in the module directory). */
    static double[] series() {
        Path p = Path.of("..", "data", "dem2gbp.csv");
        try {
            List<String> lines = Files.readAllLines(p);
            return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FCP benchmark estimates (Fiorentini, Calzolari & Panattoni 1996; REFERENCES.md §3). */
    static final Garch11 ESTIMATE = new Garch11(-0.0061904083799, 0.0107613978518, 0.15313406182, 0.80597367031);
    /** FCP benchmark log-likelihood at the optimum (REFERENCES.md §3). */
    static final double LOGLIK = -1106.60788104129;
    /** SEs from the Hessian (REFERENCES.md §3), as published (6 significant digits). */
    static final String[] SE_HESSIAN = {"0.00846212", "0.00285271", "0.0265228", "0.0335527"};
    /** SEs from the outer product of gradients (REFERENCES.md §3), as published. */
    static final String[] SE_OPG = {"0.00843359", "0.00132298", "0.0139737", "0.0165604"};
    /** QML sandwich SEs (REFERENCES.md §3), as published (7-8 significant digits). */
    static final String[] SE_SANDWICH = {"0.0091893540", "0.006493186", "0.053531703", "0.07246145"};
}
