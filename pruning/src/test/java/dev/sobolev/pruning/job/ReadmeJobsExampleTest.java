package dev.sobolev.pruning.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sobolev.core.dataset.DatasetFormat;
import dev.sobolev.core.dataset.DatasetWriter;
import dev.sobolev.surrogate.api.ReadmeExamples;
import dev.sobolev.surrogate.train.SyntheticData;

/**
 * The README's library-jobs example (the java block after {@code <!-- jobs-example -->}) compiled and run on a
 * synthetic data set: it trains, prunes to 8 units a layer with fine-tuning and evaluates, and the model files it
 * writes carry their provenance, the pruned one naming the trained one as its parent.
 */
class ReadmeJobsExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeJobsExampleCompilesAndRuns() throws Exception {
        Path data = DatasetWriter.write(tmp.resolve("data"), DatasetFormat.NPY, SyntheticData.dataset(1024, 1));
        Path test = DatasetWriter.write(tmp.resolve("test"), DatasetFormat.NPY, SyntheticData.dataset(512, 2));
        Path work = Files.createDirectories(tmp.resolve("work"));
        String[] lines = ReadmeExamples.compileAndRun("<!-- jobs-example -->", """
                import java.nio.file.Path;

                import dev.sobolev.core.dataset.DatasetReader;
                import dev.sobolev.pruning.FineTuning;
                import dev.sobolev.pruning.job.PruneJob;
                import dev.sobolev.surrogate.io.ModelFile;
                import dev.sobolev.surrogate.job.EvalJob;
                import dev.sobolev.surrogate.job.TrainJob;
                import dev.sobolev.surrogate.train.Loss;
                import dev.sobolev.surrogate.train.TrainingConfig;""", "Path data, Path test, Path work",
                tmp.resolve("example"), data, test, work);
        assertEquals(1, lines.length);
        assertTrue(lines[0].matches("2273 -> 185 parameters, certified \\|value change\\| <= \\S+, test R2 value \\S+"),
                lines[0]);
        double r2 = Double.parseDouble(lines[0].substring(lines[0].lastIndexOf(' ') + 1));
        assertTrue(r2 > 0.5 && r2 <= 1, "the pruned, fine-tuned net should still explain the synthetic function: " + r2);
        ObjectMapper json = new ObjectMapper();
        var small = json.readTree(work.resolve("small.json").toFile());
        assertEquals(2, small.path("version").asInt());
        assertEquals("prune", small.path("provenance").path("job").asText());
        assertEquals(work.resolve("big.json").toAbsolutePath().toString(),
                small.path("provenance").path("parent").path("path").asText());
        assertEquals("train", small.path("provenance").path("parent").path("provenance").path("job").asText());
        assertEquals(7, small.path("provenance").path("seed").asLong());
    }
}
