package dev.couponbook.messages.couponbook;

import java.time.Instant;
import java.util.Map;

/** A book as readers see it; {@code metadata} is empty when the book has none. */
public record CouponBookView(
        String bookId,
        CouponBookTerms terms,
        boolean active,
        long totalCodes,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> metadata) {
}
