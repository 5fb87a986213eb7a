package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A book's terms changed; carries the complete new terms.
 * Revision "2": the terms carry {@code maxRedemptionsPerCode} and {@code maxRedemptionsTotal}, and
 * {@code maxRedemptionsPerUser} counts across the user's coupons (see CouponBookTermsUpcaster).
 */
@Revision("2")
public record CouponBookUpdated(String bookId, CouponBookTerms terms) {
}
