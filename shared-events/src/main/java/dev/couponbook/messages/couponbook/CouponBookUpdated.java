package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A book's terms or metadata changed; carries the complete new terms and the complete new
 * metadata. Revision "2": the terms carry {@code maxRedemptionsPerCode} and
 * {@code maxRedemptionsTotal}, and {@code maxRedemptionsPerUser} counts across the user's coupons
 * (see CouponBookTermsUpcaster). Revision "3": {@code metadata} (older revisions had none, which
 * the book then had none of). Revision "4": the terms may carry
 * {@code codeValidityAfterAssignment} (older: none).
 */
@Revision("4")
public record CouponBookUpdated(String bookId, CouponBookTerms terms, Map<String, String> metadata) {
}
