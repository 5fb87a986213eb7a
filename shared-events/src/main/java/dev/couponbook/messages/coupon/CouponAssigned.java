package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/** A code was given to a user; the first event of the coupon's stream. */
@Revision("1")
public record CouponAssigned(String code, String bookId, String userId, String reservationId) {
}
