package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;

import java.util.Map;

/** What a book holds after an update: its terms and its metadata. */
public record UpdatedCouponBook(CouponBookTerms terms, Map<String, String> metadata) {
}
