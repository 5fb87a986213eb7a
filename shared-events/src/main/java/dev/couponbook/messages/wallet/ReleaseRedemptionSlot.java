package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back a held redemption that the coupon refused, with the refusal's code as {@code reason}. */
public record ReleaseRedemptionSlot(String bookId, String userId, String redemptionId, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
