package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to open a new coupon book with the given terms; starts inactive unless {@code active}. */
public record CreateCouponBook(String bookId, CouponBookTerms terms, boolean active) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
