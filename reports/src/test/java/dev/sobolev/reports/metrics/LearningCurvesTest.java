package dev.sobolev.reports.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.reports.model.LearningCurve;

class LearningCurvesTest {
    @TempDir
    Path dir;

    @Test
    void csvRoundTripKeepsEveryLossToTheBit() throws IOException {
        List<LearningCurve> curves = List.of(
                new LearningCurve("oversized", List.of(0.5, 0.1234567890123456789, 1e-300), List.of(0.6, 0.2, 3e-7)),
                new LearningCurve("fine-tuning, \"nn\"", List.of(2.0, Math.PI), List.of()));
        String csv = LearningCurves.csv(curves);
        assertTrue(csv.startsWith("training,epoch,trainLoss,validationLoss"), csv);
        Path file = Files.writeString(dir.resolve("h.csv"), csv);
        assertEquals(curves, LearningCurves.read(file));
    }

    private InvalidParameterException refused(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), text);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> LearningCurves.read(file));
        assertEquals("history", e.parameter());
        assertTrue(e.detail().startsWith(file + ": "), e.getMessage());
        return e;
    }

    @Test
    void badFilesAreRefusedNamingLineAndColumn() throws IOException {
        String header = "training,epoch,trainLoss,validationLoss\n";
        assertTrue(refused("").detail().contains("line 1 must be the header"));
        assertTrue(refused("a,b\n").detail().contains("line 1 must be the header"));
        assertTrue(refused(header + "t,1,0.5,\nt,x,0.4,\n").detail()
                .endsWith("line 3, column 2 (epoch) 'x' is not a whole number"));
        assertTrue(refused(header + "t,1,abc,\n").detail().endsWith("line 2, column 3 (trainLoss) 'abc' is not a number"));
        assertTrue(refused(header + "t,1,0.5,1e\n").detail().contains("line 2, column 4 (validationLoss)"));
        assertTrue(refused(header + "t,1,,0.5\n").detail().endsWith("line 2, column 3 (trainLoss) is empty; every "
                + "epoch needs its training loss"));
        assertTrue(refused(header + "t,1,Infinity,\n").detail().endsWith("'Infinity' is not finite"));
        assertTrue(refused(header + "t,1,0.5,NaN\n").detail().endsWith("line 2, column 4 (validationLoss) 'NaN' is "
                + "not finite"));
        assertTrue(refused(header + "t,2,0.5,\n").detail().contains("line 2, column 2 (epoch) epoch 2 of 't' must be 1"));
        assertTrue(refused(header + "t,1,0.5,\nu,1,0.5,\nt,2,0.4,\n").detail()
                .contains("line 4, column 1 (training) 't' appears again"));
        assertTrue(refused(header + "t,1,0.5\n").detail().contains("line 2, column 4 (validationLoss) has 3 cells"));
        assertTrue(refused(header + "\"t,1,0.5,\n").detail().contains("quote that is not closed"));
        InvalidParameterException missing = assertThrows(InvalidParameterException.class,
                () -> LearningCurves.read(dir.resolve("nothing.csv")));
        assertEquals(dir.resolve("nothing.csv") + ": does not exist", missing.detail());
        assertEquals(dir + ": is not a file", assertThrows(InvalidParameterException.class,
                () -> LearningCurves.read(dir)).detail());
        Path binary = Files.write(dir.resolve("b.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 10});
        assertTrue(assertThrows(InvalidParameterException.class, () -> LearningCurves.read(binary)).detail()
                .endsWith(": is not UTF-8 text, so not a CSV file"));
    }

    @Test
    void fromProvenanceReadsTheRecordedTrainingLosses() {
        ObjectNode p = new ObjectMapper().createObjectNode();
        p.putObject("result").putArray("trainLoss").add(0.3).add(0.2);
        assertEquals(Optional.of(new LearningCurve("trained", List.of(0.3, 0.2), List.of())),
                LearningCurves.fromProvenance("trained", p));
        assertEquals(Optional.empty(), LearningCurves.fromProvenance("x", new ObjectMapper().createObjectNode()));
        p.with("result").putArray("trainLoss").add("NaN?");
        assertEquals(Optional.empty(), LearningCurves.fromProvenance("x", p));
    }
}
