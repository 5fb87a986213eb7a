package dev.couponbook.command.coupon;

/** A reversed redemption as the caller sees it; {@code redemptionsInEffect} counts the coupon's redemptions not reversed. */
public record CouponRedemptionReversal(String code, String bookId, String userId, String redemptionId,
                                       int redemptionsInEffect) {
}
