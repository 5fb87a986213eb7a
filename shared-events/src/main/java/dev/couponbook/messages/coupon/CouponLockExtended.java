package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The holder locked again while their lock was live: the same lock now lasts until {@code lockedUntil}, later than before. */
@Revision("1")
public record CouponLockExtended(String code, String bookId, String userId, String lockId, Instant lockedUntil) {
}
