package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A coupon was redeemed; the lock it used is consumed. {@code redemptionNumber} counts the
 * coupon's redemptions in effect, this one included, from 1: a reversed redemption no longer counts.
 */
@Revision("2")
public record CouponRedeemed(String code, String bookId, String userId, String lockId, String redemptionId, int redemptionNumber, Map<String, String> metadata) {
}
