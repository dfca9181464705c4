package dev.sobolev.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module order of DESIGN.md, checked on the compiled classes: {@code core} at the bottom, {@code pricing} and
 * {@code surrogate} as siblings above it, {@code pruning} above {@code surrogate}, {@code reports} above those and
 * the command line on top. A class that depends on a module above its own, or on a sibling, fails this test.
 * {@code simd} (on this class path as the command line's runtime dependency; empty where it is skipped) implements
 * services of {@code surrogate} and is reached by no module's code, only through {@link java.util.ServiceLoader}.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sobolev");

    @Test
    void modulesDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("dev.sobolev.core..")
                .layer("pricing").definedBy("dev.sobolev.pricing..")
                .layer("surrogate").definedBy("dev.sobolev.surrogate..")
                .layer("pruning").definedBy("dev.sobolev.pruning..")
                .layer("reports").definedBy("dev.sobolev.reports..")
                .layer("cli").definedBy("dev.sobolev.cli..")
                .optionalLayer("simd").definedBy("dev.sobolev.simd..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("simd").mayNotBeAccessedByAnyLayer()
                .whereLayer("reports").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("pruning").mayOnlyBeAccessedByLayers("reports", "cli")
                .whereLayer("pricing").mayOnlyBeAccessedByLayers("reports", "cli")
                .whereLayer("surrogate").mayOnlyBeAccessedByLayers("pruning", "reports", "cli", "simd")
                .whereLayer("core").mayOnlyBeAccessedByLayers("pricing", "surrogate", "pruning", "reports", "cli",
                        "simd")
                .check(CLASSES);
    }
}
