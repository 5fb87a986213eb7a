package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that lock {@code lockId} ran out; ignored when that lock is no longer current or not yet expired. */
public record ExpireCouponLock(String code, String lockId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
