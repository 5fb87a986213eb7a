package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A place in the user's wallet was held for an assignment in progress. */
@Revision("1")
public record CouponSlotReserved(String bookId, String userId, String reservationId, Instant expiresAt) {
}
