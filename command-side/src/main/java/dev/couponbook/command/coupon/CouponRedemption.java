package dev.couponbook.command.coupon;

import java.time.Instant;

/** A stored redemption as its caller sees it; {@code redemptionNumber} counts from 1. */
public record CouponRedemption(String code, String bookId, String userId, String redemptionId, int redemptionNumber,
                               Instant redeemedAt) {
}
