package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to reserve a coupon for its holder's checkout until {@code lockedUntil}; {@code lockId} is the Redis lock's owner token; the holder's live lock is resumed instead. {@code terms} are the book's current terms, {@code bookActive} its flag. */
public record LockCoupon(String code, String userId, boolean byAdmin, String lockId, Instant lockedUntil, CouponBookTerms terms, boolean bookActive) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
