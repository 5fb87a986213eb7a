package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Asks to redeem a coupon under the lock {@code lockId}. {@code terms} and {@code bookActive} are the book's current state. */
public record RedeemCoupon(String code, String userId, String lockId, String redemptionId, Map<String, String> metadata, CouponBookTerms terms, boolean bookActive) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
