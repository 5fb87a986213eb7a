package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks that the code of {@code bookId} be neither assigned, locked nor redeemed until enabled again; a disabled code stays disabled. */
public record DisableCode(String code, String bookId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
