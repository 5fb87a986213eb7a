package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

import java.util.Map;

/** A coupon was redeemed; {@code redemptionNumber} counts from 1. The lock it used is consumed. */
@Revision("2")
public record CouponRedeemed(String code, String bookId, String userId, String lockId, String redemptionId, int redemptionNumber, Map<String, String> metadata) {
}
