package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A book started handing out and redeeming coupons. */
@Revision("1")
public record CouponBookActivated(String bookId) {
}
