package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/** A held redemption was given back without being made: refused by the coupon ({@code reason} its code) or EXPIRED. */
@Revision("1")
public record RedemptionSlotReleased(String bookId, String userId, String redemptionId, String reason) {
}
