package dev.couponbook.messages.coupon;

/**
 * Asks to give this code of {@code bookId} to {@code userId}, as assignment {@code assignmentId}.
 * The user's wallet and the code's coupon decide together, in one unit of work: the book's
 * per-user limit, then whether the code can be handed out.
 */
public record AssignCoupon(String code, String bookId, String userId, String assignmentId) {
}
