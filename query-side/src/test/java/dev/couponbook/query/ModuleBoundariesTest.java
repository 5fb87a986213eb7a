package dev.couponbook.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The query side only reads events: it imports neither the command side nor the worker, and HTTP stays in its controllers. */
class ModuleBoundariesTest {

    private final JavaClasses querySide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.couponbook.query");

    @Test
    void cannotImportTheCommandSideOrTheGenerationWorker() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.couponbook.command..", "dev.couponbook.generation..")
                .check(querySide);
    }

    @Test
    void cannotUseHttpTypesOutsideControllers() {
        noClasses().that().areNotAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                        "jakarta.servlet..")
                .check(querySide);
    }
}
