package dev.couponbook.messages.coupon;

/**
 * Asks to give {@code userId} a random free code of {@code bookId}, as assignment
 * {@code assignmentId}; answered with the code. The limit is checked before a code is taken, so
 * one user's burst of requests never holds codes other users could get.
 */
public record AssignFreeCoupon(String bookId, String userId, String assignmentId) {
}
