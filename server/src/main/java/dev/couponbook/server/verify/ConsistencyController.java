package dev.couponbook.server.verify;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.server.role.ConditionalOnRole;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** Lets admins and auditors check that the read models and code pools agree with the event history. */
@RestController
@ConditionalOnRole("query")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
@Tag(name = "Operations")
public class ConsistencyController {

    private final ConsistencyVerifier verifier;

    public ConsistencyController(ConsistencyVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Recounts the history (of one book when {@code bookId} is given) and compares; reads the
     * whole event store, so it takes about as long as a replay's read.
     */
    @GetMapping("/api/v1/admin/consistency")
    public ConsistencyReport check(@RequestParam(required = false) @Size(min = 1, max = 200) String bookId,
                                   @RequestParam(defaultValue = "30000") @Min(0) @Max(600_000) long waitMs) {
        ConsistencyReport report = verifier.verify(bookId, Duration.ofMillis(waitMs));
        if (bookId != null && report.books() == 0) {
            throw new DomainException(Refusal.BOOK_NOT_FOUND, "no coupon book " + bookId + " in the event history");
        }
        return report;
    }
}
