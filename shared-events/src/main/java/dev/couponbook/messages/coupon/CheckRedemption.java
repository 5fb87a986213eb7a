package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks whether a redemption by {@code userId} would be accepted now, under {@code lockId} or,
 * when it is null, under the lock the holder would take or resume. Decided on the coupon's own
 * state by the redemption's rule; changes nothing.
 */
public record CheckRedemption(String code, String userId, String lockId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
