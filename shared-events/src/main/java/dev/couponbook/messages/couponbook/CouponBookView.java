package dev.couponbook.messages.couponbook;

import java.time.Instant;

/** A book as readers see it. */
public record CouponBookView(
        String bookId,
        CouponBookTerms terms,
        boolean active,
        long totalCodes,
        Instant createdAt,
        Instant updatedAt) {
}
