package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A book stopped handing out and redeeming coupons. */
@Revision("1")
public record CouponBookDeactivated(String bookId) {
}
