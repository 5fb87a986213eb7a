package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A coupon book was opened.
 * Revision "2": the terms carry {@code maxRedemptionsPerCode} and {@code maxRedemptionsTotal}, and
 * {@code maxRedemptionsPerUser} counts across the user's coupons (see CouponBookTermsUpcaster).
 */
@Revision("2")
public record CouponBookCreated(String bookId, CouponBookTerms terms, boolean active) {
}
