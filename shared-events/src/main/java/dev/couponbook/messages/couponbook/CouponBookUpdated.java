package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A book's terms or metadata changed; carries the complete new terms and the complete new
 * metadata (revision "2"; older revisions had no metadata, which the book then had none of).
 */
@Revision("2")
public record CouponBookUpdated(String bookId, CouponBookTerms terms, Map<String, String> metadata) {
}
