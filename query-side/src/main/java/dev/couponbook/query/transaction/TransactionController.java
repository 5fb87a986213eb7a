package dev.couponbook.query.transaction;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.transaction.FindTransactions;
import dev.couponbook.messages.transaction.TransactionAction;
import dev.couponbook.messages.transaction.TransactionPage;
import dev.couponbook.messages.transaction.TransactionStatus;
import dev.couponbook.query.readmodel.ReadModelStatus;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;

/** The transaction log for admins, analysts and auditors: every accepted and refused coupon action. */
@RestController
@RequestMapping("/api/v1/transactions")
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'AUDITOR')")
@Tag(name = "Transactions")
public class TransactionController {

    private final QueryGateway queries;
    private final ReadModelStatus readModels;

    public TransactionController(QueryGateway queries, ReadModelStatus readModels) {
        this.queries = queries;
        this.readModels = readModels;
    }

    @GetMapping
    public TransactionPage list(@RequestParam(required = false) String userId,
                                @RequestParam(required = false) String couponBookId,
                                @RequestParam(required = false) String code,
                                @RequestParam(required = false) TransactionAction action,
                                @RequestParam(required = false) TransactionStatus status,
                                @RequestParam(required = false) Instant from,
                                @RequestParam(required = false) Instant to,
                                @Parameter(description = "with metadataValue: only entries whose own metadata (a redemption's) holds this key with that value")
                                @RequestParam(required = false) String metadataKey,
                                @Parameter(description = "with metadataKey: the value the key must have, compared exactly")
                                @RequestParam(required = false) String metadataValue,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) long waitMs) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new DomainException(Refusal.INVALID_TIME_RANGE);
        }
        if ((metadataKey == null) != (metadataValue == null) || metadataKey != null && metadataKey.isBlank()) {
            throw new DomainException(Refusal.INVALID_METADATA_FILTER);
        }
        readModels.awaitCaughtUp(TransactionProjection.PROCESSING_GROUP, Duration.ofMillis(waitMs));
        return queries.query(new FindTransactions(userId, couponBookId, code, action, status, from, to, page, size,
                        metadataKey, metadataValue),
                ResponseTypes.instanceOf(TransactionPage.class)).join();
    }
}
