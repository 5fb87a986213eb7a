package dev.couponbook.messages.couponbook;

import java.util.List;

/** One page of books with the total count. */
public record CouponBookPage(List<CouponBookView> items, int page, int size, long total) {
}
