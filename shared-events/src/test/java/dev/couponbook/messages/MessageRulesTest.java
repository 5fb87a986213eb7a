package dev.couponbook.messages;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.couponbook.messages.couponbook.CouponBookChanges;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The message API stays a plain, framework-light vocabulary that every module can share. */
class MessageRulesTest {

    private final JavaClasses messages = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.couponbook.messages");

    @Test
    void cannotDependOnSpringOrMongo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..")
                .check(messages);
    }

    /** No transport, store or framework beyond Axon's message annotations: every module can share it as it is. */
    @Test
    void canOnlyDependOnTheJdkAndAxonsMessageModel() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.couponbook.messages..",
                        "org.axonframework.commandhandling..", "org.axonframework.messaging..",
                        "org.axonframework.modelling..", "org.axonframework.serialization..",
                        "org.axonframework.queryhandling..", "com.fasterxml.jackson.annotation..")
                .check(messages);
    }

    @Test
    void canOnlyDeclareEventsWithARevision() {
        classes().that().haveSimpleNameEndingWith("ed").and().areRecords()
                .and().resideOutsideOfPackage("dev.couponbook.messages.error")
                .should().beAnnotatedWith(Revision.class)
                .check(messages);
    }

    @Test
    void canOnlyDeclareMessagesAsRecordsOrEnums() {
        classes().that().resideInAnyPackage("dev.couponbook.messages.couponbook", "dev.couponbook.messages.coupon",
                        "dev.couponbook.messages.wallet", "dev.couponbook.messages.transaction", "dev.couponbook.messages.audit",
                        "dev.couponbook.messages.budget")
                .and().areNotMemberClasses()
                .should().beRecords().orShould().beEnums()
                .check(messages);
    }

    /**
     * A coupon, wallet or budget consults its book through the command side's {@code Books} port
     * when it decides, so no message of theirs carries a copy of the book's terms.
     */
    @Test
    void cannotCarryABooksTermsOutsideTheBooksOwnMessages() {
        noClasses().that().resideOutsideOfPackage("dev.couponbook.messages.couponbook")
                .should().dependOnClassesThat().belongToAnyOf(CouponBookTerms.class, CouponBookChanges.class)
                .check(messages);
    }
}
