package dev.couponbook.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Boundaries across the modules, checked on every module's classes: the embedded servers stay
 * behind the embedded runtime, and HTTP stays at the web edge.
 */
class ModuleBoundariesTest {

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.couponbook");

    /** Both modes run the same code: only what starts the embedded servers may know them. */
    @Test
    void cannotUseEmbeddedServersOutsideTheEmbeddedRuntime() {
        noClasses().that().resideOutsideOfPackages("dev.couponbook.server.embedded..", "dev.couponbook.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.couponbook.embedded..", "de.bwaldvogel..",
                        "org.apache.qpid..", "redis.embedded..", "org.rocksdb..")
                .check(service);
    }

    /**
     * The web edge: error mapping and filters, security, rate limits, the console's pages, the
     * idempotency keys (they replay whole responses) and the audit metadata (it copies the
     * request's caller into every message it sends). Elsewhere only controllers speak HTTP.
     */
    @Test
    void cannotUseHttpTypesOutsideControllersAndTheWebEdge() {
        noClasses().that().resideOutsideOfPackages("dev.couponbook.server.web..", "dev.couponbook.server.security..",
                        "dev.couponbook.server.ratelimit..", "dev.couponbook.server.console..")
                .and().areNotAnnotatedWith(RestController.class).and().areNotAnnotatedWith(RestControllerAdvice.class)
                .and().doNotHaveFullyQualifiedName("dev.couponbook.command.idempotency.IdempotencyKeys")
                .and().doNotHaveFullyQualifiedName("dev.couponbook.server.axon.AuditMetadataConfiguration")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                        "jakarta.servlet..")
                .check(service);
    }
}
