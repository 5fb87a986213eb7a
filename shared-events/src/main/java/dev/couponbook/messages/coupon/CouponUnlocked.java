package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/** A lock was released before it expired. */
@Revision("1")
public record CouponUnlocked(String code, String bookId, String userId, String lockId) {
}
