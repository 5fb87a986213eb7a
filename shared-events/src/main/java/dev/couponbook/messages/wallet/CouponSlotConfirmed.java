package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/** A reservation became a held code. */
@Revision("1")
public record CouponSlotConfirmed(String bookId, String userId, String reservationId, String code) {
}
