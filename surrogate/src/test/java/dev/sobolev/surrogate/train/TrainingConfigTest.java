package dev.sobolev.surrogate.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.nn.Activation;
import dev.sobolev.surrogate.nn.Normalisation;
import dev.sobolev.surrogate.nn.Precision;

class TrainingConfigTest {
    @Test
    void builderDefaultsAreTheTrainCommands() {
        TrainingConfig c = TrainingConfig.builder().build();
        assertArrayEquals(new int[] {20, 20, 20, 20}, c.hidden());
        assertEquals(Activation.SOFTPLUS, c.activation());
        assertEquals(Activation.IDENTITY, c.outputActivation());
        assertTrue(c.defaultAlpha());
        assertEquals(0.0, c.secondOrderWeight());
        assertTrue(c.derivativeScaling());
        assertEquals(Normalisation.Kind.PER_FEATURE, c.normalisation());
        assertEquals(Optimizer.Adam.defaults(), c.optimizer());
        assertEquals(new Schedule.Cosine(0.01, 1e-6), c.schedule());
        assertEquals(100, c.epochs());
        assertEquals(256, c.batchSize());
        assertEquals(Initializer.GLOROT, c.initializer());
        assertEquals(0.0, c.l2());
        assertEquals(0.0, c.dropout());
        assertEquals(0.0, c.validationFraction());
        assertEquals(42, c.seed());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.threads());
        assertEquals(Precision.FLOAT64, c.precision());
    }

    @Test
    void theDefaultAlphaIsHugeSavinesForTheInputsAndAnExplicitOneStays() {
        assertEquals(1.0 / 8, TrainingConfig.builder().build().forInputs(7).alpha());
        assertFalse(TrainingConfig.builder().build().forInputs(7).defaultAlpha());
        assertEquals(0.3, TrainingConfig.builder().alpha(0.3).build().forInputs(7).alpha());
    }

    @Test
    void toBuilderRebuildsTheSameConfigurationAndTheDerivedRunsChangeOnlyTheirSettings() {
        TrainingConfig c = TrainingConfig.builder().hidden(8, 4).activation(Activation.TANH).alpha(0.5)
                .secondOrderWeight(0.1).l2(1e-4).dropout(0.1).validationFraction(0.2).seed(7).threads(3).build();
        assertEquals(c, c.toBuilder().build());
        TrainingConfig single = c.toBuilder().secondOrderWeight(0).precision(Precision.FLOAT32).build();
        assertEquals(single, single.toBuilder().build());
        assertFalse(single.equals(single.toBuilder().precision(Precision.FLOAT64).build()));
        TrainingConfig longer = c.withEpochs(5);
        assertEquals(5, longer.epochs());
        assertEquals(c, longer.toBuilder().epochs(c.epochs()).build());
        TrainingConfig values = c.valuesOnly();
        assertEquals(1.0, values.alpha());
        assertEquals(0.0, values.secondOrderWeight());
        assertFalse(values.derivativeScaling());
        assertEquals(c, values.toBuilder().alpha(0.5).secondOrderWeight(0.1).derivativeScaling(true).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hidden[2] | hidden[2] must be >= 1, got 0",
        "hidden | hidden needs at least one layer, got none",
        "alpha | alpha must be in [0, 1], got 1.5",
        "secondOrderWeight | secondOrderWeight must be finite and >= 0, got -1.0",
        "epochs | epochs must be >= 1, got 0",
        "batchSize | batchSize must be >= 1, got 0",
        "l2 | l2 must be finite and >= 0, got NaN",
        "dropout | dropout must be in [0, 1), got 1.0",
        "validationFraction | validationFraction must be in [0, 0.5], got 0.6",
        "threads | threads must be in [1, 1024], got 0",
        "precision | precision float32 trains without the second-order term, got its weight 0.5"})
    void validationNamesTheLibraryParameter(String parameter, String message) {
        TrainingConfig.Builder b = TrainingConfig.builder();
        switch (parameter) {
            case "hidden[2]" -> b.hidden(4, 4, 0);
            case "hidden" -> b.hidden();
            case "alpha" -> b.alpha(1.5);
            case "secondOrderWeight" -> b.secondOrderWeight(-1);
            case "epochs" -> b.epochs(0);
            case "batchSize" -> b.batchSize(0);
            case "l2" -> b.l2(Double.NaN);
            case "dropout" -> b.dropout(1.0);
            case "validationFraction" -> b.validationFraction(0.6);
            case "threads" -> b.threads(0);
            case "precision" -> b.precision(Precision.FLOAT32).secondOrderWeight(0.5);
            default -> throw new IllegalStateException(parameter);
        }
        InvalidParameterException e = assertThrows(InvalidParameterException.class, b::build);
        assertEquals(parameter, e.parameter());
        assertEquals(message, e.getMessage());
    }

    @Test
    void theScheduleAndOptimizerKindsBuildTheNamedRuns() {
        assertEquals(new Schedule.Cosine(0.01, 1e-6), ScheduleKind.COSINE.create(0.01, 1e-6, 100));
        assertEquals(new Schedule.Step(0.1, 0.5, 25), ScheduleKind.STEP.create(0.1, 1e-6, 100));
        assertEquals(new Optimizer.Adam(0.9, 0.999, 1e-8, 0.01), OptimizerKind.ADAMW.create(0.01));
        assertEquals(Optimizer.Adam.defaults(), OptimizerKind.ADAM.create(0.01));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ScheduleKind.CONSTANT.create(0, 1e-6, 10));
        assertEquals("learningRate must be finite and > 0, got 0.0", e.getMessage());
    }
}
