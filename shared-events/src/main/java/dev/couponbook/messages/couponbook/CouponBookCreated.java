package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A coupon book was opened. */
@Revision("2")
public record CouponBookCreated(String bookId, CouponBookTerms terms, boolean active) {
}
