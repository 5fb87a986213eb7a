package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A book's terms changed; carries the complete new terms. */
@Revision("2")
public record CouponBookUpdated(String bookId, CouponBookTerms terms) {
}
