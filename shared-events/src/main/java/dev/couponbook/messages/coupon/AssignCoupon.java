package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to give this code of {@code bookId} to {@code userId}, under the wallet reservation
 * {@code reservationId}; the coupon refuses a second assignment, and a disabled or expired code.
 */
public record AssignCoupon(String code, String bookId, String userId, String reservationId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
