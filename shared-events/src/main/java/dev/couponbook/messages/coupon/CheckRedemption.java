package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks whether a redemption by {@code userId} would be accepted now, under {@code lockId} or,
 * when it is null, under the lock the holder would take or resume. Decided on the coupon's own
 * state by the redemption's rule; changes nothing. {@code terms} and {@code bookActive} are the
 * book's current state.
 */
public record CheckRedemption(String code, String userId, String lockId, CouponBookTerms terms, boolean bookActive) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
