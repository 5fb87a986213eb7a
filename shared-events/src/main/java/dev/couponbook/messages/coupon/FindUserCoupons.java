package dev.couponbook.messages.coupon;

/** Which coupons does {@code userId} hold (in {@code bookId} when given), newest first? Answered with a {@link UserCouponPage}. */
public record FindUserCoupons(String userId, String bookId, int page, int size) {
}
