package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back a reservation whose assignment did not happen. */
public record ReleaseCouponSlot(String bookId, String userId, String reservationId, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
