package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A coupon book was opened. */
@Revision("1")
public record CouponBookCreated(String bookId, CouponBookTerms terms, boolean active) {
}
