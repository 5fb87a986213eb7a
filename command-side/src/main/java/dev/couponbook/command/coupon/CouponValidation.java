package dev.couponbook.command.coupon;

import java.time.Instant;
import java.util.List;

/**
 * Whether a redemption of {@code code} by {@code userId} would be accepted now, and if not every
 * reason with its problem code, plus what a cart shows. Book fields are null when the code is
 * not the user's and the caller is not an admin; {@code redemptionsLeft} is the fewest the
 * coupon's, the user's and the book's limits leave, null when none is set or when the user does
 * not hold the coupon; {@code expiresAt} is the coupon's own expiry, null when it has none or
 * the user does not hold it.
 */
public record CouponValidation(String code, String userId, boolean valid, List<Reason> reasons, Integer redemptionsLeft,
                               String bookId, String bookName, Instant validFrom, Instant validUntil, Instant expiresAt) {

    /** One reason a redemption would be refused: the problem {@code code} it would answer and why. */
    public record Reason(String code, String detail) {
    }
}
