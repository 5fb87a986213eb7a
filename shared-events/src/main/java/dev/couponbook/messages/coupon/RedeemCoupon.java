package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Asks to redeem a coupon under the lock {@code lockId}. */
public record RedeemCoupon(String code, String userId, String lockId, String redemptionId, Map<String, String> metadata) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
