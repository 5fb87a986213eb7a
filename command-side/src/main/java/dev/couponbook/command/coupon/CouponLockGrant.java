package dev.couponbook.command.coupon;

import java.time.Instant;

/** What a granted lock gives its holder: the lock id to redeem with and when it runs out. */
public record CouponLockGrant(String code, String userId, String lockId, Instant lockedUntil) {
}
