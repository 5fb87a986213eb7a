package dev.couponbook.messages.couponbook;

/** Which book has this id? Answered with a {@link CouponBookView}, or null when unknown. */
public record FindCouponBook(String bookId) {
}
