package dev.couponbook.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command side decides on its own: it never reads the query side's read models or code. */
class ModuleBoundariesTest {

    private final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.couponbook.command");

    @Test
    void cannotImportTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.couponbook.query..")
                .check(commandSide);
    }

    @Test
    void cannotImportTheGenerationWorker() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.couponbook.generation..")
                .check(commandSide);
    }
}
