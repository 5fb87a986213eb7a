package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/**
 * A slot was given back: a reservation without a code (no code left, or it expired), or, since
 * one-step assignment, a held code whose coupon was not created under that assignment.
 */
@Revision("1")
public record CouponSlotReleased(String bookId, String userId, String reservationId, String reason) {
}
