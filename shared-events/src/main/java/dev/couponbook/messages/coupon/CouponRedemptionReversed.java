package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/**
 * A redemption was given back: the coupon may be redeemed again within its limits.
 * {@code redemptionsInEffect} counts the coupon's redemptions not reversed, after this one;
 * {@code reversedBy} is the opaque account id of who reversed it, {@code reason} their words.
 * When is the event's timestamp.
 */
@Revision("1")
public record CouponRedemptionReversed(String code, String bookId, String userId, String redemptionId,
                                       int redemptionsInEffect, String reversedBy, String reason) {
}
