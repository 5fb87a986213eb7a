package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/**
 * The wallet holds {@code code}: recorded with the coupon's assignment, in the same unit of work.
 * {@code reservationId} is the assignment's id (before one-step assignment, the id of the
 * reservation this confirmed).
 */
@Revision("1")
public record CouponSlotConfirmed(String bookId, String userId, String reservationId, String code) {
}
