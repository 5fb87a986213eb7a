package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Asks to change some of a book's terms and, when {@code metadata} is not null, to replace its whole metadata. */
public record UpdateCouponBook(String bookId, CouponBookChanges changes, Map<String, String> metadata) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
