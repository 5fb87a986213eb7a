package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops counting redemption {@code redemptionId}, which was reversed; a repeat or an uncounted one is ignored. */
public record ReturnRedemptionSlot(String bookId, String userId, String redemptionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
