package dev.sobolev.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sobolev.core.InvalidParameterException;

class OutputGuardTest {
    @TempDir
    Path tmp;

    private static String refusal(Path out, boolean overwrite, OutputGuard.Input... inputs) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> OutputGuard.checkFile("file", out, overwrite, List.of(inputs)));
        assertEquals("file", e.parameter());
        return e.detail();
    }

    @Test
    void anInputIsNeverAnOutputEvenWhenOverwritingIsAllowed() throws IOException {
        Path model = Files.writeString(tmp.resolve("m.json"), "{}");
        OutputGuard.Input in = new OutputGuard.Input("model", model);
        assertEquals(model + " is the input model " + model + "; writing it would destroy the input; choose "
                + "another path", refusal(model, true, in));
        Path dotted = tmp.resolve("sub").resolve("..").resolve("m.json");
        refusal(dotted, true, in);
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), model);
        refusal(link, true, in);
    }

    @Test
    void aFileInsideAnInputDirectoryIsRefusedWhetherOrNotItExists() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.write(data.resolve("X.npy"), new byte[8]);
        OutputGuard.Input in = new OutputGuard.Input("data set", data);
        assertEquals(data.resolve("X.npy") + " lies inside the input data set " + data + "; writing it would change "
                + "the input; choose a path outside it", refusal(data.resolve("X.npy"), true, in));
        refusal(data.resolve("test").resolve("new.json"), true, in);
        Path linkedDir = Files.createSymbolicLink(tmp.resolve("alias"), data);
        refusal(linkedDir.resolve("Y.npy"), false, in);
        Path beside = tmp.resolve("data-model.json");
        assertEquals(beside.toAbsolutePath(), OutputGuard.checkFile("file", beside, false, List.of(in)));
    }

    @Test
    void anExistingFileNeedsOverwritingAndADirectoryIsNeverAFile() throws IOException {
        Path old = Files.writeString(tmp.resolve("old.json"), "{}");
        assertEquals(old + " already exists; choose a new path or allow overwriting it", refusal(old, false));
        assertEquals(old, OutputGuard.checkFile("file", old, true, List.of()));
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        assertEquals(dir + " is a directory; a file path is needed", refusal(dir, true));
    }

    @Test
    void dotDotAfterALinkIsResolvedFromTheLinkTarget() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data").resolve("sub"));
        OutputGuard.Input in = new OutputGuard.Input("data set", data.getParent());
        Path link = Files.createSymbolicLink(tmp.resolve("alias"), data);
        // alias/.. is data, not tmp: the file lands inside the input
        refusal(link.resolve("..").resolve("new.npy"), true, in);
    }

    @Test
    void aLinkInsideAnInputDirectoryIsRefusedEvenWhenItLeadsOutside() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path outside = Files.writeString(tmp.resolve("outside.json"), "{}");
        Path link = Files.createSymbolicLink(data.resolve("m.json"), outside);
        OutputGuard.Input in = new OutputGuard.Input("data set", data);
        // publishing renames onto the link itself, which would change the data set directory
        refusal(link, true, in);
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.json"), data.resolve("new.json"));
        refusal(dangling, true, in);
    }
}
