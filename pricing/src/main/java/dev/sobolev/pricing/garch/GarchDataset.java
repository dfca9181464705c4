package dev.sobolev.pricing.garch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;

import org.apache.commons.rng.UniformRandomProvider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Version;
import dev.sobolev.core.dataset.BlockStreamWriter;
import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.dataset.DatasetWriter;
import dev.sobolev.core.io.DiskSpace;
import dev.sobolev.core.random.RandomStreams;
import dev.sobolev.pricing.sensitivities.Sensitivities;

/**
 * The 4-D GARCH(1,1) forecast data set of McDonagh &amp; Chen, "Leveraging Intrinsic Gradient Information for Machine Learning Model Training" (§"4D GARCH", eqs. 12–13): inputs
 * θ = (μ, ω, α, β) ~ U[0, 1]⁴; the last return y_t and last conditional variance σ_t² are known constants;
 * labels the variance forecasts σ²_{t+h}, h = 1..H (H = 5 in the paper) as multi-output Y (n×H) and their
 * exact gradients with respect to θ, dYdX (n×H×4), from {@link GarchForecast#fromState}. The test set
 * (same distribution, family 1 streams) has the same exact labels.
 */
public final class GarchDataset {
    private GarchDataset() {
    }

    /**
     * A generation job.
     *
     * @param size         training rows ≥ 1
     * @param testSize     test rows ≥ 0
     * @param seed         run seed
     * @param threads      worker threads
     * @param lastReturn   y_t, finite
     * @param lastVariance σ_t², finite and &gt; 0
     * @param horizon      H ≥ 1
     * @param format       file format
     */
    public record Job(long size, long testSize, long seed, int threads, double lastReturn, double lastVariance,
                      int horizon, DatasetFormat format) {
        /** Validates the job. */
        public Job {
            if (size < 1) {
                throw new InvalidParameterException("size", "must be >= 1, got " + size);
            }
            if (testSize < 0) {
                throw new InvalidParameterException("testSize", "must be >= 0, got " + testSize);
            }
            if (threads < 1 || threads > 1024) {
                throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
            }
            if (!Double.isFinite(lastReturn)) {
                throw new InvalidParameterException("lastReturn", "must be finite, got " + lastReturn);
            }
            if (!(lastVariance > 0) || !Double.isFinite(lastVariance)) {
                throw new InvalidParameterException("lastVariance", "must be finite and > 0, got " + lastVariance);
            }
            if (horizon < 1 || horizon > 1000) {
                throw new InvalidParameterException("horizon", "must be in [1, 1000], got " + horizon);
            }
        }
    }

    /**
     * Fills rows with θ ~ U[0,1]⁴ and exact forecast labels: the generator behind {@link #write}, for callers that
     * keep the rows in memory (the gradient paper's experiments).
     *
     * @param job  the job (state and horizon; its sizes, threads and format are not used)
     * @param rng  the block's stream
     * @param rows rows to fill
     * @param row0 first row
     * @param x    n×4 inputs
     * @param y    n×H forecasts
     * @param dydx n×H×4 gradients in θ
     */
    public static void fill(Job job, UniformRandomProvider rng, int rows, int row0, double[] x, double[] y,
                            double[] dydx) {
        int horizon = job.horizon();
        double[] zero = new double[5];
        for (int n = 0; n < rows; n++) {
            int row = row0 + n;
            double[] t = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            System.arraycopy(t, 0, x, row * 4, 4);
            Garch11 theta = Garch11.of(t);
            List<Sensitivities> f = GarchForecast.fromState(theta, job.lastReturn() - theta.mu(), job.lastVariance(),
                    zero, horizon);
            for (int k = 0; k < horizon; k++) {
                Sensitivities s = f.get(k);
                y[row * horizon + k] = s.value();
                for (int i = 0; i < 4; i++) {
                    dydx[(row * horizon + k) * 4 + i] = s.delta(i);
                }
            }
        }
    }

    /**
     * Writes the data set (atomically; a failure leaves nothing).
     *
     * @param job      what to write
     * @param out      target directory
     * @param progress rows written so far, may be null
     */
    public static Path write(Job job, Path out, LongConsumer progress) {
        LongConsumer report = progress == null ? n -> { } : progress;
        int h = job.horizon();
        double perRow = (4 + h + 4.0 * h) * job.format().maxBytesPerValue();
        DiskSpace.require(out, job.size() * perRow, "size", job.size());
        DiskSpace.require(out, (job.size() + (double) job.testSize()) * perRow, "testSize", job.testSize());
        BlockStreamWriter.Filler filler = (rng, rows, row0, b) -> fill(job, rng, rows, row0, b[0], b[1], b[2]);
        try (DatasetWriter w = DatasetWriter.create(out, job.format())) {
            BlockStreamWriter.write(w, List.of(new BlockStreamWriter.Array("X", 4), new BlockStreamWriter.Array("Y", h),
                    new BlockStreamWriter.Array("dYdX", h, 4)), job.size(), RandomStreams.of(job.seed(), RandomStreams.TRAINING),
                    job.threads(), filler, report);
            w.writeMeta("", meta(job, "train", job.size()));
            if (job.testSize() > 0) {
                BlockStreamWriter.write(w, List.of(new BlockStreamWriter.Array("test/X", 4),
                        new BlockStreamWriter.Array("test/Y", h), new BlockStreamWriter.Array("test/dYdX", h, 4)),
                        job.testSize(), RandomStreams.of(job.seed(), RandomStreams.TEST), job.threads(), filler,
                        n -> report.accept(job.size() + n));
                w.writeMeta("test", meta(job, "test", job.testSize()));
            }
            return w.commit();
        }
    }

    private static ObjectNode meta(Job job, String split, long size) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("format", "sobolev-dataset");
        m.put("formatVersion", 1);
        m.put("software", "sobolev " + Version.get());
        m.put("generator", "garch11-forecast");
        m.put("source", "McDonagh & Chen, 4D GARCH(1,1) forecast problem (eqs. 12-13)");
        m.put("split", split);
        m.put("size", size);
        m.put("seed", job.seed());
        m.put("inputs", "theta = (mu, omega, alpha, beta) ~ U[0,1]^4");
        m.put("labels", "Y[:, h-1] = sigma^2_{t+h}, h = 1.." + job.horizon() + "; dYdX[:, h-1, :] = d sigma^2_{t+h} / d theta");
        m.put("lastReturn", job.lastReturn());
        m.put("lastVariance", job.lastVariance());
        m.put("horizon", job.horizon());
        List<String> forecasts = new ArrayList<>();
        for (int h = 1; h <= job.horizon(); h++) {
            forecasts.add("h" + h);
        }
        new Columns(List.of("mu", "omega", "alpha", "beta"), Collections.nCopies(4, ""), forecasts,
                Collections.nCopies(job.horizon(), "variance")).writeTo(m);
        return m;
    }
}
