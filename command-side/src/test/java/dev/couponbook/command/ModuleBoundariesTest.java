package dev.couponbook.command;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command side decides on its own: it never reads the query side's read models or code.
 * Its aggregates decide on their event-sourced state alone, and HTTP stays in its controllers.
 */
class ModuleBoundariesTest {

    static final String[] HTTP = {"org.springframework.web..", "org.springframework.http..", "jakarta.servlet.."};

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

    /**
     * Stores are reached through ports such as the code registry, and deadlines through Axon's
     * DeadlineManager, never JobRunr, so a fixture runs an aggregate without them.
     */
    @Test
    void cannotUseRedisMongoOrTheWebInAnAggregate() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data..", "io.lettuce..",
                        "redis.clients..", "com.mongodb..", "org.bson..", "org.jobrunr..")
                .orShould().dependOnClassesThat().resideInAnyPackage(HTTP)
                .check(commandSide);
    }

    /**
     * An aggregate consults another aggregate's state, or a store, only through a port interface
     * injected into its handler ({@code Books}, {@code CodeRegistry}, {@code CodeValidity}), never
     * through the component behind it, so every aggregate's fixture gives that state as it likes.
     */
    @Test
    void cannotReachAComponentFromAnAggregateButThroughAPort() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat(describe("are components other than aggregates", (JavaClass type) -> !type.isInterface()
                        && type.isMetaAnnotatedWith(Component.class) && !type.isAnnotatedWith(Aggregate.class)))
                .check(commandSide);
    }

    /**
     * Idempotency keys are the one exception: they store and replay whole HTTP responses, so
     * they are of the web edge by nature.
     */
    @Test
    void cannotUseHttpTypesOutsideControllers() {
        noClasses().that().areNotAnnotatedWith(RestController.class)
                .and().doNotHaveFullyQualifiedName("dev.couponbook.command.idempotency.IdempotencyKeys")
                .should().dependOnClassesThat().resideInAnyPackage(HTTP)
                .check(commandSide);
    }
}
