package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A coupon book was opened. {@code metadata} is the admin's free-form key/value data (revision
 * "2"; older revisions had none and read as empty): never null, string keys and string values.
 */
@Revision("2")
public record CouponBookCreated(String bookId, CouponBookTerms terms, boolean active, Map<String, String> metadata) {
}
