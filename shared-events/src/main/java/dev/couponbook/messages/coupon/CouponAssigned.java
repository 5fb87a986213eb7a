package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A code was given to a user; the first event of the coupon's stream unless the code was disabled
 * before. {@code expiresAt} is when the coupon stops being usable: the earlier of the code's own
 * expiry and the book's validity after assignment, null when neither applies.
 */
@Revision("2")
public record CouponAssigned(String code, String bookId, String userId, String reservationId, Instant expiresAt) {

    /** A coupon without an expiry. */
    public CouponAssigned(String code, String bookId, String userId, String reservationId) {
        this(code, bookId, userId, reservationId, null);
    }
}
