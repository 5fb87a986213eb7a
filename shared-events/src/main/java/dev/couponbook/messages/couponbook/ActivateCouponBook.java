package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to let a book hand out and redeem coupons. */
public record ActivateCouponBook(String bookId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
