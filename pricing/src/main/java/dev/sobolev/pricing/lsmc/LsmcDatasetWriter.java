package dev.sobolev.pricing.lsmc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.Version;
import dev.sobolev.pricing.bachelier.BachelierBasket;
import dev.sobolev.core.dataset.BlockStreamWriter;
import dev.sobolev.core.dataset.Columns;
import dev.sobolev.core.dataset.DatasetWriter;
import dev.sobolev.core.io.DiskSpace;
import dev.sobolev.core.random.RandomStreams;

/**
 * Writes an {@link LsmcJob} as a data set directory (DESIGN.md "File formats"): {@code X}, {@code Y},
 * {@code dYdX}, optionally {@code directions} and {@code hv}, {@code meta.json}, and a {@code test/}
 * directory with exact labels {@code X}, {@code Y}, {@code dYdX}, {@code gamma}.
 *
 * <p>Rows are generated and written in chunks of whole 4096-row blocks, so memory stays bounded (about
 * 64 MiB of buffers) for any size, and the bytes on disk equal those of in-memory generation
 * ({@link LsmcGenerator}) for any thread count. Everything is written to a staging directory that is renamed
 * into place only when complete; a failure or interruption leaves no partial output.
 */
public final class LsmcDatasetWriter {
    private LsmcDatasetWriter() {
    }

    /**
     * Runs the job.
     *
     * @param job      what to generate
     * @param out      target directory (must not exist or be empty)
     * @param progress called with the number of rows written so far (training then test), may be null
     * @return the target directory
     */
    public static Path write(LsmcJob job, Path out, LongConsumer progress) {
        LsmcRecipe recipe = job.recipe();
        int d = recipe.dimension();
        double[][] directions = job.secondOrder() == null ? new double[0][]
                : job.secondOrder().directions(recipe, RandomStreams.stream(job.seed(), RandomStreams.AUXILIARY, 1));
        LabelKernel kernel = new LabelKernel(recipe, directions);
        int k = directions.length;
        double perValue = job.format().maxBytesPerValue();
        double training = (double) job.size() * (2 * d + 1 + (long) k * d) * perValue;
        DiskSpace.require(out, training, "size", job.size());
        DiskSpace.require(out, training + (double) job.testSize() * (2 * d + 2) * perValue, "testSize", job.testSize());
        LongConsumer report = progress == null ? n -> { } : progress;
        try (DatasetWriter writer = DatasetWriter.create(out, job.format())) {
            writeTraining(job, kernel, writer, report);
            if (k > 0) {
                DatasetWriter.ArrayOutput dirs = writer.array("directions", k, d);
                for (double[] v : directions) {
                    dirs.write(v, 0, 1);
                }
            }
            writer.writeMeta("", trainingMeta(job, directions));
            if (job.testSize() > 0) {
                writeTest(job, kernel, writer, report);
                writer.writeMeta("test", testMeta(job));
            }
            return writer.commit();
        }
    }

    private static void writeTraining(LsmcJob job, LabelKernel kernel, DatasetWriter writer, LongConsumer report) {
        int d = kernel.dimension();
        int k = kernel.directionCount();
        List<BlockStreamWriter.Array> arrays = new ArrayList<>(List.of(new BlockStreamWriter.Array("X", d),
                new BlockStreamWriter.Array("Y"), new BlockStreamWriter.Array("dYdX", d)));
        if (k > 0) {
            arrays.add(new BlockStreamWriter.Array("hv", k, d));
        }
        BlockStreamWriter.write(writer, arrays, job.size(), RandomStreams.of(job.seed(), RandomStreams.TRAINING),
                job.threads(), LsmcGenerator.trainingFiller(kernel), report);
    }

    private static void writeTest(LsmcJob job, LabelKernel kernel, DatasetWriter writer, LongConsumer report) {
        int d = kernel.dimension();
        List<BlockStreamWriter.Array> arrays = List.of(new BlockStreamWriter.Array("test/X", d),
                new BlockStreamWriter.Array("test/Y"), new BlockStreamWriter.Array("test/dYdX", d),
                new BlockStreamWriter.Array("test/gamma"));
        BlockStreamWriter.write(writer, arrays, job.testSize(), RandomStreams.of(job.seed(), RandomStreams.TEST),
                job.threads(), LsmcGenerator.testFiller(kernel), n -> report.accept(job.size() + n));
    }

    private static ObjectNode common(LsmcJob job, String split, long size) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode m = f.objectNode();
        m.put("format", "sobolev-dataset");
        m.put("formatVersion", 1);
        m.put("software", "sobolev " + Version.get());
        m.put("generator", "bachelier-lsmc");
        m.put("recipe", job.recipe().name());
        m.put("split", split);
        m.put("size", size);
        m.put("seed", job.seed());
        m.put("rng", "xoshiro256++ (Commons RNG), stream family " + ("train".equals(split) ? 0 : 1)
                + ", one jumped stream per " + BlockStreamWriter.BLOCK_ROWS + "-row block");
        m.set("market", market(job.recipe()));
        Columns.numbered("S", job.recipe().dimension(), "price", "price", 1, "price").writeTo(m);
        return m;
    }

    private static ObjectNode trainingMeta(LsmcJob job, double[][] directions) {
        ObjectNode m = common(job, "train", job.size());
        LsmcRecipe r = job.recipe();
        m.put("payoff", r.payoff().describe());
        m.put("antithetic", true);
        m.put("inputs", "X = S(T1) = S(0) + volMult*sqrt(T1)*diag(vols)*R*z");
        m.put("labels", "Y = (f(B+) + f(B-))/2, dYdX = (f'(B+) + f'(B-))/2 * weights, B = basket at T2");
        if (directions.length > 0) {
            ObjectNode so = m.putObject("secondOrder");
            so.put("kind", job.secondOrder().kind().name().toLowerCase(java.util.Locale.ROOT));
            so.put("count", directions.length);
            so.put("labels", "hv[k] = (f''(B+) + f''(B-))/2 * (weights . directions[k]) * weights");
        }
        if (job.testSize() > 0) {
            m.put("test", "test/");
        }
        return m;
    }

    private static ObjectNode testMeta(LsmcJob job) {
        ObjectNode m = common(job, "test", job.testSize());
        LsmcRecipe r = job.recipe();
        m.put("inputs", "uniform on [" + r.testLower() + ", " + r.testUpper() + "]^" + r.dimension());
        m.put("labels", "exact Bachelier basket call at tau = T2 - T1: Y = price, dYdX = deltas, gamma = 1'H1");
        m.put("testLower", r.testLower());
        m.put("testUpper", r.testUpper());
        return m;
    }

    private static ObjectNode market(LsmcRecipe r) {
        BachelierBasket o = r.option();
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("dimension", o.dimension());
        m.put("published", r.published());
        if (!r.published()) {
            m.put("marketSeed", r.marketSeed());
            m.put("marketGenerator", "Huge-Savine: corr from R'R, R ~ U(-1,1)^(2d x d); weights U(1,10); vols U(5,50)"
                    + " rescaled to basket vol " + LsmcRecipe.BASKET_VOL);
        }
        m.set("spots", array(o.spots()));
        m.set("weights", array(o.weights()));
        m.set("vols", array(o.vols()));
        ArrayNode corr = m.putArray("correlation");
        for (double[] row : o.correlation()) {
            corr.add(array(row));
        }
        m.put("strike", o.strike());
        m.put("t1", r.t1());
        m.put("t2", r.t1() + o.maturity());
        m.put("volMult", r.volMult());
        m.put("basketVol", o.basketVol());
        return m;
    }

    private static ArrayNode array(double[] v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }
}
