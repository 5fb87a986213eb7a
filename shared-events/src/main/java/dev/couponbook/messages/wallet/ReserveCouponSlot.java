package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to hold one of the user's {@code maxCodesPerUser} places in a book (null: unlimited) until {@code expiresAt}, before a code is assigned. */
public record ReserveCouponSlot(String bookId, String userId, String reservationId, Integer maxCodesPerUser, Instant expiresAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
