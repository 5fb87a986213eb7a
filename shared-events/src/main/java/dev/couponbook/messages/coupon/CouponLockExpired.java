package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/** A lock ran out without a redemption. */
@Revision("1")
public record CouponLockExpired(String code, String bookId, String userId, String lockId) {
}
