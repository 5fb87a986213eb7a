package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/** An attempt that the service refused, kept so the audit trail is complete. Published outside any aggregate stream; fields that were unknown at refusal are null. */
@Revision("2")
public record CouponActionRejected(CouponAction action, String reason, String bookId, String code, String userId) {
}
