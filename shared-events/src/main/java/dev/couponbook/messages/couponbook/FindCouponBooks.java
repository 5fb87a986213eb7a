package dev.couponbook.messages.couponbook;

/** Which books exist, newest first, one page at a time? Answered with a {@link CouponBookPage}. */
public record FindCouponBooks(int page, int size) {
}
