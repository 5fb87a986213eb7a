package dev.couponbook.messages.coupon;

import java.time.Instant;
import java.util.List;

/**
 * A coupon as its holder sees it; {@code lockId} and {@code lockedUntil} are null unless it is
 * locked; {@code expiresAt} is when the coupon stops being usable (null: only the book's window
 * applies) and {@code disabled} whether an admin has taken it out of use.
 */
public record UserCouponView(
        String code,
        String bookId,
        String userId,
        CouponStatus status,
        Instant assignedAt,
        String lockId,
        Instant lockedUntil,
        int redemptionCount,
        List<RedemptionView> redemptions,
        Instant expiresAt,
        boolean disabled) {
}
