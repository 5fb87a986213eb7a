package dev.couponbook.query.audit;

import dev.couponbook.messages.audit.AuditEventPage;
import dev.couponbook.messages.audit.FindAggregateHistory;
import dev.couponbook.messages.audit.FindStoredEvents;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.types.ObjectId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event history for auditors and admins: one aggregate's ordered history
 * ({@code ?aggregateId=coupon:CODE}), or the whole store page by page for export
 * ({@code ?after=CURSOR&limit=N}).
 */
@RestController
@RequestMapping("/api/v1/audit/events")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
@Tag(name = "Audit")
public class AuditController {

    private final QueryGateway queries;

    public AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    public AuditEventPage events(
            @Parameter(description = "an aggregate id such as book:ID, coupon:CODE or wallet:BOOK:USER; omit to page through all events")
            @RequestParam(required = false) String aggregateId,
            @Parameter(description = "the next value of the previous page: a sequence number with aggregateId, an event cursor without")
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (aggregateId != null) {
            if (aggregateId.isBlank()) {
                throw new DomainException(Refusal.INVALID_AGGREGATE_ID);
            }
            return queries.query(new FindAggregateHistory(aggregateId, sequence(after), limit),
                    ResponseTypes.instanceOf(AuditEventPage.class)).join();
        }
        if (after != null && !ObjectId.isValid(after)) {
            throw new DomainException(Refusal.INVALID_CURSOR);
        }
        return queries.query(new FindStoredEvents(after, limit), ResponseTypes.instanceOf(AuditEventPage.class)).join();
    }

    private static Long sequence(String after) {
        if (after == null) {
            return null;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new DomainException(Refusal.INVALID_CURSOR, "after must be a sequence number when aggregateId is given");
        }
    }
}
