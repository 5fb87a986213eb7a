package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Counts redemption {@code redemptionId} of {@code code} once the coupon has stored it; a repeat is ignored. */
public record ConfirmRedemptionSlot(String bookId, String userId, String redemptionId, String code) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
