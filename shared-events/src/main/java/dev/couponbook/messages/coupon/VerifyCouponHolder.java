package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks whether {@code userId} holds the coupon (any admin does); answered with the holder's id, refused as an unknown code otherwise. Changes nothing. */
public record VerifyCouponHolder(String code, String userId, boolean byAdmin) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
