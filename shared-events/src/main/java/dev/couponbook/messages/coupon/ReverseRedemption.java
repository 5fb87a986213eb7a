package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to give redemption {@code redemptionId} of a coupon back (a cancelled or refunded order), by the account {@code reversedBy}, for {@code reason}. */
public record ReverseRedemption(String code, String redemptionId, String reason, String reversedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
