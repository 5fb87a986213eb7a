package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives back the slot of assignment {@code reservationId} if its coupon was not created under it:
 * where the store has no multi-document transactions, an append can store the wallet's event and
 * fail on the coupon's (assigned meanwhile by another request).
 */
public record ReleaseCouponSlot(String bookId, String userId, String reservationId, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
