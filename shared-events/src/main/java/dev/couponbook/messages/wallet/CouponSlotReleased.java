package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/** A reservation was given back without a code (no code left, or it expired). */
@Revision("1")
public record CouponSlotReleased(String bookId, String userId, String reservationId, String reason) {
}
