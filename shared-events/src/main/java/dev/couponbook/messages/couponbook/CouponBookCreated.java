package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A coupon book was opened. Revision "2": the terms carry {@code maxRedemptionsPerCode} and
 * {@code maxRedemptionsTotal}, and {@code maxRedemptionsPerUser} counts across the user's coupons
 * (see CouponBookTermsUpcaster). Revision "3": {@code metadata}, the admin's free-form key/value
 * data, never null, string keys and string values (older revisions had none and read as empty).
 * Revision "4": the terms may carry {@code codeValidityAfterAssignment} (older: none).
 */
@Revision("4")
public record CouponBookCreated(String bookId, CouponBookTerms terms, boolean active, Map<String, String> metadata) {
}
