package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Asks to open a new coupon book with the given terms and metadata (null means none); starts inactive unless {@code active}. */
public record CreateCouponBook(String bookId, CouponBookTerms terms, boolean active, Map<String, String> metadata) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
