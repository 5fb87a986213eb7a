package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turns a reservation into a held code once the assignment is stored; a repeat is ignored. */
public record ConfirmCouponSlot(String bookId, String userId, String reservationId, String code) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
