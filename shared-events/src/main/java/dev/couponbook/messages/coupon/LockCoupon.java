package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to reserve a coupon for its holder's checkout until {@code lockedUntil}; {@code lockId} is the Redis lock's owner token; the holder's live lock is resumed instead. The coupon reads its book's terms and flag itself. */
public record LockCoupon(String code, String userId, boolean byAdmin, String lockId, Instant lockedUntil) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
