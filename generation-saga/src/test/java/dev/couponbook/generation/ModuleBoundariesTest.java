package dev.couponbook.generation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The generation worker talks to the books through commands and events only, and serves no HTTP. */
class ModuleBoundariesTest {

    private final JavaClasses generation = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.couponbook.generation");

    @Test
    void cannotImportTheCommandOrQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.couponbook.command..", "dev.couponbook.query..")
                .check(generation);
    }

    @Test
    void cannotUseHttpTypes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                        "jakarta.servlet..")
                .check(generation);
    }
}
