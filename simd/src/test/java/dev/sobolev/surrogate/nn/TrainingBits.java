package dev.sobolev.surrogate.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.sobolev.surrogate.train.Schedule;
import dev.sobolev.surrogate.train.Trainer;
import dev.sobolev.surrogate.train.TrainingConfig;
import dev.sobolev.surrogate.train.TrainingData;

/**
 * Trains two small nets a few epochs and gives the raw bits of their parameters, one hexadecimal line each,
 * after a first line naming the layer products in use: the directional form (one output, widths 33, 20 and 5
 * that leave remainders of every kind) and the Jacobian form (two outputs), on two threads. Run as a main class
 * by {@link TrainingWithVectorProductsTest} in a child JVM with {@code -Dsobolev.simd=off}.
 */
final class TrainingBits {
    private TrainingBits() {
    }

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(TrainingProducts.name());
        for (int outputs = 1; outputs <= 2; outputs++) {
            int n = 700;
            int d = 3;
            SplittableRandom r = new SplittableRandom(28 + outputs);
            double[] x = new double[n * d];
            double[] y = new double[n * outputs];
            double[] g = new double[n * outputs * d];
            for (int i = 0; i < n; i++) {
                double a = r.nextDouble(-1, 1);
                double b = r.nextDouble(-1, 1);
                double c = r.nextDouble(-1, 1);
                x[d * i] = a;
                x[d * i + 1] = b;
                x[d * i + 2] = c;
                for (int k = 0; k < outputs; k++) {
                    double s = k + 1;
                    y[outputs * i + k] = Math.sin(2 * s * a) + b * b - s * a * c;
                    int at = (outputs * i + k) * d;
                    g[at] = 2 * s * Math.cos(2 * s * a) - s * c;
                    g[at + 1] = 2 * b;
                    g[at + 2] = -s * a;
                }
            }
            TrainingConfig config = TrainingConfig.builder().hidden(33, 20, 5).alpha(0.5)
                    .schedule(new Schedule.Cosine(0.01, 1e-4)).epochs(4).batchSize(100).validationFraction(0.1)
                    .threads(2).build();
            Trainer.Result result = Trainer.train(new TrainingData(x, y, g, null, null, n), config, null);
            for (double v : result.model().network().parameters()) {
                out.add(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
        }
        return out;
    }

    /** Prints {@link #lines()}. */
    public static void main(String[] args) {
        for (String line : lines()) {
            System.out.println(line);
        }
    }
}
