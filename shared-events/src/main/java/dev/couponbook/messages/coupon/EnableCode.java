package dev.couponbook.messages.coupon;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks that a disabled code of {@code bookId} be usable again; an enabled code stays enabled. */
public record EnableCode(String code, String bookId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.coupon(code);
    }
}
