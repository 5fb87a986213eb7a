package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A coupon was locked for a checkout. */
@Revision("1")
public record CouponLocked(String code, String bookId, String userId, String lockId, Instant lockedUntil) {
}
